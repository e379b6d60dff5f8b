/** Shared test fixtures: the real project's messages, formatters and rendered briefs. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadArticle, type Article } from "../../src/content/load.ts";
import { LOCALES, type Fact, type Locale } from "../../src/content/schema.ts";
import { projectPaths } from "../../src/io/paths.ts";
import { build } from "../../src/build/pipeline.ts";
import { FigureFormatter } from "../../src/render/figures.ts";
import { loadMessages, type Messages } from "../../src/render/messages.ts";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The bundled article. */
export const SLUG = "eu-digital-europe-2025-2027";

/** Reads a file of the repository as text. */
export function repoFile(relative: string): string {
  return readFileSync(new URL(`../../${relative}`, import.meta.url), "utf8");
}

/** The real locale files, loaded and compiled. */
export function realMessages(): ReadonlyMap<Locale, Messages> {
  const loaded = loadMessages(LOCALES.map((locale) => ({ locale, file: `locales/${locale}.json`, text: repoFile(`locales/${locale}.json`) })));
  if (loaded.diagnostics.length > 0) throw new Error(`locale files have problems: ${loaded.diagnostics.map((d) => d.message).join("; ")}`);
  return loaded.catalog;
}

/** A formatter per locale over the real messages. */
export function realFormatters(): Record<Locale, FigureFormatter> {
  const catalog = realMessages();
  return Object.fromEntries(LOCALES.map((l) => [l, new FigureFormatter(catalog.get(l)!)])) as Record<Locale, FigureFormatter>;
}

/** The bundled article, parsed. */
export function bundledArticle(): Article {
  const factsFile = `content/${SLUG}/facts.yaml`;
  const sourceFile = `content/${SLUG}/source.fr.md`;
  const { article, diagnostics } = loadArticle({ slug: SLUG, factsFile, factsText: repoFile(factsFile), sourceFile, sourceText: repoFile(sourceFile) });
  if (!article) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return article;
}

/** Renders the real project in memory (nothing is written). */
export async function renderInMemory() {
  return build(projectPaths(ROOT), { dryRun: true, cache: false });
}

/** A money fact for formatting tests. */
export function money(value: number, extra: Partial<Extract<Fact, { type: "money" }>> = {}): Fact {
  return { id: "x", type: "money", currency: "EUR", value, label: { fr: "x", nl: "x", en: "x" }, ...extra };
}
