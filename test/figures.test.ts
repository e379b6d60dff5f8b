import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOCALES, type Fact, type Locale } from "../src/content/schema.ts";
import { FigureFormatter } from "../src/render/figures.ts";
import { loadMessages } from "../src/render/messages.ts";
import { readFigures } from "../src/verify/reader.ts";
import { verifyArticle } from "../src/verify/verify.ts";
import { article, DATE } from "./support/verifier.ts";
import { money, realFormatters, repoFile } from "./support/fixtures.ts";

const NBSP = "\u00a0";
const NNBSP = "\u202f";
const formatters = realFormatters();
const fact = (f: Partial<Fact> & Pick<Fact, "type" | "value">): Fact => ({ id: "x", label: { fr: "x", nl: "x", en: "x" }, ...f }) as Fact;

// The tables of ../shared/LOCALE-CONVENTIONS.md, with the no-break spaces the house style adds.
const MONEY: Array<[string, Fact, { full?: boolean }, Record<Locale, string>]> = [
  ["1 232 726 898 rounded", money(1232726898, { display: { scale: "billion", decimals: 1 } }), {}, { fr: `1,2${NBSP}milliard d’euros`, nl: `1,2${NBSP}miljard euro`, en: `€1.2${NBSP}billion` }],
  ["544 700 000", money(544700000, { precision: 100000 }), {}, { fr: `544,7${NBSP}millions d’euros`, nl: `544,7${NBSP}miljoen euro`, en: `€544.7${NBSP}million` }],
  ["60 000 000", money(60000000, { precision: 1000000 }), {}, { fr: `60${NBSP}millions d’euros`, nl: `60${NBSP}miljoen euro`, en: `€60${NBSP}million` }],
  ["2 200 000 000", money(2200000000, { precision: 100000000 }), {}, { fr: `2,2${NBSP}milliards d’euros`, nl: `2,2${NBSP}miljard euro`, en: `€2.2${NBSP}billion` }],
  ["1 250 000 000 known to 250 000 000", money(1250000000, { precision: 250000000 }), {}, { fr: `1,25${NBSP}milliard d’euros`, nl: `1,25${NBSP}miljard euro`, en: `€1.25${NBSP}billion` }],
  ["1,98 milliard stays singular", money(1980000000, { precision: 10000000 }), {}, { fr: `1,98${NBSP}milliard d’euros`, nl: `1,98${NBSP}miljard euro`, en: `€1.98${NBSP}billion` }],
  ["750 000", money(750000), {}, { fr: `750${NNBSP}000${NBSP}euros`, nl: `750.000${NBSP}euro`, en: `€750,000` }],
  ["1 232 726 898 in full", money(1232726898, { display: { scale: "billion", decimals: 1 } }), { full: true }, { fr: `1${NNBSP}232${NNBSP}726${NNBSP}898${NBSP}euros`, nl: `1.232.726.898${NBSP}euro`, en: `€1,232,726,898` }],
  ["an exact million of billions takes the CLDR `many` form", money(1e15, { display: { scale: "billion", decimals: 0 } }), {}, { fr: `1${NNBSP}000${NNBSP}000${NBSP}milliards d’euros`, nl: `1.000.000${NBSP}miljard euro`, en: `€1,000,000${NBSP}billion` }],
  ["one euro", money(1), {}, { fr: `1${NBSP}euro`, nl: `1${NBSP}euro`, en: `€1` }],
  ["an approximate amount is hedged", money(1232726898, { display: { scale: "billion", decimals: 1 }, approx: true }), {}, { fr: `environ 1,2${NBSP}milliard d’euros`, nl: `ongeveer 1,2${NBSP}miljard euro`, en: `about €1.2${NBSP}billion` }],
];

const OTHER: Array<[string, Fact, Record<Locale, string>]> = [
  ["a full date", fact({ type: "date", value: "2025-03-28" }), { fr: "28 mars 2025", nl: "28 maart 2025", en: "28 March 2025" }],
  ["the first of the month", fact({ type: "date", value: "2025-03-01" }), { fr: "1er mars 2025", nl: "1 maart 2025", en: "1 March 2025" }],
  ["a month", fact({ type: "month", value: "2025-04" }), { fr: "avril 2025", nl: "april 2025", en: "April 2025" }],
  ["a year range", fact({ type: "year-range", value: [2025, 2027] }), { fr: "2025-2027", nl: "2025-2027", en: "2025-2027" }],
  ["a year", fact({ type: "year", value: 2025 }), { fr: "2025", nl: "2025", en: "2025" }],
  ["a percentage", fact({ type: "percent", value: 40 }), { fr: `40${NBSP}%`, nl: `40${NBSP}procent`, en: "40%" }],
  ["percentage points", fact({ type: "percentage-point", value: 3 }), { fr: `3${NBSP}points de pourcentage`, nl: `3${NBSP}procentpunt`, en: `3${NBSP}percentage points` }],
  ["one percentage point", fact({ type: "percentage-point", value: 1 }), { fr: `1${NBSP}point de pourcentage`, nl: `1${NBSP}procentpunt`, en: `1${NBSP}percentage point` }],
  ["a count", fact({ type: "count", value: 12500 }), { fr: `12${NNBSP}500`, nl: "12.500", en: "12,500" }],
];

