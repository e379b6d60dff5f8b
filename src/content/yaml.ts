/**
 * YAML with positions: the one YAML reader for facts, front matter and
 * locale files. Pure: takes text, returns a value, a position finder and
 * diagnostics. Aliases, merge keys, explicit tags and duplicate keys are
 * refused, so content can neither blow up nor smuggle in behaviour.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, parseDocument, visit } from "yaml";
import type { Document, Node } from "yaml";
import { lineLocator, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { readPlainYaml } from "./yaml-plain.ts";

/** A parsed YAML (or JSON) file that can say where each field stands. */
export interface PositionedYaml {
  /** The plain JavaScript value; `undefined` when the text could not be parsed. */
  value: unknown;
  /** Problems of syntax and of refused YAML features. */
  diagnostics: Diagnostic[];
  /**
   * Line and column of the node at `path`, or of its nearest existing
   * ancestor. With `key: true`, the position of the map key instead of its value.
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): { line: number; column: number };
}

/** Options of {@link parseYaml}. */
export interface ParseYamlOptions {
  /** File name used in diagnostics. */
  file: string;
  /**
   * Lines before the YAML text in its file (front matter starts on line 2).
   * @default 0
   */
  lineOffset?: number;
}

/**
 * Parses YAML 1.2 (core schema) with positions; never throws on bad input.
 * Plain YAML, as facts and front matter are written, is read by the quick
 * reader; its positions, needed only for a diagnostic, are then read with the
 * YAML parser when first asked for.
 */
export function parseYaml(text: string, options: ParseYamlOptions): PositionedYaml {
  const deep = nestingProblem(text, options);
  if (deep) return { value: undefined, diagnostics: [deep], locate: () => ({ line: 1 + (options.lineOffset ?? 0), column: 1 }) };
  const plain = readPlainYaml(text);
  if (plain === undefined) return parseFully(text, options);
  let positioned: PositionedYaml | undefined;
  return { value: plain.value, diagnostics: [], locate: (path, opts) => (positioned ??= parseFully(text, options)).locate(path, opts) };
}

/**
 * Parses a JSON file (the locale files, the settings) with positions; never
 * throws on bad input. JSON is read as JSON: text that only YAML accepts (a
 * trailing comma, a comment, a single-quoted string) is a `json/syntax`
 * problem at its place, since other tools reading the file would refuse it.
 * A repeated key and every other problem are reported as {@link parseYaml}
 * reports them.
 */
export function parseJson(text: string, options: ParseYamlOptions): PositionedYaml {
  const deep = nestingProblem(text, options);
  if (deep) return { value: undefined, diagnostics: [deep], locate: () => ({ line: 1, column: 1 }) };
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith("\ufeff") ? text.slice(1) : text);
  } catch (error) {
    const yaml = parseFully(text, options);
    if (yaml.diagnostics.length > 0) return yaml;
    const reason = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(reason);
    const offset = position ? Number(position[1]) + (text.startsWith("\ufeff") ? 1 : 0) : 0;
    const at = lineLocator(text)(offset);
    const diagnostic = diagnose(CATALOGUE["json/syntax"], { reason: reason.replace(/ in JSON at position \d+.*$/, "") }, { file: options.file, ...at, expected: "JSON: double-quoted keys and texts, no trailing comma, no comment" });
    return { value: undefined, diagnostics: [diagnostic], locate: yaml.locate };
  }
  // Every string followed by a colon is a key: fewer keys in the value than in the text means one was repeated.
  const written = [...text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?/g)].filter((m) => m[1] !== undefined).length;
  if (written !== keysIn(value)) return parseFully(text, options);
  let positioned: PositionedYaml | undefined;
  return { value, diagnostics: [], locate: (path, opts) => (positioned ??= parseFully(text, options)).locate(path, opts) };
}

function keysIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + keysIn(item), 0);
  if (value === null || typeof value !== "object") return 0;
  return Object.values(value).reduce((n: number, item) => n + 1 + keysIn(item), 0);
}

/** Whether `text` holds at most `max` opening brackets and braces, quoted or not. */
function openersAtMost(text: string, max: number): boolean {
  let count = 0;
  for (const opener of ["[", "{"]) {
    for (let at = text.indexOf(opener); at !== -1; at = text.indexOf(opener, at + 1)) if (++count > max) return false;
  }
  return true;
}

/** How deep brackets and braces may nest in a YAML or JSON file: far more than any dataset needs. */
export const MAX_NESTING = 100;

/**
 * A file whose brackets and braces open more than {@link MAX_NESTING} deep
 * is refused before any parser reads it, at the bracket that goes too deep:
 * parsers recurse, and a few kilobytes of `[[[[` would exhaust their stack.
 * Read as YAML reads them (JSON is YAML too): a bracket opens a collection
 * where a value starts (at the start of a line, after `: `, `- `, `[`, `{`
 * or `,`), and anywhere inside a collection; quoted texts and comments are
 * skipped, and a bracket inside a plain text is text.
 */
