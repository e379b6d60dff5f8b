/**
 * Figures of a whole document as `newsbrief extract` shows them: the front
 * matter left out, offsets into the file as read, as a table or as JSON.
 */
import { lineLocator } from "../diagnostics/diagnostic.ts";
import { frontMatterEnd } from "../plan/front-matter.ts";
import { extractFigures } from "./index.ts";
import type { ExtractedFigure } from "./types.ts";

/**
 * The figures of a document as read: figures inside a Markdown front matter
 * are left out, and offsets count from the start of the file (a BOM counts
 * as one code unit, CRLF as two).
 */
export function extractFromDocument(text: string): ExtractedFigure[] {
  const bodyStart = frontMatterEnd(text);
  return extractFigures(text.slice(bodyStart)).map((f) => ({ ...f, start: f.start + bodyStart, end: f.end + bodyStart }));
}

/** The JSON output: an array of figures, keys in a fixed order (`bound` and `currencySource` only when present), two-space indent, one trailing newline. */
export function formatJson(figures: readonly ExtractedFigure[]): string {
  const ordered = figures.map((f) => ({
    text: f.text,
    start: f.start,
    end: f.end,
    value: f.value,
    unit: f.unit,
    ...(f.approx ? { approx: true } : {}),
    ...(f.bound ? { bound: f.bound } : {}),
    ...(f.currencySource ? { currencySource: f.currencySource } : {}),
  }));
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
