/**
 * Cross-field rules over a shape-valid facts file, run after zod:
 * each rule is `(facts, ctx) => void` and reports through `ctx`.
 */
import { show } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { phrase } from "../diagnostics/report.ts";
import { amountStatedStep, statesMoreThan } from "../verify/reader.ts";
import { LOCALES, textOf, translatedFrom, type Fact, type Facts, type LocalizedText } from "./schema.ts";

/** What a rule reports through. */
export interface RuleContext {
  report(problem: {
    path: readonly PropertyKey[];
    rule: string;
    message: string;
    expected?: string;
    actual?: string;
    severity?: "error" | "warning";
  }): void;
}

/** A cross-field rule. */
export type Rule = (facts: Facts, ctx: RuleContext) => void;

/**
 * Ids are unique across facts, breakdowns, quotes and related articles.
 * Works on any parsed value, so that it also runs when the shape check failed
 * elsewhere in the file: every problem is reported in one run.
 */
export function checkUniqueIds(value: unknown, ctx: RuleContext): void {
  const seen = new Map<string, string>();
  const record = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  for (const section of ["facts", "breakdowns", "quotes", "related"]) {
    const items = record[section];
    if (!Array.isArray(items)) continue;
    items.forEach((item: unknown, index) => {
      const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
      if (typeof id !== "string") return;
      const first = seen.get(id);
      if (first) {
        ctx.report({ path: [section, index, "id"], ...phrase(CATALOGUE["facts/duplicate-id"], { id, first }), expected: "an id used once in the file", actual: id });
      } else seen.set(id, `${section}.${index}`);
    });
  }
}

/**
 * Dates written as dates that do not exist (2026-02-30): the brief's date,
 * and each date or month fact. Read from the file as parsed, so that a file
 * whose shape is wrong elsewhere has them reported with its other problems.
 */
export function checkRawDates(value: unknown, ctx: RuleContext): void {
  const record = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  const editorial = (record.editorial && typeof record.editorial === "object" ? record.editorial : {}) as Record<string, unknown>;
  if (typeof editorial.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(editorial.date) && !isCalendarDate(editorial.date)) {
    ctx.report({ path: ["editorial", "date"], ...phrase(CATALOGUE["facts/invalid-date"], { value: editorial.date, kind: "date" }), expected: "a real date, YYYY-MM-DD", actual: editorial.date });
  }
  const facts = Array.isArray(record.facts) ? record.facts : [];
  facts.forEach((item: unknown, index) => {
    const fact = (item && typeof item === "object" ? item : {}) as Record<string, unknown>;
    const { type, value: written } = fact;
    if (typeof written !== "string" || (type !== "date" && type !== "month")) return;
    const iso = type === "month" ? `${written}-01` : written;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || isCalendarDate(iso)) return;
    ctx.report({ path: ["facts", index, "value"], ...phrase(CATALOGUE["facts/invalid-date"], { value: written, kind: type }), expected: type === "month" ? "a real month, YYYY-MM" : "a real date, YYYY-MM-DD", actual: written });
  });
}

const uniqueIds: Rule = (facts, ctx) => checkUniqueIds(facts, ctx);

const datesExist: Rule = (facts, ctx) => checkRawDates(facts, ctx);

