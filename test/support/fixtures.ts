/**
 * Shared test fixtures: the fixture project's messages, formatters and
 * rendered briefs. Tests read test/fixtures/project/, a frozen copy of an
 * article, the templates and the locales, never the project's own content/,
 * templates/ and locales/, which the newsroom edits.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadArticle, type Article } from "../../src/content/load.ts";
import { LOCALES, type Fact, type Locale } from "../../src/content/schema.ts";
import { projectPaths } from "../../src/io/paths.ts";
import { build } from "../../src/build/pipeline.ts";
import { FigureFormatter } from "../../src/render/figures.ts";
import { loadMessages, type Messages } from "../../src/render/messages.ts";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The fixture project: content/, templates/ and locales/ that only tests use. */
export const FIXTURE_ROOT = path.join(ROOT, "test", "fixtures", "project");
/** The fixture project's one article. */
export const SLUG = "eu-digital-europe-2025-2027";

/** Reads a file of the repository as text (shipped files only: never content/). */
export function repoFile(relative: string): string {
  return readFileSync(path.join(ROOT, relative), "utf8");
}

/** Reads a file of the fixture project as text. */
export function fixtureFile(relative: string): string {
  return readFileSync(path.join(FIXTURE_ROOT, relative), "utf8");
}

/** The fixture project's locale files, loaded and compiled. */
export function realMessages(): ReadonlyMap<Locale, Messages> {
  const loaded = loadMessages(LOCALES.map((locale) => ({ locale, file: `locales/${locale}.json`, text: fixtureFile(`locales/${locale}.json`) })));
  if (loaded.diagnostics.length > 0) throw new Error(`locale files have problems: ${loaded.diagnostics.map((d) => d.message).join("; ")}`);
  return loaded.catalog;
}

/** A formatter per locale over the fixture project's messages. */
export function realFormatters(): Record<Locale, FigureFormatter> {
  const catalog = realMessages();
  return Object.fromEntries(LOCALES.map((l) => [l, new FigureFormatter(catalog.get(l)!)])) as Record<Locale, FigureFormatter>;
}

/** The fixture project's article, parsed. */
export function bundledArticle(): Article {
  const factsFile = `content/${SLUG}/facts.yaml`;
  const sourceFile = `content/${SLUG}/source.fr.md`;
  const { article, diagnostics } = loadArticle({ slug: SLUG, factsFile, factsText: fixtureFile(factsFile), sourceFile, sourceText: fixtureFile(sourceFile) });
  if (!article) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return article;
}

/** Renders a project in memory (nothing is written): the fixture project unless told otherwise. */
export async function renderInMemory(root: string = FIXTURE_ROOT) {
  return build(projectPaths(root), { dryRun: true, cache: false });
}

/** A money fact for formatting tests. */
export function money(value: number, extra: Partial<Extract<Fact, { type: "money" }>> = {}): Fact {
  return { id: "x", type: "money", currency: "EUR", value, label: { fr: "x", nl: "x", en: "x" }, ...extra };
}
