/** The `newsbrief diff` command: runs the comparison and prints the report. */
import { access } from "node:fs/promises";
import path from "node:path";
import type { CliProcess } from "../cli.ts";
import { formatReport } from "../diagnostics.ts";
import { checkOutputLocation, type ProjectPaths } from "../io.ts";
import { GitError } from "../git.ts";
import { diffProject } from "./diff.ts";
import { formatJson, formatMarkdown } from "./format.ts";

/** Options of the command. */
export interface DiffCommandOptions {
  base?: string;
  format: "markdown" | "json";
  verify: boolean;
}

/**
 * Prints the report on stdout. Exits 0 when the report was made (whatever
 * it says; `newsbrief check` is what fails a pull request), 2 for a problem
 * with git, the ref or the project folders.
 */
export async function runDiff(proc: CliProcess, paths: ProjectPaths, options: DiffCommandOptions): Promise<number> {
  const location = checkOutputLocation(paths);
  if (location.length > 0) {
    proc.stderr(`${formatReport(location)}\n`);
    return 2;
  }
  try {
    await access(path.join(paths.root, paths.content));
  } catch {
    proc.stderr(`newsbrief: the folder \`${paths.content}\` does not exist in ${paths.root}\n`);
    return 2;
  }
  try {
    const report = await diffProject(paths, { ...(options.base === undefined ? {} : { base: options.base }), verify: options.verify });
    proc.stdout(options.format === "json" ? formatJson(report) : formatMarkdown(report));
    return 0;
  } catch (error) {
    if (error instanceof GitError) {
      proc.stderr(`newsbrief: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
