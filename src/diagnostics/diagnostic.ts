/**
 * Diagnostics: every user-facing problem is one of these, modelled on
 * vfile-message (file, position, severity, rule id, expected vs actual).
 */

/** How serious a diagnostic is. Errors fail the run; warnings are printed only. */
export type Severity = "error" | "warning";

/** One problem found in an input or an output. */
export interface Diagnostic {
  /** Path of the file, relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 0 when the problem concerns the whole file or line. */
  column: number;
  severity: Severity;
  /** Stable rule id, such as `facts/unknown-key` or `verify/unmatched-figure`. */
  rule: string;
  /** One sentence saying what is wrong, for a newsroom editor. */
  message: string;
  /** Dotted path of the field concerned, when there is one (`facts.2.value`). */
  path?: string;
  /** What was expected. */
  expected?: string;
  /** What was found. */
  actual?: string;
  /** For a problem in an output: the input where the offending text was written (facts.yaml, a locale file, a template). */
  origin?: { file: string; line: number; column: number };
  /** For a problem in an input's text (a lint finding): the output line where that text shows. */
  shownAt?: { file: string; line: number; column: number };
  /**
   * The problem is with how the command was called or how the project is set
   * up (a missing folder, a bad argument), not with the content: exit 2.
   */
  usage?: true;
}

/** Input to {@link diagnostic}: position fields may be left out. */
export type DiagnosticInit = Omit<Diagnostic, "line" | "column" | "severity"> &
  Partial<Pick<Diagnostic, "line" | "column" | "severity">>;

/** Builds a diagnostic, defaulting to an error at the top of the file. */
export function diagnostic(init: DiagnosticInit): Diagnostic {
  return { line: 0, column: 0, severity: "error", ...init };
}

/** Orders diagnostics by file, line, column, then rule, as vfile-reporter does. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit string comparison, independent of the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What kind of failure the errors among `diagnostics` are: `usage` when any of
 * them is a usage problem, `content` otherwise, undefined when there is none.
 */
export function failureOf(diagnostics: readonly Diagnostic[]): "usage" | "content" | undefined {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return undefined;
  return errors.some((d) => d.usage) ? "usage" : "content";
}

/** True when at least one diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * Formats one diagnostic as `file:line:col  error  message  [rule]`,
 * followed by indented `expected`/`found` lines when known, and a `from`
 * line naming the input an output's problem was written in.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const field = d.path ? ` at \`${d.path}\`` : "";
  let text = `${where}  ${d.severity}  ${d.message}${field}  [${d.rule}]`;
  if (d.expected !== undefined) text += `\n    expected: ${d.expected}`;
  if (d.actual !== undefined) text += `\n    found:    ${d.actual}`;
  if (d.origin !== undefined) text += `\n    from:     ${d.origin.file}:${d.origin.line}:${d.origin.column}`;
  return text;
}

/** Formats a sorted report of diagnostics with a closing count line. */
export function formatReport(diagnostics: readonly Diagnostic[]): string {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const errors = sorted.filter((d) => d.severity === "error").length;
  const warnings = sorted.length - errors;
  const lines = sorted.map(formatDiagnostic);
  lines.push(`${plural(errors, "error")}, ${plural(warnings, "warning")}`);
  return lines.join("\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Shows a value found in an input in a message, shortened and JSON-quoted. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = "nothing";
  else if (typeof value === "number" && !Number.isFinite(value)) text = String(value);
  else text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * 1-based line and column (in UTF-16 code units, a leading BOM not counted)
 * of many offsets of one text: the newlines are indexed once, then each
 * offset is found by binary search.
 */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) newlines.push(i);
  const first = text.startsWith("\ufeff") ? 1 : 0;
  return (offset) => {
    // How many newlines stand before `offset`.
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (newlines[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return { line: low + 1, column: offset - (low === 0 ? first : newlines[low - 1]! + 1) + 1 };
  };
}