const breakdownsAddUp: Rule = (facts, ctx) => {
  const byId = new Map(facts.facts.map((f) => [f.id, f] as const));
  facts.breakdowns.forEach((breakdown, index) => {
    const total = byId.get(breakdown.of);
    if (!total) {
      ctx.report({ path: ["breakdowns", index, "of"], ...phrase(CATALOGUE["facts/unknown-reference"], { id: breakdown.of }), expected: "the id of a money fact", actual: breakdown.of });
      return;
    }
    if (total.type !== "money") {
      ctx.report({ path: ["breakdowns", index, "of"], ...phrase(CATALOGUE["facts/reference-type"], { id: breakdown.of, part: false, found: `a ${total.type} fact`, wanted: "money" }), expected: "a money fact", actual: total.type });
      return;
    }
    let sum = 0;
    let tolerance = (total.precision ?? 1) / 2;
    const listed = new Set<string>();
    breakdown.parts.forEach((partId, p) => {
      const part = byId.get(partId);
      const path = ["breakdowns", index, "parts", p];
      if (listed.has(partId)) {
        ctx.report({ path, ...phrase(CATALOGUE["facts/duplicate-part"], { part: partId, breakdown: breakdown.id }), actual: partId });
        return;
      }
      listed.add(partId);
      if (!part) {
        ctx.report({ path, ...phrase(CATALOGUE["facts/unknown-reference"], { id: partId }), expected: "the id of a money fact", actual: partId });
        return;
      }
      if (part.type !== "money" || part.currency !== total.currency) {
        ctx.report({ path, ...phrase(CATALOGUE["facts/reference-type"], { id: partId, part: true, found: part.type === "money" ? `money in ${part.currency}` : `a ${part.type} fact`, wanted: `money in ${total.currency}` }), expected: `money in ${total.currency}`, actual: part.type === "money" ? `money in ${part.currency}` : part.type });
        return;
      }
      sum += part.value;
      tolerance += (part.precision ?? 1) / 2;
    });
    if (breakdown.rest !== undefined && !listed.has(breakdown.rest)) {
      ctx.report({ path: ["breakdowns", index, "rest"], ...phrase(CATALOGUE["facts/rest-not-a-part"], { id: breakdown.rest, breakdown: breakdown.id }), expected: `one of the parts of \`${breakdown.id}\``, actual: breakdown.rest });
    }
    if (breakdown.complete && Math.abs(sum - total.value) > tolerance) {
      ctx.report({
        path: ["breakdowns", index, "complete"],
        ...phrase(CATALOGUE["facts/breakdown-sum"], { breakdown: breakdown.id, sum, total: total.id }),
        expected: `${total.value} (± ${tolerance})`,
        actual: String(sum),
      });
    } else if (!breakdown.complete && sum > total.value + tolerance) {
      ctx.report({
        path: ["breakdowns", index, "parts"],
        ...phrase(CATALOGUE["facts/breakdown-exceeds-total"], { breakdown: breakdown.id, total: total.id }),
        expected: `at most ${total.value}`,
        actual: String(sum),
      });
    }
  });
};

const figuresAreCoherent: Rule = (facts, ctx) => {
  facts.facts.forEach((fact, index) => {
    const path = ["facts", index, "value"];
    switch (fact.type) {
      case "money":
        // A step coarser than the amount itself: no digit of the source states it (a typo such as 1e15).
        if (fact.precision !== undefined && fact.value !== 0 && fact.precision > Math.abs(fact.value)) {
          ctx.report({ path: ["facts", index, "precision"], ...phrase(CATALOGUE["facts/precision-above-value"], { id: fact.id }), expected: `a step of at most ${Math.abs(fact.value)} (the amount itself)`, actual: String(fact.precision) });
        }
        if (fact.display && fact.precision !== undefined) {
          // What the verifier will read: the step the shown digits state ("900 millions" states 100 millions).
          const stated = amountStatedStep(fact.value, SCALE_EXPONENT[fact.display.scale], fact.display.decimals);
          if (statesMoreThan(stated, fact.value, fact.precision)) {
            ctx.report({ path: ["facts", index, "display"], ...phrase(CATALOGUE["facts/false-precision"], { id: fact.id }), expected: `a step of at least ${fact.precision}`, actual: `a step of ${stated}` });
          }
        }
        break;
      case "year-range":
        if (fact.value[0] > fact.value[1]) {
          ctx.report({ path, ...phrase(CATALOGUE["facts/invalid-range"], { id: fact.id }), expected: "from ≤ to", actual: show(fact.value) });
        }
        break;
      default:
        break;
    }
  });
};

/** Dates and periods need no label: a brief says them as they are (en 2024, au quatrième trimestre). */
const UNLABELLED: ReadonlySet<Fact["type"]> = new Set(["year", "year-range", "month", "date", "quarter", "half-year", "season"]);

const factsSayWhatTheyAre: Rule = (facts, ctx) => {
  facts.facts.forEach((fact, index) => {
    if (!fact.label && !fact.measure && !UNLABELLED.has(fact.type)) ctx.report({ path: ["facts", index, "id"], ...phrase(CATALOGUE["facts/missing-label"], { id: fact.id }), expected: "label: { fr: …, nl: …, en: … } or measure: <a measure of the story type>" });
    if (fact.approx && fact.bound) ctx.report({ path: ["facts", index, "bound"], ...phrase(CATALOGUE["facts/approx-and-bound"], { id: fact.id }), actual: `approx: true, bound: ${fact.bound}` });
  });
};