function nestingProblem(text: string, options: ParseYamlOptions): Diagnostic | undefined {
  // No more openers in the whole text than the limit: nothing can nest deeper, and nothing is scanned.
  if (openersAtMost(text, MAX_NESTING)) return undefined;
  let depth = 0;
  // The last character of the line that is not a space: "" at the start of a line.
  let previous = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") {
      previous = "";
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") continue;
    const spaced = text[i - 1] === " " || text[i - 1] === "\t";
    const valueStarts = previous === "" || previous === "[" || previous === "{" || previous === "," || ((previous === ":" || previous === "-" || previous === "?") && spaced);
    if (ch === "#" && (previous === "" || spaced)) {
      const end = text.indexOf("\n", i);
      if (end === -1) break;
      i = end - 1;
      continue;
    }
    if ((ch === '"' || ch === "'") && valueStarts) {
      let j = i + 1;
      for (; j < text.length; j++) {
        const c = text[j];
        if (ch === '"' && c === "\\") j++;
        else if (c === ch && ch === "'" && text[j + 1] === "'") j++;
        else if (c === ch) break;
      }
      i = j;
      previous = ch;
      continue;
    }
    if ((ch === "[" || ch === "{") && (depth > 0 || valueStarts)) {
      if (++depth > MAX_NESTING) {
        const pos = lineLocator(text)(i);
        return diagnose(CATALOGUE["yaml/too-deep"], { max: MAX_NESTING }, { file: options.file, line: pos.line + (options.lineOffset ?? 0), column: pos.column, expected: `at most ${MAX_NESTING} levels of [ and {` });
      }
    } else if ((ch === "]" || ch === "}") && depth > 0) {
      depth--;
    }
    previous = ch;
  }
  return undefined;
}

/**
 * The offset of the innermost `opener` ({ or [) still open at `end`, if any:
 * brackets inside quoted texts and comments are passed over.
 */
function unclosedOpener(text: string, end: number, opener: "{" | "["): number | undefined {
  const open: Array<{ char: string; at: number }> = [];
  for (let i = 0; i < end && i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const next = text.indexOf("\n", i);
      if (next === -1) break;
      i = next;
    } else if ((ch === '"' || ch === "'") && open.length > 0) {
      // Inside brackets, a quote starts a quoted text: up to its closing quote, on the same line.
      for (i++; i < end && text[i] !== ch && text[i] !== "\n"; i++) if (ch === '"' && text[i] === "\\") i++;
    } else if (ch === "{" || ch === "[") {
      open.push({ char: ch, at: i });
    } else if ((ch === "}" || ch === "]") && open.length > 0) {
      open.pop();
    }
  }
  for (let k = open.length - 1; k >= 0; k--) if (open[k]!.char === opener) return open[k]!.at;
  return undefined;
}

