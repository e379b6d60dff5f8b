/**
 * The `newsbrief extract <file>` command's logic: read a French text or
 * Markdown file, find its figures, and format them as an aligned table or
 * as JSON. The command line in src/cli.ts only maps the result to streams
 * and an exit code.
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { lineLocator } from "../diagnostics.ts";
import { readTextFile } from "../io.ts";
import { extractFigures } from "./index.ts";
import type { ExtractedFigure } from "./types.ts";

/** Options of `newsbrief extract`. */
export interface ExtractOptions {
  /**
   * Print a pretty-printed JSON array of {@link ExtractedFigure} instead of the table.
   * @default false
   */
  json?: boolean;
}

/** What `newsbrief extract` found and what it prints. */
export interface ExtractRun {
  /** The file as read: BOM (as U+FEFF) and CRLF kept, so offsets are offsets into it. */
  text?: string;
  /** Where the body starts: after the front matter, 0 without one. */
  bodyStart: number;
  /** The figures of the body, offsets into the whole file. */
  figures: ExtractedFigure[];
  /** Problems reading the file. */
  diagnostics: Diagnostic[];
  /** What goes to standard output when there is no error. */
  output: string;
}

/** Reads `file` (relative to `cwd`) and extracts its figures. */
export async function extractFile(cwd: string, file: string, options: ExtractOptions = {}): Promise<ExtractRun> {
  const diagnostics: Diagnostic[] = [];
  const text = await readTextFile(path.resolve(cwd, file), file, diagnostics, { normalize: false });
  if (text === undefined) return { bodyStart: 0, figures: [], diagnostics, output: "" };
  const figures = extractFromDocument(text);
  const output = options.json ? formatJson(figures) : formatTable(text, figures);
  return { text, bodyStart: frontMatterEnd(text), figures, diagnostics, output };
}

/**
 * The figures of a document as read: figures inside a Markdown front matter
 * are left out, and offsets count from the start of the file (a BOM counts
 * as one code unit, CRLF as two).
 */
export function extractFromDocument(text: string): ExtractedFigure[] {
  const bodyStart = frontMatterEnd(text);
  return extractFigures(text.slice(bodyStart)).map((f) => ({ ...f, start: f.start + bodyStart, end: f.end + bodyStart }));
}

/**
 * Where the body of a Markdown file starts: just after the closing `---`
 * (or `...`) line of a front matter that opens the file, else 0.
 */
export function frontMatterEnd(text: string): number {
  const open = /^\ufeff?---[ \t]*\r?\n/.exec(text);
  if (!open) return 0;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(open[0].length);
  const found = close.exec(rest);
  return found ? open[0].length + found.index + found[0].length : 0;
}

/** 1-based line and column of an offset; columns count UTF-16 code units, a BOM is not counted. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = text.startsWith("\ufeff") ? 1 : 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}


/** The JSON output: an array of figures, keys in a fixed order, two-space indent, one trailing newline. */
export function formatJson(figures: readonly ExtractedFigure[]): string {
  const ordered = figures.map((f) => ({ text: f.text, start: f.start, end: f.end, value: f.value, unit: f.unit, ...(f.approx ? { approx: true } : {}) }));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Shows a value in the table: numbers as JavaScript writes them, ranges as `from–to`. */
export function showValue(value: ExtractedFigure["value"]): string {
  if (Array.isArray(value)) return `${value[0]}–${value[1]}`;
  return String(value);
}

/** The human-readable table: `line:col  text  value  unit  approx`, aligned, with a count line. */
export function formatTable(text: string, figures: readonly ExtractedFigure[]): string {
  const header = ["where", "text", "value", "unit", "approx"];
  const locate = lineLocator(text);
  const rows = figures.map((f) => {
    const { line, column } = locate(f.start);
    return [`${line}:${column}`, f.text.replace(/[\r\n\t]+/g, " "), showValue(f.value), f.unit, f.approx ? "approx" : ""];
  });
  // A loop, not Math.max(...rows): a file can hold more figures than a call has room for arguments.
  const widths = header.map((h, c) => rows.reduce((width, r) => Math.max(width, [...r[c]!].length), h.length));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell + " ".repeat(widths[c]! - [...cell].length))).join("  ").trimEnd();
  const lines = [line(header), ...rows.map(line)];
  lines.push(`${figures.length} figure(s)`);
  return `${lines.join("\n")}\n`;
}
