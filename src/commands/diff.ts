/** The `newsbrief diff` command: runs the comparison and prints the report. */
import type { CliProcess } from "../types.ts";
import { formatReport } from "../diagnostics/diagnostic.ts";
import { UsageError } from "../errors.ts";
import { isFolder } from "../io/read.ts";
import { checkOutputLocation } from "../io/paths.ts";
import { type ProjectPaths } from "../types.ts";
import { GitError } from "../io/git.ts";
import { diffProject } from "../review/diff.ts";
import { formatJson, formatMarkdown } from "../review/format.ts";
import { progressOf } from "../build/progress.ts";

/** Options of the command. */
export interface DiffCommandOptions {
  base?: string;
  format: "markdown" | "json";
  verify: boolean;
  /** No progress line. */
  quiet?: boolean;
}

/**
 * Prints the report on stdout. Ends normally when the report was made
 * (whatever it says; `newsbrief check` is what fails a pull request); a
 * problem with git, the ref or the project folders is a usage error.
 */
export async function runDiff(proc: CliProcess, paths: ProjectPaths, options: DiffCommandOptions): Promise<void> {
  const location = checkOutputLocation(paths);
  if (location.length > 0) {
    proc.stderr(`${formatReport(location)}\n`);
    throw new UsageError();
  }
  if (!(await isFolder(paths.root, paths.content))) throw new UsageError(`the folder \`${paths.content}\` does not exist in ${paths.root}`);
  try {
    const progress = progressOf(proc, options.quiet);
    const report = await diffProject(paths, { ...(options.base === undefined ? {} : { base: options.base }), verify: options.verify, ...(progress ? { progress } : {}) });
    proc.stdout(options.format === "json" ? formatJson(report) : formatMarkdown(report));
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
}
