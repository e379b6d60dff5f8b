/**
 * Formatting figures from the dataset, per locale, with `Intl`. This is the
 * only way a figure reaches a brief. Formatters are built once per locale
 * and option set, and reused for every article of a run.
 */
import { moneyDisplayOf, SCALE_EXPONENT } from "../content/rules.ts";
import type { Currency, Fact, Locale } from "../content/schema.ts";
import { INTL_TAG, type Messages } from "./messages.ts";

type Scale = keyof typeof SCALE_EXPONENT;
type Money = Extract<Fact, { type: "money" }>;
type Change = Extract<Fact, { type: "change" }>;

/** The minus sign of house style (U+2212), never a hyphen. */
export const MINUS = "\u2212";
/** How many written dates a formatter keeps (a run has a few thousand distinct dates at most). */
const MAX_DATES_WRITTEN = 10_000;

/** Options of {@link FigureFormatter.format}. */
export interface FormatOptions {
  /** Show a money amount in full, without a scale word (1 232 726 898 euros). @default false */
  full?: boolean;
  /**
   * `in`: a date or period as it follows "in" (en 2024, au quatrième trimestre 2024, on 28 March 2025);
   * any other figure is shown as without it;
   * `signed`: a number with its sign (−2,4 %, +4,2 %), for lists.
   */
  form?: "in" | "signed";
  /** The fact's value when it does not hold it (a change computed from its ends). */
  value?: number;
  /**
   * The words around the figure already say it is below zero (a net loss, a
   * deficit): show its size without a sign. @default false
   */
  signInWords?: boolean;
  /** Exact decimals: trailing zeros kept (facts.yaml version 2). @default false */
  exactDecimals?: boolean;
  /**
   * The currency was named in full before (fr: "de francs suisses"): an
   * amount with a scale word may name it shortly, with the message's `again`
   * variant where the locale has one ("de francs"). @default false
   */
  again?: boolean;
}

/** Formats the facts of any article in one locale. */
export class FigureFormatter {
  readonly locale: Locale;
  readonly #messages: Messages;
  readonly #numberFormats = new Map<string, Intl.NumberFormat>();
  readonly #dateFormats = new Map<string, Intl.DateTimeFormat>();
  readonly #datesWritten = new Map<string, string>();

  constructor(messages: Messages) {
    this.locale = messages.locale;
    this.#messages = messages;
  }

  /** The figure of `fact` as a brief shows it, e.g. `1,2 milliard d’euros`. */
  format(fact: Fact, options: FormatOptions = {}): string {
    const text = this.#bare(fact, options);
    if (fact.approx) return this.#messages.format("figure.approx", { figure: text });
    if (fact.bound) return this.#messages.format(`figure.bound.${fact.bound}`, { figure: text }, undefined, fact.type === "count" ? "count" : undefined);
    return text;
  }

  /**
   * A change in words: its direction, its size and what it is compared with
   * (en baisse de 2,4 % par rapport à 2024; een stijging van 4,2 procent; unchanged).
   */
  change(fact: Change, value: number, comparedWith: Fact | undefined, options: Pick<FormatOptions, "exactDecimals"> = {}): string {
    const decimals = this.#changeDecimals(fact, value);
    const size = this.#changeSize(fact, Math.abs(value), decimals, options);
    const direction = Math.round(Math.abs(value) * 10 ** decimals) === 0 ? "stable" : value > 0 ? "up" : "down";
    const words = this.#messages.format(`figure.change.${direction}`, { amount: size });
    if (!comparedWith) return words;
    return this.#messages.format("figure.change.comparedWith", { change: words, period: this.format(comparedWith) });
  }

