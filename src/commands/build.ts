/** The `build` and `check` commands: render, verify and write out/, or verify it as it is. */
import { failureOf, formatReport } from "../diagnostics/diagnostic.ts";
import { build, check, preview, type RunResult } from "../build/pipeline.ts";
import { CommandError, LockError } from "../errors.ts";
import type { SourceCoverage } from "../provenance/check.ts";
import { progressOf } from "../build/progress.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";

/** Options of `newsbrief build`. */
export interface BuildCommandOptions {
  /** Dry run: report outputs that differ from out/ instead of writing. */
  check?: boolean;
  /** Reuse unchanged articles' verified outputs. */
  cache: boolean;
  /** How long to wait for another build, in seconds. */
  wait: number;
  /** Worker threads. */
  jobs?: number;
  /** No progress line. */
  quiet?: boolean;
}

/** Runs `newsbrief build`. */
export async function runBuild(proc: CliProcess, paths: ProjectPaths, options: BuildCommandOptions): Promise<void> {
  const progress = progressOf(proc, options.quiet);
  const result = await build(paths, { dryRun: options.check === true, cache: options.cache, waitMs: options.wait * 1000, ...(options.jobs === undefined ? {} : { jobs: options.jobs }), ...(progress ? { progress } : {}) });
  for (const line of result.recovered ?? []) proc.stderr(`newsbrief: ${line}\n`);
  report(proc, result, options.check ? "checked" : "built");
}

/**
 * Runs `newsbrief build --preview <dir>`: the briefs go to `dir` even when
 * verification fails, and the problems are reported at their lines there.
 */
export async function runPreview(proc: CliProcess, paths: ProjectPaths, dir: string): Promise<void> {
  const result = await preview(paths, dir);
  if (result.diagnostics.length > 0) proc.stderr(`${formatReport(result.diagnostics)}\n`);
  const failure = failureOf(result.diagnostics);
  if (failure === "usage") throw new CommandError(failure, "nothing was written.");
  proc.stdout(`${result.previewed.length} file(s) written to ${dir}/ for preview; ${paths.out}/ is untouched.\n`);
  if (failure) throw new CommandError(failure, "the preview shows the problems above; nothing was written to the output folder.");
}

/** Options of `newsbrief check`. */
export interface CheckCommandOptions {
  /** Lint the briefs too, with the rules the settings' `lint.check` selects. */
  lint: boolean;
  jobs?: number;
  quiet?: boolean;
}

/** Runs `newsbrief check`: the verification of out/ and, unless turned off, the lint rules, reported together. */
export async function runCheck(proc: CliProcess, paths: ProjectPaths, options: CheckCommandOptions = { lint: true }): Promise<void> {
  const progress = progressOf(proc, options.quiet);
  report(proc, await check(paths, { lint: options.lint, ...(options.jobs === undefined ? {} : { jobs: options.jobs }), ...(progress ? { progress } : {}) }), "checked");
}

/** Prints a run's diagnostics and summary; throws when it failed. */
function report(proc: CliProcess, result: RunResult, verb: "built" | "checked"): void {
  if (result.diagnostics.length > 0) proc.stderr(`${formatReport(result.diagnostics)}\n`);
  if (result.lockedBy) throw new LockError();
  const failure = failureOf(result.diagnostics);
  if (failure) throw new CommandError(failure, verb === "built" ? "nothing was written." : "check failed.");
  if (result.coverage && result.coverage.length > 0) proc.stdout(`${coverageLine(result.coverage)}\n`);
  const written = verb === "built" ? `, ${result.changed.length === 0 ? "out/ already up to date" : `${result.changed.length} file(s) written`}` : "";
  const cached = result.cached > 0 ? ` (${result.cached} unchanged article(s) reused from the last verified build)` : "";
  proc.stdout(`${result.articles} article(s), ${result.files.length} file(s), ${result.figuresVerified} figure(s) verified${cached}${written}.\n`);
}

/** The summary line of one or more articles' coverage. */
function coverageLine(coverage: readonly SourceCoverage[]): string {
  const total = coverage.reduce((sum, c) => ({ figures: sum.figures + c.figures, covered: sum.covered + c.covered, ignored: sum.ignored + c.ignored }), { figures: 0, covered: 0, ignored: 0 });
  const articles = coverage.length === 1 ? "" : ` (${coverage.length} articles)`;
  return `source figures: ${total.figures}, covered: ${total.covered}, ignored: ${total.ignored}${articles}`;
}
