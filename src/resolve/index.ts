/**
 * The resolve stage: an article's facts by id and every figure derived from
 * them (a change computed from its two ends, a breakdown's parts ranked),
 * and each fact's words in every locale (its label, or its measure's words
 * for the sign of its value), computed once per article, before any
 * template runs. Templates only look up.
 */
import type { Article } from "../content/load.ts";
import { computeChange } from "../content/rules.ts";
import { textOf, type Breakdown, type Fact, type Locale } from "../content/schema.ts";
import { measureLabel, type MeasureWords, type StoryType } from "../content/story-type.ts";

/** A breakdown with its parts ranked. */
export interface ResolvedBreakdown {
  breakdown: Breakdown;
  /** Part ids, largest first; equal amounts keep the dataset's order; the breakdown's `rest` comes last. */
  ranked: readonly string[];
  /** The parts that can be named as the largest: `ranked` without the `rest`. */
  leading: readonly string[];
}

/** What a fact is called in one locale, and what a sentence about it agrees with. */
export interface FactWords {
  /** The label with its article, as written in facts.yaml or given by the measure. */
  label: string;
  /** Whether the label is a translation (from facts.yaml). */
  translated: boolean;
  /**
   * The agreement context: fr `m`, `f`, `m_pl`, `f_pl`; nl `de`, `het`, `pl`;
   * en `sg`, `pl`. Messages pick `key_<context>` when they have it.
   */
  agreement: string;
  /** The label's singular, without an article, for a count of one after its figure (a measure's `one`: 1 mort, 1 dode, 1 death). */
  one?: string;
}

/** The direction of a change, for its words. */
export type Direction = "up" | "down" | "stable";

/** An article with its facts by id, its derived figures and its words. */
export interface ResolvedArticle {
  article: Article;
  type: StoryType;
  facts: ReadonlyMap<string, Fact>;
  breakdowns: ReadonlyMap<string, ResolvedBreakdown>;
  /** The signed value of a numeric fact (a change's computed one); undefined for dates and periods. */
  value(id: string): number | undefined;
  /** The words of a fact in a locale. */
  words(id: string, locale: Locale): FactWords;
}

/** Resolves an article against its story type (pure; the article has passed validation, so every id it names exists). */
export function resolveArticle(article: Article, type: StoryType): ResolvedArticle {
  const facts = new Map<string, Fact>(article.facts.facts.map((f) => [f.id, f]));
  const values = new Map<string, number>();
  for (const fact of article.facts.facts) {
    if (fact.type === "change") {
      const from = fact.from === undefined ? undefined : facts.get(fact.from);
      const to = fact.to === undefined ? undefined : facts.get(fact.to);
      const computed = from && to ? computeChange(fact.unit, from.value as number, to.value as number) : undefined;
      const value = fact.value ?? computed;
      if (value !== undefined) values.set(fact.id, value);
    } else if (typeof fact.value === "number") {
      values.set(fact.id, fact.value);
    }
  }
  const breakdowns = new Map<string, ResolvedBreakdown>();
  for (const breakdown of article.facts.breakdowns) {
    const leading = breakdown.parts
      .filter((part) => part !== breakdown.rest)
      .map((part, index) => ({ part, index, value: values.get(part) ?? 0 }))
      .sort((a, b) => b.value - a.value || a.index - b.index)
      .map((p) => p.part);
    const ranked = breakdown.rest !== undefined && breakdown.parts.includes(breakdown.rest) ? [...leading, breakdown.rest] : leading;
    breakdowns.set(breakdown.id, { breakdown, ranked, leading });
  }
  const words = new Map<string, FactWords>();
  return {
    article,
    type,
    facts,
    breakdowns,
    value: (id) => values.get(id),
    words(id, locale) {
      const key = `${locale}\u0000${id}`;
      let found = words.get(key);
      if (!found) {
        found = wordsOf(facts.get(id)!, values.get(id), type, locale);
        words.set(key, found);
      }
      return found;
    },
  };
}

function wordsOf(fact: Fact, value: number | undefined, type: StoryType, locale: Locale): FactWords {
  const measure = fact.measure === undefined ? undefined : type.definition.measures[fact.measure];
  if (fact.label) {
    const text = fact.label[locale];
    const label = textOf(text);
    return { label, translated: typeof text !== "string", agreement: measure ? agreementOf(measure, locale) : guessAgreement(label, locale) };
  }
  // A date or period without a label is named by itself.
  if (!measure) return { label: fact.id, translated: false, agreement: guessAgreement("", locale) };
  // A measure's words; below zero, its negative words when it has them (a net loss, a deficit).
  const chosen: MeasureWords = value !== undefined && value < 0 && measure.negative ? measure.negative : measure;
  const one = chosen[locale].one;
  return { label: measureLabel(chosen, locale), translated: false, agreement: agreementOf(chosen, locale), ...(one === undefined ? {} : { one }) };
}

function agreementOf(words: MeasureWords, locale: Locale): string {
  switch (locale) {
    case "fr":
      return `${words.fr.gender}${words.fr.number === "pl" ? "_pl" : ""}`;
    case "nl":
      return words.nl.number === "pl" ? "pl" : words.nl.article;
    case "en":
      return words.en.number;
  }
}

/** The agreement of a label written in facts.yaml, from its article. */
function guessAgreement(label: string, locale: Locale): string {
  switch (locale) {
    case "fr":
      return /^les\s/i.test(label) ? "m_pl" : /^la\s/i.test(label) ? "f" : "m";
    case "nl":
      return /^het\s/i.test(label) ? "het" : "de";
    case "en":
      return "sg";
  }
}

/** The direction of a change at the precision it is shown: stable when it rounds to zero. */
export function directionOf(value: number, decimals: number): Direction {
  const rounded = Math.round(Math.abs(value) * 10 ** decimals);
  return rounded === 0 ? "stable" : value > 0 ? "up" : "down";
}

