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

/** A measure of the story type's lexicon (`revenue`, `net-result`): gives the label in every locale. */
const measure = id;

/** A bound: the figure is a limit, never an approximation. */
export const BOUNDS = ["more-than", "at-least", "less-than", "up-to"] as const;
export type Bound = (typeof BOUNDS)[number];

/** The currencies briefs can show (ISO 4217). */
export const CURRENCIES = ["EUR", "USD", "GBP", "CHF"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** The units a quantity can have. */
export const QUANTITY_UNITS = ["MW", "GW", "MWh", "GWh", "TWh", "km", "t", "ha"] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

const decimals = z.number().int().min(0).max(3);

const factBase = {
  id,
  /** What the figure is, in every locale. Optional when `measure` names it. */
  label: LocalizedText.optional(),
  /** The measure of the story type's lexicon this figure is (its label, gender and sign words). */
  measure: measure.optional(),
  /**
   * The words of the source article the figure comes from, exactly as the
   * body writes them. Required: a fact without it is a
   * `provenance/missing-evidence` error at build and check.
   */
  evidence: z.array(nonEmpty).min(1).max(20).optional(),
  /** The figure is hedged (about, nearly): the brief says so. */
  approx: z.boolean().optional(),
  /** The figure is a bound (more than, at least, less than, up to): the brief says so; never `approx`. */
  bound: z.enum(BOUNDS).optional(),
  /** Every brief must show it. @default true */
  required: z.boolean().optional(),
};

/** How a money figure is shown: the scale word and the decimals after it. */
export const Display = z.strictObject({
  scale: z.enum(["none", "thousand", "million", "billion"]),
  decimals,
});
export type Display = z.infer<typeof Display>;

/** A fact that is a figure. */
export const Fact = z.discriminatedUnion("type", [
  z.strictObject({
    ...factBase,
    type: z.literal("money"),
    currency: z.enum(CURRENCIES),
    value: amount,
    /** The step of the last digit the source states (544,7 millions → 100000). @default 1 */
    precision: z.number().positive().max(MAX_FIGURE).optional(),
    display: Display.optional(),
  }),
  z.strictObject({ ...factBase, type: z.literal("count"), value: z.number().int().min(-MAX_FIGURE).max(MAX_FIGURE) }),
  z.strictObject({ ...factBase, type: z.literal("percent"), value: amount, decimals: decimals.optional() }),
  z.strictObject({ ...factBase, type: z.literal("percentage-point"), value: amount, decimals: decimals.optional() }),
  z.strictObject({ ...factBase, type: z.literal("basis-point"), value: amount, decimals: decimals.optional() }),
  z.strictObject({ ...factBase, type: z.literal("quantity"), value: amount, unit: z.enum(QUANTITY_UNITS), decimals: decimals.optional() }),
  z.strictObject({ ...factBase, type: z.literal("duration"), value: z.string().regex(/^P(?:[1-9]\d{0,3}[YMWD]|T[1-9]\d{0,3}H)$/, "an ISO 8601 duration in one unit, like P3Y, P18M, P6W, P30D or PT48H") }),
  z.strictObject({ ...factBase, type: z.literal("quarter"), value: z.string().regex(/^\d{4}-Q[1-4]$/, "a quarter written YYYY-Qn, like 2024-Q4") }),
  z.strictObject({ ...factBase, type: z.literal("half-year"), value: z.string().regex(/^\d{4}-H[12]$/, "a half-year written YYYY-Hn, like 2025-H1") }),
  z.strictObject({
    ...factBase,
    type: z.literal("season"),
    value: z.string().regex(/^\d{4}-(?:spring|summer|autumn|winter)$|^\d{4}-\d{4}-winter$/, "a season like 2026-spring, or a winter across two years like 2026-2027-winter"),
  }),
  z.strictObject({
    ...factBase,
    type: z.literal("change"),
    /** What the change is counted in. */
    unit: z.enum(["percent", "percentage-point", "basis-point", "money", "count"]),
    /** The change, signed; computed when `from` and `to` are given. */
    value: amount.optional(),
    /** The fact the change starts from (with `to`). */
    from: id.optional(),
    /** The fact the change ends at (with `from`). */
    to: id.optional(),
    /** The period the figure is compared with (a year, quarter, half-year, month, date, season or year range fact). */
    "compared-with": id.optional(),
    decimals: decimals.optional(),
    /** With `unit: money`: the currency. */
    currency: z.enum(CURRENCIES).optional(),
    /** With `unit: money`: the step of the last digit the source states. */
    precision: z.number().positive().max(MAX_FIGURE).optional(),
    display: Display.optional(),
  }),
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
  /**
   * The part that gathers everything the others leave ("the other credits"),
   * one of `parts`: listed last and never named as the largest part.
   */
  rest: id.optional(),
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
  /**
   * 1: `decimals` is a maximum (trailing zeros dropped); 2: `decimals` is
   * exact (1,0 % keeps its zero). `newsbrief migrate` turns 1 into 2.
   */
  version: z.literal([1, 2]),
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
