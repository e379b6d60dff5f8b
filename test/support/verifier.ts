/**
 * Small datasets and feeds for the verifier's own tests: an article `s`
 * dated {@link DATE} with the facts a test gives, and JSON feed items of it.
 */
import type { VerifierFact } from "../../src/verify/facts.ts";
import type { VerifyArticle } from "../../src/verify/verify.ts";

export const DATE = "2025-03-28";

/** Article `s`, French source, dated {@link DATE}. */
export const article = (facts: VerifierFact[], inputs: VerifyArticle["inputs"] = []): VerifyArticle => ({
  slug: "s",
  sourceLang: "fr",
  facts: { editorial: { date: DATE }, facts },
  inputs,
});

/** An English feed item of article `s` with the figure 7 in each text, changed by `o`. */
export const feedItem = (o: Record<string, unknown>) => ({
  id: "s-en",
  title: "Item: 7",
  summary: "7 things",
  content_html: "<p>7</p>",
  date_published: `${DATE}T00:00:00Z`,
  _newsbrief: { slug: "s", locale: "en" },
  ...o,
});

/** A JSON feed of `items`, as a build indents it. */
export const feedOf = (...items: unknown[]) => JSON.stringify({ version: "x", items }, null, 2);
