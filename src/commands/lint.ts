/** The `newsbrief lint` command: spelling and typography of every brief, reported at the inputs. */
import { compareDiagnostics, failureOf, formatReport, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { gatherReview } from "../build/review.ts";
import { parseConfig } from "../content/config.ts";
import { CommandError, UsageError } from "../errors.ts";
import { loadSpeller } from "../io/dictionaries.ts";
import { isFolder, readProject } from "../io/read.ts";
import { lintBriefs, severityOf, type LintSource } from "../lint/lint.ts";
import type { Speller } from "../lint/rules.ts";
import { LOCALES, type CliProcess, type Locale, type ProjectPaths } from "../types.ts";

/**
 * Renders every article (or those named), lints each brief's lines and
 * prints the findings; fails (exit 1) on an error finding, or when the
 * articles cannot be rendered.
 */
export async function runLint(proc: CliProcess, paths: ProjectPaths, slugs: readonly string[]): Promise<void> {
  if (!(await isFolder(paths.root, paths.content))) throw new UsageError(`the folder \`${paths.content}\` does not exist in ${paths.root}`);
  const only = slugs.length > 0 ? { articles: new Set(slugs) } : {};
  const [inputs, project] = await Promise.all([readProject(paths, only), gatherReview(paths, only)]);
  const missing = slugs.filter((slug) => !project.articles.some((a) => a.slug === slug));
  if (missing.length > 0) throw new UsageError(`no article named ${missing.map((s) => `\`${s}\``).join(", ")} in ${paths.content}/`);
  const settings = parseConfig(inputs.config?.text, inputs.config?.file).config.lint;
  const spellers: Partial<Record<Locale, Speller>> = {};
  if (severityOf("spelling", settings) !== "off") for (const locale of LOCALES) spellers[locale] = await loadSpeller(paths, locale);
  const sources: LintSource[] = [
    ...inputs.locales.map((l) => ({ file: l.file, text: l.text, kind: "locale" as const, locale: l.locale })),
    ...inputs.articles.map((a) => ({ file: a.factsFile, text: a.factsText, kind: "facts" as const })),
    ...inputs.templates.map((t) => ({ file: t.file, text: t.text, kind: "template" as const })),
  ];
  const diagnostics: Diagnostic[] = [];
  // The articles that cannot be rendered are reported with their problems: lint needs the briefs.
  for (const article of project.articles) if (article.briefs.length === 0) diagnostics.push(...article.diagnostics);
  const briefs = project.articles.flatMap((a) => a.briefs.map((b) => ({ file: b.file, locale: b.locale, markdown: b.markdown })));
  diagnostics.push(...lintBriefs(briefs, sources, spellers, settings).map((f) => f.diagnostic));
  diagnostics.sort(compareDiagnostics);
  if (diagnostics.length > 0) proc.stderr(`${formatReport(diagnostics)}\n`);
  const failure = failureOf(diagnostics);
  if (failure) throw new CommandError(failure, "lint failed.");
  proc.stdout(`${briefs.length} brief(s) linted: ${diagnostics.length === 0 ? "no finding" : `${diagnostics.length} warning(s)`}.\n`);
}
