/** The `newsbrief migrate` command: facts.yaml files of version 1 upgraded to version 2, briefs unchanged. */
import { failureOf, formatReport, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { parseFacts } from "../content/load.ts";
import { migrateFacts } from "../content/migrate.ts";
import { CommandError } from "../errors.ts";
import { readProject } from "../io/read.ts";
import { replaceProjectFile } from "../io/write.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";

/** Runs `newsbrief migrate [--dry-run]`. Nothing is written unless every facts file can be read. */
export async function runMigrate(proc: CliProcess, paths: ProjectPaths, options: { dryRun?: boolean }): Promise<void> {
  const inputs = await readProject(paths);
  // Problems of the content folder itself (missing, not a folder) and of the files in it; templates and locales are not migrated.
  const diagnostics: Diagnostic[] = inputs.diagnostics.filter((d) => d.severity === "error" && (d.file === paths.content || d.file.startsWith(`${paths.content}/`)));
  const planned: Array<{ file: string; text: string; changes: string[] }> = [];
  for (const article of inputs.articles) {
    const parsed = parseFacts(article.factsText, article.factsFile);
    diagnostics.push(...parsed.diagnostics.filter((d) => d.severity === "error"));
    if (!parsed.value) continue;
    const migration = migrateFacts(article.factsText, parsed.value);
    if (migration.changes.length > 0) planned.push({ file: article.factsFile, ...migration });
  }
  if (diagnostics.length > 0) proc.stderr(`${formatReport(diagnostics)}\n`);
  const failure = failureOf(diagnostics);
  if (failure) throw new CommandError(failure, "nothing was migrated.");
  for (const { file, text, changes } of planned) {
    if (!options.dryRun) await replaceProjectFile(paths, file, text);
    proc.stdout(`${file}\n${changes.map((c) => `  ${c}`).join("\n")}\n`);
  }
  proc.stdout(planned.length === 0 ? "every facts file is at version 2 already.\n" : `${planned.length} facts file(s) ${options.dryRun ? "would be" : ""} upgraded to version 2${options.dryRun ? " (dry run: nothing written)" : ""}.\n`.replace("  ", " "));
}
