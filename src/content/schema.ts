/**
 * The shape of an article's content: `facts.yaml` and the front matter of
 * `source.fr.md`. Shape only; rules that relate fields live in rules.ts.
 */
import { z } from "zod";

import { LOCALES, type Locale } from "../types.ts";

export { LOCALES, type Locale };

/** The largest absolute value a figure may have (a quadrillion). */
export const MAX_FIGURE = 1e15;

const id = z.string().max(80).regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, "a lower-case id like `chips-fund`");
/** The longest text a field may hold, in characters (a quote may be longer). */
export const MAX_TEXT = 1000;
/** The longest quote, in characters. */
export const MAX_QUOTE = 5000;
/** The most facts, quotes or related articles in one file. */
export const MAX_ITEMS = 500;

const nonEmpty = z.string().trim().min(1, "a non-empty text").max(MAX_TEXT);
const quoteText = z.string().trim().min(1, "a non-empty text").max(MAX_QUOTE);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD");
const isoMonth = z.string().regex(/^\d{4}-\d{2}$/, "a month written YYYY-MM");
const year = z.number().int().min(1000).max(9999);
const amount = z.number().min(-MAX_FIGURE).max(MAX_FIGURE);
const httpUrl = z.string().regex(/^https?:\/\/[^\s<>"]+$/, "an http(s) URL");

/** A text in one locale: plain, or a translation that says from which locale. */
export const Text = z.union([
  nonEmpty,
  z.strictObject({ "translated-from": z.enum(LOCALES), text: nonEmpty }),
]);

/** A quotation in one locale: plain, or a translation that says from which locale. */
const QuoteText = z.union([quoteText, z.strictObject({ "translated-from": z.enum(LOCALES), text: quoteText })]);
export type Text = z.infer<typeof Text>;

/** A text that a brief shows, in every locale. */
export const LocalizedText = z.strictObject({ fr: Text, nl: Text, en: Text });
export type LocalizedText = z.infer<typeof LocalizedText>;

const factBase = {
  id,
  label: LocalizedText,
  /**
   * The words of the source article the figure comes from, exactly as the
   * body writes them. Required: a fact without it is a
   * `provenance/missing-evidence` error at build and check.
   */
  evidence: z.array(nonEmpty).min(1).max(20).optional(),
  /** The figure is hedged (about, nearly): the brief says so. */
  approx: z.boolean().optional(),
  /** Every brief must show it. @default true */
  required: z.boolean().optional(),
};

/** How a money figure is shown: the scale word and the decimals after it. */
export const Display = z.strictObject({
  scale: z.enum(["none", "thousand", "million", "billion"]),
  decimals: z.number().int().min(0).max(3),
});
export type Display = z.infer<typeof Display>;

/** A fact that is a figure. */
export const Fact = z.discriminatedUnion("type", [
  z.strictObject({
    ...factBase,
    type: z.literal("money"),
    currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 currency code like EUR"),
    value: amount,
    /** The step of the last digit the source states (544,7 millions → 100000). @default 1 */
    precision: z.number().positive().max(MAX_FIGURE).optional(),
    display: Display.optional(),
  }),
  z.strictObject({ ...factBase, type: z.literal("count"), value: z.number().int().min(-MAX_FIGURE).max(MAX_FIGURE) }),
  z.strictObject({ ...factBase, type: z.literal("percent"), value: amount, decimals: z.number().int().min(0).max(3).optional() }),
  z.strictObject({ ...factBase, type: z.literal("percentage-point"), value: amount, decimals: z.number().int().min(0).max(3).optional() }),
  z.strictObject({ ...factBase, type: z.literal("year"), value: year }),
  z.strictObject({ ...factBase, type: z.literal("year-range"), value: z.tuple([year, year]) }),
  z.strictObject({ ...factBase, type: z.literal("month"), value: isoMonth }),
  z.strictObject({ ...factBase, type: z.literal("date"), value: isoDate }),
]);
export type Fact = z.infer<typeof Fact>;
/** The kinds of figure a fact can be. */
export type FactType = Fact["type"];

/** A total broken down into parts. */
export const Breakdown = z.strictObject({
  id,
  /** The id of the money fact that is the total. */
  of: id,
  /** Whether the parts are the whole total (true) or only some of it. */
  complete: z.boolean(),
  parts: z.array(id).min(1).max(MAX_ITEMS),
});
export type Breakdown = z.infer<typeof Breakdown>;

/** Words someone said, in the language they said them and in translation. */
export const Quote = z.strictObject({
  id,
  speaker: nonEmpty,
  role: LocalizedText,
  /** The language the words were said in. */
  lang: z.enum(LOCALES),
  text: z.strictObject({ fr: QuoteText, nl: QuoteText, en: QuoteText }),
});
export type Quote = z.infer<typeof Quote>;

/** An article the source links to. */
export const Related = z.strictObject({ id, title: LocalizedText, url: httpUrl.optional() });
export type Related = z.infer<typeof Related>;

/**
 * A figure of the source that no fact stands for, left out on purpose: its
 * text as the source writes it, which occurrence (all of them by default),
 * and why.
 */
export const Ignore = z.strictObject({
  text: nonEmpty,
  /** Only the n-th occurrence of `text` in the source body (1-based). */
  occurrence: z.number().int().min(1).max(MAX_ITEMS).optional(),
  reason: nonEmpty,
});
export type Ignore = z.infer<typeof Ignore>;

/** The whole `facts.yaml`. */
export const Facts = z.strictObject({
  version: z.literal(1),
  editorial: z.strictObject({
    /** The brief's own date, chosen by the newsroom. */
    date: isoDate,
    /** Which brief template renders the article. */
    template: id,
    /**
     * Taxonomy terms for the site (Hugo and Decap `tags`, the same in every
     * language): lower-case ids like `cybersecurity`, without digits, so that
     * a tag is never read as a figure.
     */
    tags: z.array(id.regex(/^[^0-9]*$/, "a tag without digits")).max(20).default([]),
  }),
  story: z.record(id, z.union([LocalizedText, z.array(LocalizedText).min(1).max(MAX_ITEMS)])),
  facts: z.array(Fact).min(1).max(MAX_ITEMS),
  breakdowns: z.array(Breakdown).max(MAX_ITEMS).default([]),
  quotes: z.array(Quote).max(MAX_ITEMS).default([]),
  related: z.array(Related).max(MAX_ITEMS).default([]),
  /** Figures of the source that no fact stands for, each with its reason. */
  ignore: z.array(Ignore).max(MAX_ITEMS).default([]),
});
export type Facts = z.infer<typeof Facts>;

/** The front matter of `source.fr.md`: what the article itself states. */
export const SourceFrontMatter = z.strictObject({
  title: nonEmpty,
  lang: z.literal("fr"),
  category: nonEmpty.optional(),
  publisher: nonEmpty.optional(),
  url: httpUrl.optional(),
  date: isoDate.optional(),
});
export type SourceFrontMatter = z.infer<typeof SourceFrontMatter>;

/** The text of a {@link Text}, whether plain or translated. */
export function textOf(text: Text): string {
  return typeof text === "string" ? text : text.text;
}

/** The locale a text was translated from, if it is a translation. */
export function translatedFrom(text: Text): Locale | undefined {
  return typeof text === "string" ? undefined : text["translated-from"];
}
