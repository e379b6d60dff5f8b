/**
 * The `newsbrief extract <file>` command's logic: read a French text or
 * Markdown file, find its figures, and format them as an aligned table or
 * as JSON, or draft a facts.yaml from them.
 */
import path from "node:path";
import { failureOf, formatReport, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CommandError, UsageError } from "../errors.ts";
import { readTextFile } from "../io/read.ts";
import { extractFigures } from "../extract/index.ts";
import { extractFromDocument, formatJson, formatTable } from "../extract/document.ts";
import { frontMatterEnd } from "../plan/front-matter.ts";
import { draftFromDocument } from "../provenance/draft.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";
import { storyTypeNamed } from "./templates.ts";
import type { ExtractedFigure } from "../extract/types.ts";

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
  const text = await readTextFile(path.resolve(cwd, file), file, diagnostics, { normalize: false, argument: true });
  if (text === undefined) return { bodyStart: 0, figures: [], diagnostics, output: "" };
  const figures = extractFromDocument(text);
  const output = options.json ? formatJson(figures) : formatTable(text, figures);
  return { text, bodyStart: frontMatterEnd(text), figures, diagnostics, output };
}

/** Runs `newsbrief extract`: prints the table, the JSON or the draft; throws when the file cannot be read. */
export async function runExtract(proc: CliProcess, file: string, options: { json?: boolean; draft?: boolean; type?: string }, paths?: ProjectPaths): Promise<void> {
  if (options.type !== undefined && !options.draft) throw new UsageError("--type goes with --draft: it names the story type of the draft");
  const problems: Diagnostic[] = [];
  const type = options.type !== undefined && paths ? await storyTypeNamed(paths, options.type, problems) : undefined;
  const result = await extractFile(proc.cwd, file, { json: options.json === true });
  // An unknown story type and an unreadable file are reported together.
  result.diagnostics.unshift(...problems);
  if (result.diagnostics.length > 0) proc.stderr(`${formatReport(result.diagnostics)}\n`);
  const failure = failureOf(result.diagnostics);
  if (failure) throw new CommandError(failure);
  proc.stdout(options.draft ? draftFromDocument(result.text ?? "", extractFigures, type ? { name: type.name, measures: type.definition.measures } : undefined) : result.output);
}