  #bare(fact: Fact, options: FormatOptions): string {
    const exact = options.exactDecimals === true;
    switch (fact.type) {
      case "money": {
        const display = options.full ? { scale: "none" as const, decimals: fractionDigitsOf(fact.value) } : moneyDisplay(fact);
        return this.#signed(fact.value, options, (size) => this.#money(size, fact.currency, display, exact && !options.full, options.again === true));
      }
      case "count":
        return this.#signed(fact.value, options, (size) => this.#number(size, 0, false));
      case "percent":
        return this.#signed(fact.value, options, (size) => this.#messages.format("figure.percent", { number: this.#number(size, fact.decimals ?? 0, exact) }));
      case "percentage-point":
      case "basis-point": {
        const key = fact.type === "percentage-point" ? "figure.percentagePoint" : "figure.basisPoint";
        const decimals = fact.decimals ?? 0;
        return this.#signed(fact.value, options, (size) => this.#messages.format(key, { number: this.#number(size, decimals, exact) }, this.#messages.pluralCategory(size, decimals)));
      }
      case "quantity": {
        const decimals = fact.decimals ?? 0;
        return this.#signed(fact.value, options, (size) => this.#messages.format(`figure.unit.${fact.unit}`, { number: this.#number(size, decimals, exact) }, this.#messages.pluralCategory(size, decimals)));
      }
      case "duration":
        return this.#duration(fact.value);
      case "change": {
        const value = options.value ?? fact.value ?? 0;
        const decimals = this.#changeDecimals(fact, value);
        // A change in a list is signed; `form: "in"` is for dates and periods and leaves it so.
        return this.#signed(value, { ...options, form: "signed" }, (size) => this.#changeSize(fact, size, decimals, options));
      }
      case "year":
        return this.#period("year", { year: this.#year(fact.value) }, options);
      case "year-range":
        return this.#period("yearRange", { from: this.#year(fact.value[0]), to: this.#year(fact.value[1]) }, options);
      case "month":
        return this.#period("month", { month: this.#date(`${fact.value}-01`, { month: "long", year: "numeric" }) }, options);
      case "date":
        return this.#period("date", { date: this.#date(fact.value, { day: "numeric", month: "long", year: "numeric" }) }, options);
      case "quarter": {
        const [year, quarter] = fact.value.split("-Q") as [string, string];
        return this.#period("quarter", { ordinal: this.#messages.format(`figure.ordinal.${quarter}`), year: this.#year(Number(year)) }, options);
      }
      case "half-year": {
        const [year, half] = fact.value.split("-H") as [string, string];
        return this.#period("halfYear", { ordinal: this.#messages.format(`figure.half.${half}`), year: this.#year(Number(year)) }, options);
      }
      case "season": {
        const match = /^(\d{4})(?:-(\d{4}))?-(\w+)$/.exec(fact.value)!;
        const [from, to, season] = [Number(match[1]), match[2] === undefined ? undefined : Number(match[2]), match[3]!];
        const year = to === undefined ? this.#year(from) : this.#messages.format("figure.seasonYears", { from: this.#year(from), to: this.#year(to), toShort: this.#year(to).slice(-2) });
        return this.#period(`season.${season}`, { year }, options);
      }
    }
  }

  /** A period or date, in its plain form or as it follows "in". */
  #period(key: string, values: Record<string, string>, options: FormatOptions): string {
    // Locale files written before periods had messages show a year, month or date as it is.
    if (!this.#messages.has(`figure.${key}`) && options.form !== "in") return values.year ?? values.month ?? values.date ?? this.#messages.format(`figure.${key}`, values);
    return this.#messages.format(`figure.${key}`, values, undefined, options.form === "in" ? "in" : undefined);
  }

  /** A number's size formatted by `format`, with its sign where one is shown. */
  #signed(value: number, options: FormatOptions, format: (size: number) => string): string {
    const size = format(Math.abs(value));
    if (options.form === "signed") return value > 0 ? `+${size}` : value < 0 ? `${MINUS}${size}` : size;
    return value < 0 && !options.signInWords ? `${MINUS}${size}` : size;
  }

  #changeDecimals(fact: Change, value: number): number {
    if (fact.decimals !== undefined) return fact.decimals;
    if (fact.unit === "percent") return Math.abs(value) < 10 ? 1 : 0;
    return 0;
  }

  #changeSize(fact: Change, size: number, decimals: number, options: Pick<FormatOptions, "exactDecimals">): string {
    const exact = options.exactDecimals === true || fact.decimals === undefined;
    switch (fact.unit) {
      case "percent":
        return this.#messages.format("figure.percent", { number: this.#number(size, decimals, exact) });
      case "percentage-point":
        return this.#messages.format("figure.percentagePoint", { number: this.#number(size, decimals, exact) }, this.#messages.pluralCategory(size, decimals));
      case "basis-point":
        return this.#messages.format("figure.basisPoint", { number: this.#number(size, decimals, exact) }, this.#messages.pluralCategory(size, decimals));
      case "count":
        return this.#number(size, 0, false);
      case "money": {
        const money = { type: "money", id: fact.id, currency: fact.currency ?? "EUR", value: size, ...(fact.precision === undefined ? {} : { precision: fact.precision }), ...(fact.display ? { display: fact.display } : {}) } as Money;
        return this.#money(size, money.currency, moneyDisplay(money), false);
      }
    }
  }

  #duration(iso: string): string {
    const match = /^P(?:T(\d+)H|(\d+)([YMWD]))$/.exec(iso)!;
    const unit = match[1] !== undefined ? "hour" : ({ Y: "year", M: "month", W: "week", D: "day" } as const)[match[3] as "Y" | "M" | "W" | "D"];
    const count = Number(match[1] ?? match[2]);
    // One to nine in words, as the house style writes small numbers in running text.
    const number = count >= 1 && count <= 9 ? this.#messages.format(`figure.smallNumber.${count}`) : this.#number(count, 0, false);
    return this.#messages.format(`figure.duration.${unit}`, { number }, this.#messages.pluralCategory(count));
  }

  #money(value: number, currency: Currency, display: { scale: Scale; decimals: number }, exact: boolean, again = false): string {
    const shown = value / 10 ** SCALE_EXPONENT[display.scale];
    const number = this.#number(shown, display.decimals, exact);
    // The euro keeps the keys it always had; other currencies have their own.
    const prefix = currency === "EUR" ? "figure.money" : `figure.money.${currency}`;
    if (display.scale === "none") {
      return this.#messages.format(`${prefix}.plain`, { number }, this.#messages.pluralCategory(shown, display.decimals));
    }
    const scale = this.#messages.format(`figure.scale.${display.scale}`, {}, this.#messages.pluralCategory(shown, display.decimals));
    return this.#messages.format(`${prefix}.scaled`, { number, scale }, undefined, again ? "again" : undefined);
  }

  #number(value: number, decimals: number, exact: boolean): string {
    return this.#numberFormat(`n${decimals}${exact ? "x" : ""}`, { minimumFractionDigits: exact ? decimals : 0, maximumFractionDigits: decimals }).format(value);
  }

  #year(value: number): string {
    return this.#numberFormat("year", { useGrouping: false, maximumFractionDigits: 0 }).format(value);
  }

  #numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
    let format = this.#numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(INTL_TAG[this.locale], options);
      this.#numberFormats.set(key, format);
    }
    return format;
  }

  #date(iso: string, options: Intl.DateTimeFormatOptions): string {
    const key = Object.keys(options).join();
    let format = this.#dateFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(INTL_TAG[this.locale], { ...options, timeZone: "UTC" });
      this.#dateFormats.set(key, format);
    }
    // Articles share their dates: each is written once per form and locale in a run.
    const memo = `${key}|${iso}`;
    const known = this.#datesWritten.get(memo);
    if (known !== undefined) return known;
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    const written = format
      .formatToParts(new Date(Date.UTC(y, m - 1, d)))
      .map((part) => (part.type === "day" && part.value === "1" ? this.#messages.format("figure.firstOfMonth", { day: part.value }) : part.value))
      .join("");
    if (this.#datesWritten.size >= MAX_DATES_WRITTEN) this.#datesWritten.clear();
    this.#datesWritten.set(memo, written);
    return written;
  }
}

/**
 * The messages formatting `fact` needs (plain keys; a plural key counts as
 * there when it has its forms), with what each is for, so that a missing one
 * is reported before anything renders.
 */
export function figureMessageKeys(fact: Fact): Array<{ key: string; what: string }> {
  const keys: Array<{ key: string; what: string }> = [];
  const need = (key: string, what: string) => keys.push({ key, what });
  if (fact.approx) need("figure.approx", "a hedged figure");
  if (fact.bound) need(`figure.bound.${fact.bound}`, `a bound (${fact.bound})`);
  const money = (currency: Currency, scale: Scale) => {
    const prefix = currency === "EUR" ? "figure.money" : `figure.money.${currency}`;
    need(`${prefix}.plain`, `an amount in ${currency}`);
    if (scale !== "none") {
      need(`${prefix}.scaled`, `an amount in ${currency} with a scale word`);
      need(`figure.scale.${scale}`, `the scale word ${scale}`);
    }
  };
  switch (fact.type) {
    case "money":
      money(fact.currency, moneyDisplay(fact).scale);
      break;
    case "percent":
      need("figure.percent", "a percentage");
      break;
    case "percentage-point":
      need("figure.percentagePoint", "percentage points");
      break;
    case "basis-point":
      need("figure.basisPoint", "basis points");
      break;
    case "quantity":
      need(`figure.unit.${fact.unit}`, `a quantity in ${fact.unit}`);
      break;
    case "duration": {
      const match = /^P(?:T(\d+)H|(\d+)([YMWD]))$/.exec(fact.value)!;
      const unit = match[1] !== undefined ? "hour" : ({ Y: "year", M: "month", W: "week", D: "day" } as const)[match[3] as "Y" | "M" | "W" | "D"];
      need(`figure.duration.${unit}`, `a duration in ${unit}s`);
      const count = Number(match[1] ?? match[2]);
      if (count >= 1 && count <= 9) need(`figure.smallNumber.${count}`, "a small number in words");
      break;
    }
    case "quarter":
      need("figure.quarter", "a quarter");
      need(`figure.ordinal.${fact.value.slice(-1)}`, "the quarter's ordinal");
      break;
    case "half-year":
      need("figure.halfYear", "a half-year");
      need(`figure.half.${fact.value.slice(-1)}`, "the half-year's ordinal");
      break;
    case "season":
      need(`figure.season.${fact.value.split("-").pop()}`, "a season");
      if (/^\d{4}-\d{4}-/.test(fact.value)) need("figure.seasonYears", "a season across two years");
      break;
    case "year-range":
      need("figure.yearRange", "a range of years");
      break;
    case "change":
      for (const direction of ["up", "down", "stable"]) need(`figure.change.${direction}`, `a change's words (${direction})`);
      if (fact["compared-with"] !== undefined) need("figure.change.comparedWith", "what a change is compared with");
      if (fact.unit === "percent") need("figure.percent", "a percentage");
      else if (fact.unit === "percentage-point") need("figure.percentagePoint", "percentage points");
      else if (fact.unit === "basis-point") need("figure.basisPoint", "basis points");
      else if (fact.unit === "money") money(fact.currency ?? "EUR", fact.display?.scale ?? "million");
      break;
    default:
      break;
  }
  return keys;
}

/** How a money fact is shown (see {@link moneyDisplayOf}). */
export const moneyDisplay = moneyDisplayOf;

function fractionDigitsOf(value: number): number {
  return Number.isInteger(value) ? 0 : 2;
}
