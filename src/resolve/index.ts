/**
 * The resolve stage: an article's facts by id and every figure derived from
 * them (a breakdown's parts ranked, its largest and runner-up), computed
 * once per article, before any template runs. Templates only look up.
 */
import type { Article } from "../content/load.ts";
import type { Breakdown, Fact } from "../content/schema.ts";

/** A breakdown with its parts ranked. */
export interface ResolvedBreakdown {
  breakdown: Breakdown;
  /** Part ids, largest first; equal amounts keep the dataset's order. */
  ranked: readonly string[];
}

/** An article with its facts by id and its derived figures. */
export interface ResolvedArticle {
  article: Article;
  facts: ReadonlyMap<string, Fact>;
  breakdowns: ReadonlyMap<string, ResolvedBreakdown>;
}

/** Resolves an article (pure; the article has passed validation, so every id it names exists). */
export function resolveArticle(article: Article): ResolvedArticle {
  const facts = new Map<string, Fact>(article.facts.facts.map((f) => [f.id, f]));
  const breakdowns = new Map<string, ResolvedBreakdown>();
  for (const breakdown of article.facts.breakdowns) {
    const ranked = breakdown.parts
      .map((part, index) => ({ part, index, value: facts.get(part)?.value as number }))
      .sort((a, b) => b.value - a.value || a.index - b.index)
      .map((p) => p.part);
    breakdowns.set(breakdown.id, { breakdown, ranked });
  }
  return { article, facts, breakdowns };
}
