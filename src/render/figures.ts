/**
 * Formatting figures from the dataset, per locale, with `Intl`. This is the
 * only way a figure reaches a brief. Formatters are built once per locale
 * and option set, and reused for every article of a run.
 */
import { SCALE_EXPONENT } from "../content/rules.ts";
import type { Fact, Locale } from "../content/schema.ts";
import { INTL_TAG, type Messages } from "./messages.ts";

type Scale = keyof typeof SCALE_EXPONENT;

/** Options of {@link FigureFormatter.format}. */
export interface FormatOptions {
  /** Show a money amount in full, without a scale word (1 232 726 898 euros). @default false */
  full?: boolean;
}

/** Formats the facts of any article in one locale. */
export class FigureFormatter {
  readonly locale: Locale;
  readonly #messages: Messages;
  readonly #numberFormats = new Map<string, Intl.NumberFormat>();
  readonly #dateFormats = new Map<string, Intl.DateTimeFormat>();

  constructor(messages: Messages) {
    this.locale = messages.locale;
    this.#messages = messages;
  }

  /** The figure of `fact` as a brief shows it, e.g. `1,2 milliard d’euros`. */
  format(fact: Fact, options: FormatOptions = {}): string {
    const text = this.#bare(fact, options);
    return fact.approx ? this.#messages.format("figure.approx", { figure: text }) : text;
  }

  #bare(fact: Fact, options: FormatOptions): string {
    switch (fact.type) {
      case "money":
        return this.#money(fact.value, options.full ? { scale: "none", decimals: fractionDigitsOf(fact.value) } : moneyDisplay(fact));
      case "count":
        return this.#number(fact.value, 0);
      case "percent":
        return this.#messages.format("figure.percent", { number: this.#number(fact.value, fact.decimals ?? 0) });
      case "percentage-point": {
        const decimals = fact.decimals ?? 0;
        return this.#messages.format("figure.percentagePoint", { number: this.#number(fact.value, decimals) }, this.#messages.pluralCategory(fact.value, decimals));
      }
      case "year":
        return this.#year(fact.value);
      case "year-range":
        return this.#messages.format("figure.yearRange", { from: this.#year(fact.value[0]), to: this.#year(fact.value[1]) });
      case "month":
        return this.#date(`${fact.value}-01`, { month: "long", year: "numeric" });
      case "date":
        return this.#date(fact.value, { day: "numeric", month: "long", year: "numeric" });
    }
  }

  #money(value: number, display: { scale: Scale; decimals: number }): string {
    const shown = value / 10 ** SCALE_EXPONENT[display.scale];
    const number = this.#number(shown, display.decimals);
    if (display.scale === "none") {
      return this.#messages.format("figure.money.plain", { number }, this.#messages.pluralCategory(shown, display.decimals));
    }
    const scale = this.#messages.format(`figure.scale.${display.scale}`, {}, this.#messages.pluralCategory(shown, display.decimals));
    return this.#messages.format("figure.money.scaled", { number, scale });
  }

  #number(value: number, decimals: number): string {
    return this.#numberFormat(`n${decimals}`, { minimumFractionDigits: 0, maximumFractionDigits: decimals }).format(value);
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
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return format
      .formatToParts(new Date(Date.UTC(y, m - 1, d)))
      .map((part) => (part.type === "day" && part.value === "1" ? this.#messages.format("figure.firstOfMonth", { day: part.value }) : part.value))
      .join("");
  }
}

/**
 * How a money fact is shown: its `display`, or a scale chosen by magnitude
 * (milliard from 10^9, million from 10^6) with the decimals its precision
 * supports, at most two.
 */
export function moneyDisplay(fact: Extract<Fact, { type: "money" }>): { scale: Scale; decimals: number } {
  if (fact.display) return fact.display;
  const magnitude = Math.abs(fact.value);
  const scale: Scale = magnitude >= 1e9 ? "billion" : magnitude >= 1e6 ? "million" : "none";
  const precision = fact.precision ?? 1;
  const decimals = Math.min(2, Math.max(0, SCALE_EXPONENT[scale] - Math.floor(Math.log10(precision))));
  return { scale, decimals: scale === "none" ? fractionDigitsOf(fact.value) : decimals };
}

function fractionDigitsOf(value: number): number {
  return Number.isInteger(value) ? 0 : 2;
}