/** The kind of fact each end of a change of `unit` must be. */
const CHANGE_ENDS: Record<Extract<Fact, { type: "change" }>["unit"], Fact["type"]> = {
  percent: "money",
  money: "money",
  count: "count",
  "percentage-point": "percent",
  "basis-point": "percent",
};

/** The kinds of fact a change can be compared with. */
const PERIODS: ReadonlySet<Fact["type"]> = new Set(["year", "year-range", "quarter", "half-year", "month", "date", "season"]);

const changesAddUp: Rule = (facts, ctx) => {
  const byId = new Map(facts.facts.map((f) => [f.id, f] as const));
  facts.facts.forEach((fact, index) => {
    if (fact.type !== "change") return;
    const at = (field: string) => ["facts", index, field];
    if ((fact.from === undefined) !== (fact.to === undefined) || (fact.value === undefined && fact.from === undefined)) {
      ctx.report({ path: at(fact.from === undefined && fact.to === undefined ? "id" : fact.from === undefined ? "to" : "from"), ...phrase(CATALOGUE["facts/change-ends"], { id: fact.id }) });
      return;
    }
    const compared = fact["compared-with"];
    if (compared !== undefined) {
      const period = byId.get(compared);
      if (!period) ctx.report({ path: at("compared-with"), ...phrase(CATALOGUE["facts/unknown-reference"], { id: compared }), expected: "the id of a period fact (year, quarter, half-year, month, date, season)", actual: compared });
      else if (!PERIODS.has(period.type)) ctx.report({ path: at("compared-with"), ...phrase(CATALOGUE["facts/reference-type"], { id: compared, part: false, found: `a ${period.type} fact`, wanted: "a period" }), expected: "a year, quarter, half-year, month, date or season fact", actual: period.type });
    }
    let ends: [Fact, Fact] | undefined;
    if (fact.from !== undefined && fact.to !== undefined) {
      const wanted = CHANGE_ENDS[fact.unit];
      const found = ([["from", fact.from], ["to", fact.to]] as const).map(([field, ref]) => {
        const end = byId.get(ref);
        if (!end) ctx.report({ path: at(field), ...phrase(CATALOGUE["facts/unknown-reference"], { id: ref }), expected: `the id of a ${wanted} fact`, actual: ref });
        else if (end.type !== wanted) ctx.report({ path: at(field), ...phrase(CATALOGUE["facts/reference-type"], { id: ref, part: false, found: `a ${end.type} fact`, wanted: `a ${wanted} fact` }), expected: `a ${wanted} fact`, actual: end.type });
        return end?.type === wanted ? end : undefined;
      });
      if (found[0] && found[1]) ends = [found[0], found[1]];
    }
    if (fact.unit === "money" && fact.currency === undefined && !ends) ctx.report({ path: at("unit"), ...phrase(CATALOGUE["facts/change-currency"], { id: fact.id }), expected: "currency: EUR, USD, GBP or CHF" });
    if (ends && fact.value !== undefined) {
      const computed = computeChange(fact.unit, ends[0].value as number, ends[1].value as number);
      const step = 10 ** -(fact.decimals ?? 0);
      if (computed === undefined || Math.abs(computed - fact.value) > step / 2 + Math.abs(fact.value) * 1e-12) {
        // At the change's own decimals, so that 2.16 − 2.38 reads -0.22, not -0.21999999999999975.
        const shown = computed === undefined ? undefined : fact.decimals !== undefined ? computed.toFixed(fact.decimals) : String(Number(computed.toPrecision(12)));
        ctx.report({ path: at("value"), ...phrase(CATALOGUE["facts/change-value"], { id: fact.id, computed: shown ?? "not computable (it starts from zero)" }), expected: shown ?? "no value", actual: String(fact.value) });
      }
    }
  });
};

/**
 * The change from `from` to `to` counted in `unit`: a relative change in
 * percent, a difference, or a difference of two percentages in points or
 * basis points. Undefined for a relative change from zero.
 */
