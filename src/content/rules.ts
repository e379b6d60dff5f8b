/**
 * Cross-field rules over a shape-valid facts file, run after zod:
 * each rule is `(facts, ctx) => void` and reports through `ctx`.
 */
import { show } from "../diagnostics/diagnostic.ts";
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
        ctx.report({ path: [section, index, "id"], rule: "facts/duplicate-id", message: `id \`${id}\` is already used by ${first}`, expected: "an id used once in the file", actual: id });
      } else seen.set(id, `${section}.${index}`);
    });
  }
}

const uniqueIds: Rule = (facts, ctx) => checkUniqueIds(facts, ctx);

const breakdownsAddUp: Rule = (facts, ctx) => {
  const byId = new Map(facts.facts.map((f) => [f.id, f] as const));
  facts.breakdowns.forEach((breakdown, index) => {
    const total = byId.get(breakdown.of);
    if (!total) {
      ctx.report({ path: ["breakdowns", index, "of"], rule: "facts/unknown-reference", message: `no fact has the id \`${breakdown.of}\``, expected: "the id of a money fact", actual: breakdown.of });
      return;
    }
    if (total.type !== "money") {
      ctx.report({ path: ["breakdowns", index, "of"], rule: "facts/reference-type", message: `\`${breakdown.of}\` is a ${total.type} fact, not money`, expected: "a money fact", actual: total.type });
      return;
    }
    let sum = 0;
    let tolerance = (total.precision ?? 1) / 2;
    const listed = new Set<string>();
    breakdown.parts.forEach((partId, p) => {
      const part = byId.get(partId);
      const path = ["breakdowns", index, "parts", p];
      if (listed.has(partId)) {
        ctx.report({ path, rule: "facts/duplicate-part", message: `\`${partId}\` is listed twice in breakdown \`${breakdown.id}\``, actual: partId });
        return;
      }
      listed.add(partId);
      if (!part) {
        ctx.report({ path, rule: "facts/unknown-reference", message: `no fact has the id \`${partId}\``, expected: "the id of a money fact", actual: partId });
        return;
      }
      if (part.type !== "money" || part.currency !== total.currency) {
        ctx.report({ path, rule: "facts/reference-type", message: `part \`${partId}\` must be money in ${total.currency}`, expected: `money in ${total.currency}`, actual: part.type === "money" ? `money in ${part.currency}` : part.type });
        return;
      }
      sum += part.value;
      tolerance += (part.precision ?? 1) / 2;
    });
    if (breakdown.complete && Math.abs(sum - total.value) > tolerance) {
      ctx.report({
        path: ["breakdowns", index, "complete"],
        rule: "facts/breakdown-sum",
        message: `the parts of \`${breakdown.id}\` add up to ${sum}, not to \`${total.id}\`; set \`complete: false\` if the breakdown is partial`,
        expected: `${total.value} (± ${tolerance})`,
        actual: String(sum),
      });
    } else if (!breakdown.complete && sum > total.value + tolerance) {
      ctx.report({
        path: ["breakdowns", index, "parts"],
        rule: "facts/breakdown-exceeds-total",
        message: `the parts of \`${breakdown.id}\` add up to more than \`${total.id}\``,
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
        if (fact.currency !== "EUR") {
          ctx.report({ path: ["facts", index, "currency"], rule: "facts/unsupported-currency", message: `briefs can show amounts in EUR only for now`, expected: "EUR", actual: fact.currency });
        }
        if (fact.display && fact.precision !== undefined) {
          const step = 10 ** (SCALE_EXPONENT[fact.display.scale] - fact.display.decimals);
          if (step < fact.precision) {
            ctx.report({ path: ["facts", index, "display"], rule: "facts/false-precision", message: `\`${fact.id}\` would be shown more precisely than the source states it`, expected: `a step of at least ${fact.precision}`, actual: `a step of ${step}` });
          }
        }
        break;
      case "year-range":
        if (fact.value[0] > fact.value[1]) {
          ctx.report({ path, rule: "facts/invalid-range", message: `the range of \`${fact.id}\` ends before it starts`, expected: "from ≤ to", actual: show(fact.value) });
        }
        break;
      case "month":
      case "date":
        if (!isCalendarDate(fact.type === "month" ? `${fact.value}-01` : fact.value)) {
          ctx.report({ path, rule: "facts/invalid-date", message: `\`${fact.value}\` is not a calendar ${fact.type}`, actual: fact.value });
        }
        break;
      default:
        break;
    }
  });
  if (!isCalendarDate(facts.editorial.date)) {
    ctx.report({ path: ["editorial", "date"], rule: "facts/invalid-date", message: `\`${facts.editorial.date}\` is not a calendar date`, actual: facts.editorial.date });
  }
};

const quotesSayTheirLanguage: Rule = (facts, ctx) => {
  facts.quotes.forEach((quote, index) => {
    for (const locale of LOCALES) {
      const text = quote.text[locale];
      const from = translatedFrom(text);
      const path = ["quotes", index, "text", locale];
      if (locale === quote.lang && from) {
        ctx.report({ path, rule: "facts/quote-translation", message: `the ${locale} text of quote \`${quote.id}\` is its original: it cannot be a translation`, expected: "a plain text", actual: `translated-from: ${from}` });
      } else if (locale !== quote.lang && from !== quote.lang) {
        ctx.report({ path, rule: "facts/quote-translation", message: `the ${locale} text of quote \`${quote.id}\` must say it is translated from ${quote.lang}`, expected: `{ translated-from: ${quote.lang}, text: … }`, actual: from ? `translated-from: ${from}` : "a plain text" });
      }
    }
  });
};

const typographicApostrophes: Rule = (facts, ctx) => {
  const check = (text: LocalizedText, path: readonly PropertyKey[]) => {
    const fr = textOf(text.fr);
    if (fr.includes("'")) {
      ctx.report({ path: [...path, "fr"], rule: "facts/typography", severity: "warning", message: "French text uses a straight apostrophe", expected: "’ (U+2019)", actual: show(fr) });
    }
  };
  facts.facts.forEach((f: Fact, i) => check(f.label, ["facts", i, "label"]));
  facts.quotes.forEach((q, i) => {
    check(q.role, ["quotes", i, "role"]);
    check(q.text, ["quotes", i, "text"]);
  });
  for (const [key, value] of Object.entries(facts.story)) {
    if (Array.isArray(value)) value.forEach((v, i) => check(v, ["story", key, i]));
    else check(value, ["story", key]);
  }
};

/** Powers of ten of the scale words. */
export const SCALE_EXPONENT = { none: 0, thousand: 3, million: 6, billion: 9 } as const;

function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The rules run on every facts file, in order. */
export const RULES: readonly Rule[] = [uniqueIds, breakdownsAddUp, figuresAreCoherent, quotesSayTheirLanguage, typographicApostrophes];