describe("figures follow the house conventions", () => {
  describe.each(MONEY)("money: %s", (_name, f, options, expected) => {
    it.each(["fr", "nl", "en"] as const)("%s", (locale) => {
      expect(formatters[locale].format(f, options)).toBe(expected[locale]);
    });
  });
  describe.each(OTHER)("%s", (_name, f, expected) => {
    it.each(["fr", "nl", "en"] as const)("%s", (locale) => {
      expect(formatters[locale].format(f)).toBe(expected[locale]);
    });
  });

  it("form `in` changes dates and periods only: any other figure, a change too, is as without it", () => {
    const others = [money(1500000000, { precision: 100000000 }), fact({ type: "count", value: 45 }), fact({ type: "duration", value: "P1W" }), fact({ type: "quantity", unit: "km", value: 12 }), fact({ type: "change", unit: "percent", value: 2.4, decimals: 1 } as Partial<Fact> & Pick<Fact, "type" | "value">)];
    // The repository's locales, which have every figure message.
    const catalog = loadMessages(LOCALES.map((locale) => ({ locale, file: `locales/${locale}.json`, text: repoFile(`locales/${locale}.json`) }))).catalog;
    for (const locale of LOCALES) {
      const formatter = new FigureFormatter(catalog.get(locale)!);
      for (const f of others) expect(formatter.format(f, { form: "in" }), `${locale} ${f.type}`).toBe(formatter.format(f));
      if (locale === "en") expect(formatter.format(others[4]!, { form: "in" })).toBe("+2.4%");
      if (locale === "fr") expect(formatter.format(fact({ type: "date", value: "2027-04-12" }), { form: "in" })).toBe("le 12 avril 2027");
    }
  });

  it("never writes the false friends billion (fr) or biljoen (nl) for 10^9", () => {
    const f = money(3e9, { precision: 1e8 });
    expect(formatters.fr.format(f)).not.toMatch(/billion/);
    expect(formatters.nl.format(f)).not.toMatch(/biljoen/);
  });
});

describe("format, then read back with the verifier's own reader", () => {
  const locales = fc.constantFrom<Locale>("fr", "nl", "en");

  it("gives back every scaled amount at the precision shown", () => {
    fc.assert(
      fc.property(
        locales,
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom("million" as const, "billion" as const),
        fc.integer({ min: 0, max: 2 }),
        (locale, mantissa, scale, decimals) => {
          const exponent = scale === "billion" ? 9 : 6;
          const value = mantissa * 10 ** (exponent - 3);
          const f = money(value, { display: { scale, decimals } });
          const text = formatters[locale].format(f);
          const figures = readFigures(text, locale);
          expect(figures).toHaveLength(1);
          const [figure] = figures;
          expect(figure!.unit).toBe("EUR");
          expect(figure!.problems).toEqual([]);
          expect(Math.abs((figure!.value as number) - value)).toBeLessThanOrEqual(figure!.step! / 2);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("gives back every full amount exactly", () => {
    fc.assert(
      fc.property(locales, fc.integer({ min: 0, max: 999_999_999_999 }), (locale, value) => {
        const figures = readFigures(formatters[locale].format(money(value), { full: true }), locale);
        expect(figures.map((f) => [f.unit, f.value, f.problems])).toEqual([["EUR", value, []]]);
      }),
      { numRuns: 500 },
    );
  });

  it("shows every money fact with no display no more precisely than it is known, whatever its scale and step", () => {
    // value = k × precision, the precision a power of ten or 2 or 5 times one: 900 millions known to 100 millions,
    // 950 millions known to 50 millions, 900 000 known to 100 000, 1,4 milliard known to 200 millions,
    // 1,25 milliard known to 250 millions (a precision with two significant digits).
    fc.assert(
      fc.property(
        locales,
        fc.integer({ min: -9999, max: 9999 }).filter((k) => k !== 0),
        fc.constantFrom(1, 2, 5, 25),
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        (locale, k, lead, exponent, exactDecimals) => {
          const precision = lead * 10 ** exponent;
          const value = k * precision;
          const text = formatters[locale].format(money(value, { precision }), { exactDecimals });
          const brief = { file: "o.md", locale, format: "markdown" as const, contents: `---\ntitle: T\nlang: ${locale}\ndate: "${DATE}"\n---\n${text}\n` };
          const { diagnostics } = verifyArticle(article([{ id: "x", type: "money", currency: "EUR", value, precision }]), [brief]);
          expect(diagnostics.map((d) => `${d.rule}: ${d.message}`), text).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("gives back every date, month and year range", () => {
    fc.assert(
      fc.property(locales, fc.date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), (locale, date) => {
        const iso = date.toISOString().slice(0, 10);
        const asDate = readFigures(formatters[locale].format(fact({ type: "date", value: iso })), locale);
        expect(asDate.map((f) => [f.unit, f.value, f.problems])).toEqual([["date", iso, []]]);
        const asMonth = readFigures(formatters[locale].format(fact({ type: "month", value: iso.slice(0, 7) })), locale);
        expect(asMonth.map((f) => [f.unit, f.value, f.problems])).toEqual([["month", iso.slice(0, 7), []]]);
        const year = date.getUTCFullYear();
        const range = readFigures(formatters[locale].format(fact({ type: "year-range", value: [year, year + 2] })), locale);
        expect(range.map((f) => [f.unit, f.value, f.problems])).toEqual([["year-range", [year, year + 2], []]]);
      }),
      { numRuns: 300 },
    );
  });
});
