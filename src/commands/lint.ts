/** The `newsbrief lint` command: spelling and typography of every brief, reported at the inputs. */
import { compareDiagnostics, failureOf, formatReport, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { lintSources, spellersFor } from "../build/lint.ts";
import { reviewInputs } from "../build/review.ts";
import { parseConfig } from "../content/config.ts";
import { CommandError, UsageError } from "../errors.ts";
import { isFolder, readProject } from "../io/read.ts";
import { lintBriefs } from "../lint/lint.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";

/**
 * Renders every article (or those named), lints each brief's lines with
 * every rule and prints the findings; fails (exit 1) on an error finding,
 * or when the articles cannot be rendered.
 */
export async function runLint(proc: CliProcess, paths: ProjectPaths, slugs: readonly string[]): Promise<void> {
  if (!(await isFolder(paths.root, paths.content))) throw new UsageError(`the folder \`${paths.content}\` does not exist in ${paths.root}`);
  const only = slugs.length > 0 ? { articles: new Set(slugs) } : {};
  const inputs = await readProject(paths, only);
  const project = reviewInputs(inputs, paths);
  const missing = slugs.filter((slug) => !project.articles.some((a) => a.slug === slug));
  if (missing.length > 0) throw new UsageError(`no article named ${missing.map((s) => `\`${s}\``).join(", ")} in ${paths.content}/`);
  const settings = parseConfig(inputs.config?.text, inputs.config?.file).config.lint;
  // The problems of the settings, locales and templates, and of the articles that cannot be rendered: lint needs the briefs.
  const diagnostics: Diagnostic[] = [...project.diagnostics];
  for (const article of project.articles) if (article.briefs.length === 0) diagnostics.push(...article.diagnostics);
  const briefs = project.articles.flatMap((a) => a.briefs.map((b) => ({ file: b.file, locale: b.locale, markdown: b.markdown })));
  const spellers = briefs.length > 0 ? await spellersFor(paths, "all", settings, diagnostics) : {};
  diagnostics.push(...lintBriefs(briefs, lintSources(inputs), spellers, settings).map((f) => f.diagnostic));
  diagnostics.sort(compareDiagnostics);
  if (diagnostics.length > 0) proc.stderr(`${formatReport(diagnostics)}\n`);
  const failure = failureOf(diagnostics);
  if (failure) throw new CommandError(failure, "lint failed.");
  proc.stdout(`${briefs.length} brief(s) linted: ${diagnostics.length === 0 ? "no finding" : `${diagnostics.length} warning(s)`}.\n`);
}
