/** The `newsbrief new <slug> --from <file>` command: a new article folder from a French text. */
import path from "node:path";
import { failureOf, formatReport, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CommandError, UsageError } from "../errors.ts";
import { extractFigures } from "../extract/index.ts";
import { readTextFile } from "../io/read.ts";
import { createArticleFolder } from "../io/scaffold.ts";
import type { FigureReader } from "../provenance/consistency.ts";
import { checkSlug, planNewArticle, type NewArticlePlan } from "../provenance/new.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";
import type { DraftInput } from "../provenance/draft.ts";
import { storyTypeNamed } from "./templates.ts";

/**
 * Reads `from` (relative to `cwd`) and creates `content/<slug>/`; returns what went wrong, if anything.
 * `problems` found before (an unknown story type) are reported with the others, and nothing is written.
 */
export async function createArticle(paths: ProjectPaths, slug: string, from: string, cwd: string, read: FigureReader, type?: DraftInput["type"], problems: readonly Diagnostic[] = []): Promise<NewArticlePlan & { folder: string }> {
  const folder = `${paths.content}/${slug}`;
  const diagnostics: Diagnostic[] = [...problems];
  const text = await readTextFile(path.resolve(cwd, from), from, diagnostics, { argument: true });
  // An unreadable file, a bad slug and an unknown story type are all reported in the same run.
  if (text === undefined) return { files: [], diagnostics: [...checkSlug(slug, paths.content), ...diagnostics], figures: 0, folder };
  const plan = planNewArticle(slug, text, paths.content, read, from, type);
  if (hasErrors(plan.diagnostics) || hasErrors(problems)) return { ...plan, diagnostics: [...problems, ...plan.diagnostics], files: [], folder };
  const written = await createArticleFolder(paths, slug, plan.files);
  return written.length > 0 ? { files: [], diagnostics: written, figures: 0, folder } : { ...plan, folder };
}

/** Runs `newsbrief new`: creates the folder and says what to do next; throws when nothing was written. */
export async function runNew(proc: CliProcess, paths: ProjectPaths, slug: string | undefined, from: string | undefined, typeName?: string): Promise<void> {
  const problems: Diagnostic[] = [];
  const type = typeName === undefined ? undefined : await storyTypeNamed(paths, typeName, problems);
  if (slug === undefined || from === undefined) {
    // A missing slug or text, said with the other problems of the command line.
    if (slug !== undefined) problems.push(...checkSlug(slug, paths.content));
    if (problems.length > 0) proc.stderr(`${formatReport(problems)}\n`);
    if (slug === undefined) proc.stderr("error: missing required argument 'slug': the article's folder name, such as eu-chips-2026\n");
    if (from === undefined) proc.stderr("error: required option '--from <file>' not specified: the French article to start from\n");
    throw new UsageError("nothing was written. (run `newsbrief new --help` for usage)");
  }
  const created = await createArticle(paths, slug, from, proc.cwd, extractFigures, type ? { name: type.name, measures: type.definition.measures } : undefined, problems);
  if (hasErrors(created.diagnostics)) {
    proc.stderr(`${formatReport(created.diagnostics)}\nnewsbrief: nothing was written.\n`);
    throw new CommandError(failureOf(created.diagnostics)!);
  }
  proc.stdout(`created ${created.folder}/source.fr.md and ${created.folder}/facts.yaml (${created.figures} figure(s) drafted); fill in each TODO, then run \`newsbrief check\`.\n`);
}