function parseFully(text: string, options: ParseYamlOptions): PositionedYaml {
  const { file, lineOffset = 0 } = options;
  const doc = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
    schema: "core",
    strict: true,
    intAsBigInt: false,
    // Warnings become diagnostics below; nothing is printed by the library.
    logLevel: "silent",
  });
  // Positions come from the text itself: yaml's LineCounter misses the
  // newlines inside the tokens it skips while recovering from an error, and
  // then names a line too early and a column past its end.
  const locateOffset = lineLocator(text);
  const at = (offset: number) => {
    const pos = locateOffset(offset);
    return { line: pos.line + lineOffset, column: pos.column };
  };
  const diagnostics: Diagnostic[] = [];
  const problems = [...doc.errors, ...doc.warnings];
  // One broken bracket can cascade into hundreds of errors: the first few say it all.
  const shown = problems.slice(0, MAX_SYNTAX_ERRORS);
  if (problems.length > shown.length) {
    const [offset = 0] = problems[shown.length]!.pos;
    diagnostics.push(diagnose(CATALOGUE["yaml/syntax"], { more: problems.length - shown.length }, { file, ...at(offset) }));
  }
  const repeated = repeatedKeys(doc);
  for (const error of shown) {
    const [offset = 0] = error.pos;
    const repeat = error.code === "DUPLICATE_KEY" ? repeated.get(offset) : undefined;
    if (repeat) {
      const first = at(repeat.first);
      diagnostics.push(
        diagnose(CATALOGUE["yaml/<parser-code>"], { code: error.code, text: `the key \`${repeat.key}\` is written a second time in this mapping (first at line ${first.line})` }, {
          file,
          ...at(offset),
          expected: `\`${repeat.key}\` once: keep the right one and remove the other`,
          actual: `\`${repeat.key}\` at lines ${first.line} and ${at(offset).line}`,
        }),
      );
      continue;
    }
    // A bracket never closed is noticed where the next line starts: it is named where it opens.
    const closer = /end with an? ([}\]])/.exec(error.message)?.[1] as "}" | "]" | undefined;
    const opened = closer ? unclosedOpener(text, offset, closer === "}" ? "{" : "[") : undefined;
    if (opened !== undefined) {
      const noticed = at(offset);
      diagnostics.push(
        diagnose(CATALOGUE["yaml/<parser-code>"], { code: error.code, text: `this ${closer === "}" ? "{" : "["} is never closed` }, {
          file,
          ...at(opened),
          expected: `a ${closer} to close it before line ${noticed.line}`,
        }),
      );
      continue;
    }
    diagnostics.push(
      diagnose(CATALOGUE["yaml/<parser-code>"], { code: error.code, text: firstLine(error.message) }, {
        file,
        ...at(offset),
      }),
    );
  }
  visit(doc, {
    Node(_key, node) {
      const offset = node.range?.[0] ?? 0;
      if (isAlias(node)) {
        diagnostics.push(
          diagnose(CATALOGUE["yaml/alias"], { kind: "aliases", mark: `*${node.source}` }, { file, ...at(offset) }),
        );
      } else if (node.tag !== undefined && hasExplicitTag(text, offset)) {
        diagnostics.push(
          diagnose(CATALOGUE["yaml/tag"], { tag: node.tag }, { file, ...at(tagStart(text, offset)), actual: node.tag }),
        );
      } else if (isNode(node) && "anchor" in node && node.anchor) {
        const anchorAt = text.lastIndexOf(`&${node.anchor}`, offset);
        diagnostics.push(
          diagnose(CATALOGUE["yaml/alias"], { kind: "anchors", mark: `&${node.anchor}` }, { file, ...at(anchorAt === -1 ? offset : anchorAt) }),
        );
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === "<<") {
        const offset = pair.key.range?.[0] ?? 0;
        diagnostics.push(diagnose(CATALOGUE["yaml/merge-key"], {}, { file, ...at(offset) }));
      }
    },
  });
  // The parser's "Unresolved tag" says again what the tag's own report says, at the same place.
  const tagged = new Set(diagnostics.filter((d) => d.rule === "yaml/tag" && d.actual !== undefined).map((d) => `${d.line}:${d.column}`));
  for (let i = diagnostics.length - 1; i >= 0; i--) {
    const d = diagnostics[i]!;
    if (d.rule === "yaml/tag" && d.actual === undefined && tagged.has(`${d.line}:${d.column}`)) diagnostics.splice(i, 1);
  }
  let value: unknown;
  if (!diagnostics.some((d) => d.rule !== "yaml/duplicate-key" && d.rule !== "yaml/merge-key")) {
    value = doc.toJS({ maxAliasCount: 0 });
  }
  return { value, diagnostics, locate: (path, opts) => locate(doc, path, opts?.key ?? false, at) };
}

function locate(
  doc: Document,
  path: readonly PropertyKey[],
  key: boolean,
  at: (offset: number) => { line: number; column: number },
): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    if (key && depth === path.length && depth > 0) {
      const parent = depth === 1 ? doc.contents : doc.getIn(prefix.slice(0, -1), true);
      if (isMap(parent)) {
        const last = prefix[prefix.length - 1];
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
        if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
    }
    const node = depth === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) return at(node.range[0]);
    if (isPair(node) && isNode(node.key) && node.key.range) return at(node.key.range[0]);
  }
  return at(0);
}

const TAG_BEFORE = /![^\s]*\s*$/;

function hasExplicitTag(text: string, offset: number): boolean {
  // The yaml package sets `tag` on implicitly typed nodes too; an explicit
  // tag is one written in the source, just before the node.
  return TAG_BEFORE.test(text.slice(Math.max(0, offset - 64), offset)) || text[offset] === "!";
}

function tagStart(text: string, offset: number): number {
  const from = Math.max(0, offset - 64);
  const match = TAG_BEFORE.exec(text.slice(from, offset));
  return match ? from + match.index : offset;
}

/** How many YAML syntax problems of one file are listed. */
export const MAX_SYNTAX_ERRORS = 10;

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

/** True for a YAML node that is a mapping or a sequence. */
export function isCollection(node: unknown): node is Node {
  return isMap(node) || isSeq(node);
}

/** Each key written again in its mapping, by where it starts: its text and where its first writing starts. */
function repeatedKeys(doc: Document): Map<number, { key: string; first: number }> {
  const repeated = new Map<number, { key: string; first: number }>();
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const first = seen.get(pair.key.value);
        if (first === undefined) seen.set(pair.key.value, pair.key.range[0]);
        else repeated.set(pair.key.range[0], { key: String(pair.key.value), first });
      }
    },
  });
  return repeated;
}