export function computeChange(unit: Extract<Fact, { type: "change" }>["unit"], from: number, to: number): number | undefined {
  switch (unit) {
    case "percent":
      return from === 0 ? undefined : ((to - from) / Math.abs(from)) * 100;
    case "basis-point":
      return (to - from) * 100;
    default:
      return to - from;
  }
}

const quotesSayTheirLanguage: Rule = (facts, ctx) => {
  facts.quotes.forEach((quote, index) => {
    for (const locale of LOCALES) {
      const text = quote.text[locale];
      const from = translatedFrom(text);
      const path = ["quotes", index, "text", locale];
      if (locale === quote.lang && from) {
        ctx.report({ path, ...phrase(CATALOGUE["facts/quote-translation"], { locale, quote: quote.id, lang: quote.lang }), expected: "a plain text", actual: `translated-from: ${from}` });
      } else if (locale !== quote.lang && from !== quote.lang) {
        ctx.report({ path, ...phrase(CATALOGUE["facts/quote-translation"], { locale, quote: quote.id, lang: quote.lang }), expected: `{ translated-from: ${quote.lang}, text: … }`, actual: from ? `translated-from: ${from}` : "a plain text" });
      }
    }
  });
};

const typographicApostrophes: Rule = (facts, ctx) => {
  const check = (text: LocalizedText, path: readonly PropertyKey[]) => {
    const fr = textOf(text.fr);
    if (fr.includes("'")) {
      ctx.report({ path: [...path, "fr"], ...phrase(CATALOGUE["facts/typography"], {}), expected: "’ (U+2019)", actual: show(fr) });
    }
  };
  facts.facts.forEach((f: Fact, i) => {
    if (f.label) check(f.label, ["facts", i, "label"]);
  });
  facts.quotes.forEach((q, i) => {
    check(q.role, ["quotes", i, "role"]);
    check(q.text, ["quotes", i, "text"]);
  });
  for (const [key, value] of Object.entries(facts.story)) {
    if (Array.isArray(value)) value.forEach((v, i) => check(v, ["story", key, i]));
    else check(value, ["story", key]);
  }
};

/**
 * How a money fact is shown: its `display`, or a scale chosen by magnitude
 * (milliard from 10^9, million from 10^6) with the decimals its precision
 * supports, at most two.
 */
export function moneyDisplayOf(fact: Extract<Fact, { type: "money" }>): { scale: keyof typeof SCALE_EXPONENT; decimals: number } {
  if (fact.display) return fact.display;
  const magnitude = Math.abs(fact.value);
  const scale: keyof typeof SCALE_EXPONENT = magnitude >= 1e9 ? "billion" : magnitude >= 1e6 ? "million" : "none";
  const precision = fact.precision ?? 1;
  // Down to the precision's last digit (1,25 milliard known to 250 millions) when that shows a whole number of
  // its steps in at most two decimals; else rounded at the power of ten at or above it (220,6 millions for
  // 220 575 000 known to 25 000), which states no more than is known.
  const exponent = SCALE_EXPONENT[scale];
  const steps = fact.value / precision;
  const fine = exponent - lastDigitPlace(precision);
  const top = Math.floor(Math.log10(precision));
  const coarse = exponent - (10 ** top === precision ? top : top + 1);
  const decimals = fine <= 2 && Math.abs(steps - Math.round(steps)) < 1e-9 ? fine : Math.min(2, coarse);
  return { scale, decimals: scale === "none" ? fractionDigitsOf(fact.value) : Math.max(0, decimals) };
}

/** The power of ten of a step's last significant digit: 100 000 000 → 8, 250 000 000 → 7 (1,25 milliard), 0,5 → −1. */
function lastDigitPlace(step: number): number {
  let place = Math.floor(Math.log10(step));
  while (place > -12 && Math.abs(step / 10 ** place - Math.round(step / 10 ** place)) > 1e-9) place--;
  return place;
}

function fractionDigitsOf(value: number): number {
  return Number.isInteger(value) ? 0 : 2;
}

/** Powers of ten of the scale words. */
export const SCALE_EXPONENT = { none: 0, thousand: 3, million: 6, billion: 9 } as const;

function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The rules run on every facts file, in order. */
export const RULES: readonly Rule[] = [uniqueIds, datesExist, factsSayWhatTheyAre, breakdownsAddUp, figuresAreCoherent, changesAddUp, quotesSayTheirLanguage, typographicApostrophes];
