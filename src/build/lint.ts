/**
 * Running the language rules of `src/lint/` over a project's briefs: the
 * inputs their texts come from, and the spellers when spelling is wanted.
 * Shared by `newsbrief lint` (every rule), `newsbrief check` and the review
 * pages (the rules the settings' `lint.check` selects).
 */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { LintScope, LintSettings } from "../content/config.ts";
import type { ProjectInputs } from "../io/read.ts";
import { lintBriefs, severityOf, type LintBrief, type LintSource } from "../lint/lint.ts";
import type { Speller } from "../lint/rules.ts";
import { briefPath } from "../plan/layout.ts";
import { LOCALES, type ArticleFiles, type Locale, type ProjectPaths } from "../types.ts";

/** The inputs a brief's text can come from: the locale files, the articles' `facts.yaml`, the templates. */
export function lintSources(inputs: ProjectInputs, articles: readonly ArticleFiles[] = inputs.articles): LintSource[] {
  return [
    ...inputs.locales.map((l) => ({ file: l.file, text: l.text, kind: "locale" as const, locale: l.locale })),
    ...articles.map((a) => ({ file: a.factsFile, text: a.factsText, kind: "facts" as const })),
    ...inputs.templates.map((t) => ({ file: t.file, text: t.text, kind: "template" as const })),
  ];
}

/**
 * The spellers of a run: one per locale when the scope is `all` and the
 * settings do not turn spelling off; none otherwise, so that the
 * typography rules alone never load a dictionary. A word list that cannot
 * be read is a problem added to `problems`.
 */
export async function spellersFor(paths: ProjectPaths, scope: LintScope, settings?: LintSettings, problems: Diagnostic[] = []): Promise<Partial<Record<Locale, Speller>>> {
  const spellers: Partial<Record<Locale, Speller>> = {};
  if (scope !== "all" || severityOf("spelling", settings) === "off") return spellers;
  // The dictionaries' code is loaded only by the runs that spell.
  const { loadSpeller } = await import("../io/dictionaries.ts");
  for (const locale of LOCALES) spellers[locale] = await loadSpeller(paths, locale, problems);
  return spellers;
}

/**
 * Lints one article's Markdown briefs (`outputs`, keyed by path inside the
 * output folder), its texts traced to the shared inputs and its own
 * `facts.yaml`: a check lints article by article as it reads them.
 */
export function lintArticle(
  paths: Pick<ProjectPaths, "out">,
  shared: Pick<ProjectInputs, "locales" | "templates">,
  files: ArticleFiles,
  outputs: ReadonlyMap<string, string>,
  spellers: Partial<Record<Locale, Speller>>,
  settings?: LintSettings,
): Diagnostic[] {
  const briefs: LintBrief[] = LOCALES.flatMap((locale) => {
    const markdown = outputs.get(briefPath(files.slug, locale, "md"));
    return markdown === undefined ? [] : [{ file: `${paths.out}/${briefPath(files.slug, locale, "md")}`, locale, markdown }];
  });
  if (briefs.length === 0) return [];
  return lintBriefs(briefs, lintSources({ ...shared, articles: [], diagnostics: [] }, [files]), spellers, settings).map((f) => f.diagnostic);
}
