/**
 * The one front-matter splitter: a Markdown file that opens with a `---`
 * line has a YAML block up to the next `---` (or `...`) line, then a body.
 */

/** A file split at its front matter. */
export interface FrontMatterSplit {
  /** The YAML between the fences, with its last newline. */
  yaml: string;
  /** Everything after the closing fence line. */
  body: string;
  /** Offset of the YAML's first character in the file. */
  yamlStart: number;
  /** Offset of the body's first character in the file. */
  bodyStart: number;
}

const OPEN = /^\ufeff?---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/**
 * Splits `text` at its front matter; undefined when the file does not open
 * with a front matter that closes. A BOM and CRLF line endings are allowed,
 * so that offsets stay offsets into the file as read.
 */
export function splitFrontMatter(text: string): FrontMatterSplit | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  // An empty front matter closes on the line right after the opening one.
  const found = CLOSE.exec(rest);
  if (!found) return undefined;
  const bodyStart = open[0].length + found.index + found[0].length;
  return { yaml: rest.slice(0, found.index), body: text.slice(bodyStart), yamlStart: open[0].length, bodyStart };
}

/** Where the body of a Markdown file starts: after its front matter, else 0. */
export function frontMatterEnd(text: string): number {
  return splitFrontMatter(text)?.bodyStart ?? 0;
}
