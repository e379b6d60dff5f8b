import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Bound, type FigureSign, type FigureUnit, type ReadFigure, type ReaderLocale, readFigures } from "../src/verify/reader.ts";

const N = "\u202F"; // narrow no-break space: fr thousands separator
const B = "\u00A0"; // no-break space

/** The figure's essentials, in a shape toEqual can compare exactly. */
const essentials = (f: ReadFigure) => ({
  text: f.text,
  unit: f.unit,
  value: f.value,
  step: f.step,
  approx: f.approx ?? false,
  bound: f.bound,
  sign: f.sign,
  problems: f.problems,
});

/** Reads `input`, which must hold exactly one figure, and checks its span. */
function one(input: string, loc: ReaderLocale): ReadFigure {
  const figs = readFigures(input, loc);
  expect(figs, `figures in ${JSON.stringify(input)}`).toHaveLength(1);
  const f = figs[0]!;
  expect(input.slice(f.start, f.end)).toBe(f.text);
  return f;
}

// ---------------------------------------------------------------------------------------------
// 1. Table: one figure per input.

interface Row {
  loc: ReaderLocale;
  input: string;
  unit: FigureUnit;
  value: ReadFigure["value"];
  step?: number;
  /** the figure's span when it is not the whole input */
  span?: string;
  approx?: boolean;
  bound?: Bound;
  sign?: FigureSign;
  /** exact expected problems; [] when omitted */
  problems?: string[];
}
const row = (loc: ReaderLocale, input: string, unit: FigureUnit, value: ReadFigure["value"], step?: number,
  extra: Omit<Row, "loc" | "input" | "unit" | "value" | "step"> = {}): Row =>
  step === undefined ? { loc, input, unit, value, ...extra } : { loc, input, unit, value, step, ...extra };
const hedge = (span: string): Pick<Row, "span" | "approx"> => ({ span, approx: true });
const bounded = (span: string, bound: Bound): Pick<Row, "span" | "bound"> => ({ span, bound });
const bad = (...problems: string[]): Pick<Row, "problems"> => ({ problems });

const FR_DEC = "decimal separator must be a comma in fr";
const FR_GROUP = "thousands separator must be a narrow no-break space (U+202F) in fr";
const NL_DEC = "decimal separator must be a comma in nl";
const EN_DEC = "decimal separator must be a point in en";
const EN_LEAD = "currency must be written as a leading € in en";

const ROWS: Row[] = [
  // fr: the first article, house style
  row("fr", "1,2 milliard d’euros", "EUR", 1_200_000_000, 100_000_000),
  row("fr", `1${N}232${N}726${N}898 euros`, "EUR", 1_232_726_898, 1),
  row("fr", "544,7 millions d’euros", "EUR", 544_700_000, 100_000),
  row("fr", "290,8 millions d’euros", "EUR", 290_800_000, 100_000),
  row("fr", "44,5 millions d’euros", "EUR", 44_500_000, 100_000),
  row("fr", "43,7 millions d’euros", "EUR", 43_700_000, 100_000),
  row("fr", "81,9 millions d’euros", "EUR", 81_900_000, 100_000),
  row("fr", "60 millions d’euros", "EUR", 60_000_000, 1_000_000),
  row("fr", "pour la période 2025-2027.", "year-range", [2025, 2027], undefined, { span: "2025-2027" }),
  row("fr", "en avril 2025", "month", "2025-04", undefined, { span: "avril 2025" }),
  // fr: other house-style forms
  row("fr", "2,2 milliards d’euros", "EUR", 2_200_000_000, 100_000_000),
  row("fr", `750${N}000 euros`, "EUR", 750_000, 1),
  row("fr", `1,2${B}milliard d’euros`, "EUR", 1_200_000_000, 100_000_000),
  row("fr", "1,98 milliard d’euros", "EUR", 1_980_000_000, 10_000_000),
  row("fr", "1,1 milliard d’euros", "EUR", 1_100_000_000, 100_000_000),
  row("fr", "4,35 millions d’euros", "EUR", 4_350_000, 10_000),
  row("fr", "1 million d’euros", "EUR", 1_000_000, 1_000_000),
  row("fr", "1,5 euro", "EUR", 1.5, 0.1),
  row("fr", "(44,5 millions)", "count", 44_500_000, 100_000, { span: "44,5 millions" }),
  row("fr", "le 28 mars 2025", "date", "2025-03-28", undefined, { span: "28 mars 2025" }),
  row("fr", "1er mars 2025", "date", "2025-03-01"),
  row("fr", "1er février 2024", "date", "2024-02-01"),
  row("fr", "15 août 2024", "date", "2024-08-15"),
  row("fr", "31 décembre 2025", "date", "2025-12-31"),
  row("fr", "Avril 2025 sera chargé", "month", "2025-04", undefined, { span: "Avril 2025" }),
  row("fr", `40${B}%`, "percent", 40, 1),
  row("fr", `40${N}%`, "percent", 40, 1),
  row("fr", `12,5${B}%`, "percent", 12.5, 0.1),
  row("fr", "40 pour cent", "percent", 40, 1),
  row("fr", "3 points de pourcentage", "percentage-point", 3, 1),
  row("fr", "0,5 point de pourcentage", "percentage-point", 0.5, 0.1),
  row("fr", "près de 1,2 milliard d’euros", "EUR", 1_200_000_000, 100_000_000, hedge("1,2 milliard d’euros")),
  row("fr", "environ 60 millions d’euros", "EUR", 60_000_000, 1_000_000, hedge("60 millions d’euros")),
  row("fr", `plus de 40${B}%`, "percent", 40, 1, bounded(`40${B}%`, "more-than")),
  row("fr", "moins de 300 projets", "count", 300, 1, bounded("300", "less-than")),
  row("fr", "quelque 27 pays", "count", 27, 1, hedge("27")),
  row("fr", "Environ 2000 personnes", "count", 2000, 1, hedge("2000")),
  row("fr", "en 2030", "year", 2030, undefined, { span: "2030" }),
  row("fr", "les 27 États membres", "count", 27, 1, { span: "27" }),
  row("fr", "2025-03-28", "date", "2025-03-28"),
  row("fr", "2025–2027", "year-range", [2025, 2027]),
  row("fr", "2 billions d’euros", "EUR", 2_000_000_000_000, 1_000_000_000_000),
  // fr: read, but against house style
  row("fr", "60 M€", "EUR", 60_000_000, 1_000_000, bad("scale word must be written out in fr: millions d’euros")),
  row("fr", "1,2 Md€", "EUR", 1_200_000_000, 100_000_000, bad("scale word must be written out in fr: milliard d’euros")),
  row("fr", "1,2 milliard €", "EUR", 1_200_000_000, 100_000_000, bad("currency must be written d’euros in fr")),
  row("fr", "1.2 milliard d’euros", "EUR", 1_200_000_000, 100_000_000, bad(FR_DEC)),
  row("fr", "1.232.726.898 euros", "EUR", 1_232_726_898, 1, bad(FR_GROUP)),
  row("fr", "1 232 726 898 euros", "EUR", 1_232_726_898, 1, bad(FR_GROUP)),
  row("fr", `1${B}232${B}726${B}898 euros`, "EUR", 1_232_726_898, 1, bad(FR_GROUP)),
  row("fr", "1232726898 euros", "EUR", 1_232_726_898, 1,
    bad("thousands must be grouped with a narrow no-break space (U+202F) in fr")),
  row("fr", "1,2 milliards d’euros", "EUR", 1_200_000_000, 100_000_000, bad("scale word must be singular below 2: milliard")),
  row("fr", "2,2 milliard d’euros", "EUR", 2_200_000_000, 100_000_000, bad("scale word must be plural from 2: milliards")),
  row("fr", "60 millions euros", "EUR", 60_000_000, 1_000_000, bad("after a scale word the currency must be d’euros in fr")),
  row("fr", "60 millions d'euros", "EUR", 60_000_000, 1_000_000, bad("apostrophe must be ’ (U+2019) in fr: d’euros")),
  row("fr", `750${N}000 euro`, "EUR", 750_000, 1, bad("currency word must be plural from 2: euros")),
  row("fr", "1 mars 2025", "date", "2025-03-01", undefined, bad("the first day of the month must be written 1er in fr")),
  row("fr", "28 Mars 2025", "date", "2025-03-28", undefined, bad("month name must be lower case in fr: mars")),
  row("fr", "en Avril 2025", "month", "2025-04", undefined, { span: "Avril 2025", ...bad("month name must be lower case in fr: avril") }),
  row("fr", "fevrier 2025", "month", "2025-02", undefined, bad("month name must be spelled février in fr")),
  row("fr", "40 %", "percent", 40, 1, bad("a no-break space must precede % in fr")),
  row("fr", "40%", "percent", 40, 1, bad("a no-break space must precede % in fr")),
  row("fr", "30 février 2025", "date", "2025-02-30", undefined, bad("no such date: 2025-02-30")),
  // nl
  row("nl", "1,2 miljard euro", "EUR", 1_200_000_000, 100_000_000),
  row("nl", "1.232.726.898 euro", "EUR", 1_232_726_898, 1),
  row("nl", "544,7 miljoen euro", "EUR", 544_700_000, 100_000),
  row("nl", "290,8 miljoen euro", "EUR", 290_800_000, 100_000),
  row("nl", "60 miljoen euro", "EUR", 60_000_000, 1_000_000),
  row("nl", "2,2 miljard euro", "EUR", 2_200_000_000, 100_000_000),
  row("nl", "750.000 euro", "EUR", 750_000, 1),
  row("nl", "in april 2025", "month", "2025-04", undefined, { span: "april 2025" }),
  row("nl", "28 maart 2025", "date", "2025-03-28"),
  row("nl", "1 maart 2025", "date", "2025-03-01"),
  row("nl", "15 augustus 2024", "date", "2024-08-15"),
  row("nl", "2025-2027", "year-range", [2025, 2027]),
  row("nl", "40 procent", "percent", 40, 1),
  row("nl", "40%", "percent", 40, 1),
  row("nl", "3 procentpunt", "percentage-point", 3, 1),
  row("nl", "ongeveer 60 miljoen euro", "EUR", 60_000_000, 1_000_000, hedge("60 miljoen euro")),
  row("nl", "zo'n 40 procent", "percent", 40, 1, hedge("40 procent")),
  row("nl", "zo’n 300 bedrijven", "count", 300, 1, hedge("300")),
  row("nl", "meer dan 1,2 miljard euro", "EUR", 1_200_000_000, 100_000_000, bounded("1,2 miljard euro", "more-than")),
  row("nl", "bijna 40%", "percent", 40, 1, hedge("40%")),
  row("nl", "minder dan 3 procentpunt", "percentage-point", 3, 1, bounded("3 procentpunt", "less-than")),
  row("nl", "2 biljoen euro", "EUR", 2_000_000_000_000, 1_000_000_000_000),
  row("nl", "1,2 mld. euro", "EUR", 1_200_000_000, 100_000_000, bad("scale word must be written out in nl: miljard")),
  row("nl", "€ 1,2 miljard", "EUR", 1_200_000_000, 100_000_000, bad("currency must follow the number in nl: euro")),
  row("nl", "1,2 miljard euros", "EUR", 1_200_000_000, 100_000_000, bad("euro never takes an s in nl")),
  row("nl", "1.2 miljard euro", "EUR", 1_200_000_000, 100_000_000, bad(NL_DEC)),
  row("nl", "2 miljarden euro", "EUR", 2_000_000_000, 1_000_000_000, bad("scale word never takes a plural in nl: miljard")),
  row("nl", "40 %", "percent", 40, 1, bad("no space before % in nl")),
  row("nl", "28 Maart 2025", "date", "2025-03-28", undefined, bad("month name must be lower case in nl: maart")),
  row("nl", "1 232 726 898 euro", "EUR", 1_232_726_898, 1, bad("thousands separator must be a dot in nl")),
  // en
  row("en", "€1.2 billion", "EUR", 1_200_000_000, 100_000_000),
  row("en", "€1,232,726,898", "EUR", 1_232_726_898, 1),
  row("en", "€544.7 million", "EUR", 544_700_000, 100_000),
  row("en", "€290.8 million", "EUR", 290_800_000, 100_000),
  row("en", "€60 million", "EUR", 60_000_000, 1_000_000),
  row("en", "€2.2 billion", "EUR", 2_200_000_000, 100_000_000),
  row("en", "€750,000", "EUR", 750_000, 1),
  row("en", "in April 2025", "month", "2025-04", undefined, { span: "April 2025" }),
  row("en", "28 March 2025", "date", "2025-03-28"),
  row("en", "1 March 2025", "date", "2025-03-01"),
  row("en", "2025-2027", "year-range", [2025, 2027]),
  row("en", "40%", "percent", 40, 1),
  row("en", "40 per cent", "percent", 40, 1),
  row("en", "3 percentage points", "percentage-point", 3, 1),
  row("en", "about €1.2 billion", "EUR", 1_200_000_000, 100_000_000, hedge("€1.2 billion")),
  row("en", "nearly 40%", "percent", 40, 1, hedge("40%")),
  row("en", "some 27 countries", "count", 27, 1, hedge("27")),
  row("en", "more than €60 million", "EUR", 60_000_000, 1_000_000, bounded("€60 million", "more-than")),
  row("en", "less than 3 percentage points", "percentage-point", 3, 1, bounded("3 percentage points", "less-than")),
  row("en", "in 2026", "year", 2026, undefined, { span: "2026" }),
  row("en", "1.2 billion", "count", 1_200_000_000, 100_000_000),
  row("en", "EUR 1.2 billion", "EUR", 1_200_000_000, 100_000_000, bad(EN_LEAD)),
  row("en", "1.2 billion euros", "EUR", 1_200_000_000, 100_000_000, bad(EN_LEAD)),
  row("en", "€1.2bn", "EUR", 1_200_000_000, 100_000_000, bad("scale word must be written out in en: billion")),
  row("en", "€60m", "EUR", 60_000_000, 1_000_000, bad("scale word must be written out in en: million")),
  row("en", "€ 1.2 billion", "EUR", 1_200_000_000, 100_000_000, bad("no space after € in en")),
  row("en", "€1.2 billions", "EUR", 1_200_000_000, 100_000_000, bad("scale word never takes an s in en: billion")),
  row("en", "€1,2 billion", "EUR", 1_200_000_000, 100_000_000, bad(EN_DEC)),
  row("en", "€1.232.726.898", "EUR", 1_232_726_898, 1, bad("thousands separator must be a comma in en")),
  row("en", "28 march 2025", "date", "2025-03-28", undefined, bad("month name must be capitalised in en: March")),
  row("en", "40 %", "percent", 40, 1, bad("no space before % in en")),
  row("en", "1st March 2025", "date", "2025-03-01", undefined, bad("the day must be written without an ordinal suffix in en")),
  row("fr", "2e mars 2025", "date", "2025-03-02", undefined, bad("the day must be written without an ordinal suffix in fr")),
  row("nl", "1ste maart 2025", "date", "2025-03-01", undefined, bad("the day must be written without an ordinal suffix in nl")),
];

describe("readFigures: table", () => {
  it("has at least 80 rows over the three locales", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(80);
    for (const loc of ["fr", "nl", "en"] as const) expect(ROWS.filter((r) => r.loc === loc).length).toBeGreaterThan(20);
  });

  it.each(ROWS.map((r) => [r.loc, r.input, r] as const))("%s %j", (loc, input, r) => {
    const f = one(input, loc);
    expect(essentials(f)).toEqual({
      text: r.span ?? input,
      unit: r.unit,
      value: r.value,
      step: r.step,
      approx: r.approx ?? false,
      bound: r.bound,
      sign: r.sign,
      problems: r.problems ?? [],
    });
    expect(f.start).toBe(input.indexOf(r.span ?? input));
  });
});

describe("readFigures: what it must not read", () => {
  it.each([
    ["fr", "le G7 et H2O en 4K, 3e place"],
    ["en", "the G7 summit in 4K"],
    ["en", "a 100m sprint"],
    ["fr", "voir https://ec.europa.eu/commission/presscorner/detail/fr/ip_25_123 ici"],
    ["en", "see (http://example.org/2025/03/28/1,2-billion)"],
  ] as const)("%s %j gives no figure", (loc, input) => {
    expect(readFigures(input, loc)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Mutations: a broken figure never reads the same as the right one.

describe("readFigures: mutations are noticed", () => {
  const read = (s: string, loc: ReaderLocale) => one(s, loc);

  it("a changed digit changes the value", () => {
    expect(read("1,2 milliard d’euros", "fr").value).toBe(1_200_000_000);
    expect(read("1,3 milliard d’euros", "fr").value).toBe(1_300_000_000);
    expect(read(`1${N}232${N}726${N}899 euros`, "fr").value).toBe(1_232_726_899);
    expect(read("€544.8 million", "en").value).toBe(544_800_000);
    expect(read("1.232.726.889 euro", "nl").value).toBe(1_232_726_889);
  });

  it("an inserted or dropped digit changes the value", () => {
    expect(read("12,2 milliards d’euros", "fr").value).toBe(12_200_000_000);
    expect(read("54,7 millions d’euros", "fr").value).toBe(54_700_000);
    expect(essentials(read("€1,232,726,89", "en"))).toMatchObject({
      value: 123_272_689, problems: ["a digit group must have exactly 3 digits"],
    });
    expect(read("1.232.726.8980 euro", "nl").value).toBe(12_327_268_980);
  });

  it("millions ↔ milliards multiplies the value by 1000", () => {
    const m = read("544,7 millions d’euros", "fr").value as number;
    const md = read("544,7 milliards d’euros", "fr").value as number;
    expect(md).toBe(m * 1000);
    expect(read("544,7 miljard euro", "nl").value).toBe(544_700_000_000);
    expect(read("€544.7 billion", "en").value).toBe(544_700_000_000);
  });

  it("a swapped decimal separator is a problem, read the plausible way", () => {
    expect(essentials(read("544.7 millions d’euros", "fr"))).toMatchObject({ value: 544_700_000, problems: [FR_DEC] });
    expect(essentials(read("544.7 miljoen euro", "nl"))).toMatchObject({ value: 544_700_000, problems: [NL_DEC] });
    expect(essentials(read("€544,7 million", "en"))).toMatchObject({ value: 544_700_000, problems: [EN_DEC] });
  });

  it("plural agreement in French is checked both ways", () => {
    expect(read("1,2 milliards d’euros", "fr").problems).toEqual(["scale word must be singular below 2: milliard"]);
    expect(read("60 million d’euros", "fr").problems).toEqual(["scale word must be plural from 2: millions"]);
    expect(read("2 millions d’euros", "fr").problems).toEqual([]);
    expect(read("1,99 million d’euros", "fr").problems).toEqual([]);
  });

  it("euros in Dutch, a space after € in English, wrong group separators", () => {
    expect(read("60 miljoen euros", "nl").problems).toEqual(["euro never takes an s in nl"]);
    expect(read("€ 1.2 billion", "en").problems).toEqual(["no space after € in en"]);
    expect(read("1.232.726.898 euros", "fr").problems).toEqual([FR_GROUP]);
    expect(read("€1 232 726 898", "en").problems).toEqual(["thousands separator must be a comma in en"]);
    expect(read("1,232,726,898 euro", "nl").problems).toEqual(["thousands separator must be a dot in nl"]);
  });

  it("the French false friend billion is 10^12, never 10^9", () => {
    expect(read("1,2 billion d’euros", "fr").value).toBe(1_200_000_000_000);
    expect(read("1,2 biljoen euro", "nl").value).toBe(1_200_000_000_000);
  });

  it("a changed date or year is a different value", () => {
    expect(read("28 mars 2025", "fr").value).toBe("2025-03-28");
    expect(read("28 mars 2026", "fr").value).toBe("2026-03-28");
    expect(read("2025-2028", "fr").value).toEqual([2025, 2028]);
    expect(read("mai 2025", "fr").value).toBe("2025-05");
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Properties: whatever Intl writes the house way, the reader reads back exactly.

const FMT = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" } as const;
const LOCS = ["fr", "nl", "en"] as const;

/** mantissa × 10^exp as an exact number (the expected value). */
const exact = (mantissa: number | bigint, exp: number): number =>
  exp >= 0 ? Number(BigInt(mantissa) * 10n ** BigInt(exp)) : Number(mantissa) / 10 ** -exp;

/** The house phrase for an amount `digits` (already formatted) at a scale. */
function moneyPhrase(loc: ReaderLocale, formatted: string, below2: boolean, exp: 0 | 6 | 9, space: string): string {
  if (loc === "fr") {
    if (exp === 0) return `${formatted} ${below2 ? "euro" : "euros"}`;
    const word = exp === 9 ? "milliard" : "million";
    return `${formatted}${space}${word}${below2 ? "" : "s"} d’euros`;
  }
  if (loc === "nl") return exp === 0 ? `${formatted} euro` : `${formatted}${space}${exp === 9 ? "miljard" : "miljoen"} euro`;
  return exp === 0 ? `€${formatted}` : `€${formatted} ${exp === 9 ? "billion" : "million"}`;
}

describe("readFigures: properties (Intl round trips)", () => {
  it("whole euro amounts", () => {
    fc.assert(fc.property(fc.constantFrom(...LOCS), fc.bigInt({ min: 0n, max: 10n ** 13n }), (loc, n) => {
      const text = moneyPhrase(loc, new Intl.NumberFormat(FMT[loc]).format(n), n < 2n, 0, " ");
      expect(essentials(one(text, loc))).toEqual({ text, unit: "EUR", value: Number(n), step: 1, approx: false, problems: [] });
    }), { numRuns: 300 });
  });

  it("amounts in millions and billions with 0–2 decimals", () => {
    fc.assert(fc.property(
      fc.constantFrom(...LOCS), fc.integer({ min: 1, max: 9_999_999 }), fc.constantFrom(0, 1, 2),
      fc.constantFrom<0 | 6 | 9>(6, 9), fc.constantFrom(" ", B),
      (loc, m, d, exp, space) => {
        const formatted = new Intl.NumberFormat(FMT[loc], { minimumFractionDigits: d, maximumFractionDigits: d })
          .format(m / 10 ** d);
        const text = moneyPhrase(loc, formatted, m < 2 * 10 ** d, exp, space);
        const f = one(text, loc);
        expect(essentials(f)).toEqual({
          text, unit: "EUR", value: exact(m, exp - d), step: 10 ** (exp - d), approx: false, problems: [],
        });
        expect(Number.isInteger(f.value)).toBe(true);
      }), { numRuns: 500 });
  });

  it("plain counts in running text", () => {
    fc.assert(fc.property(fc.constantFrom(...LOCS), fc.integer({ min: 0, max: 2 ** 40 }), (loc, n) => {
      const formatted = new Intl.NumberFormat(FMT[loc]).format(n);
      const text = `Le rapport (« ${formatted} ») cite des cas.`;
      const f = one(text, loc);
      expect(essentials(f)).toEqual({ text: formatted, unit: "count", value: n, step: 1, approx: false, problems: [] });
    }), { numRuns: 300 });
  });

  it("percentages with 0–1 decimals", () => {
    fc.assert(fc.property(fc.constantFrom(...LOCS), fc.integer({ min: 0, max: 2000 }), fc.constantFrom(0, 1), (loc, m, d) => {
      const text = new Intl.NumberFormat(FMT[loc], { style: "percent", minimumFractionDigits: d, maximumFractionDigits: d })
        .format(m / 10 ** d / 100);
      expect(essentials(one(text, loc))).toEqual({
        text, unit: "percent", value: exact(m, -d), step: 10 ** -d, approx: false, problems: [],
      });
    }), { numRuns: 300 });
  });

  const DAY = 86_400_000;
  const dateArb = fc.integer({ min: 0, max: 73_413 }).map((k) => new Date(Date.UTC(1900, 0, 1) + k * DAY));

  it("full dates", () => {
    fc.assert(fc.property(fc.constantFrom(...LOCS), dateArb, (loc, date) => {
      let text = new Intl.DateTimeFormat(FMT[loc], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
        .format(date);
      if (loc === "fr") text = text.replace(/^1 /, "1er ");
      const f = one(`le ${text}.`, loc);
      expect(essentials(f)).toEqual({
        text, unit: "date", value: date.toISOString().slice(0, 10), step: undefined, approx: false, problems: [],
      });
    }), { numRuns: 300 });
  });

  it("months and years", () => {
    fc.assert(fc.property(fc.constantFrom(...LOCS), dateArb, (loc, date) => {
      const text = new Intl.DateTimeFormat(FMT[loc], { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
      const f = one(`en ${text},`, loc);
      expect(essentials(f)).toEqual({
        text, unit: "month", value: date.toISOString().slice(0, 7), step: undefined, approx: false, problems: [],
      });
    }), { numRuns: 300 });
  });

  it("year ranges", () => {
    fc.assert(fc.property(
      fc.constantFrom(...LOCS), fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1, max: 20 }), fc.constantFrom("-", "–"),
      (loc, from, len, dash) => {
        const to = Math.min(2100, from + len);
        const text = `${from}${dash}${to}`;
        expect(essentials(one(`(${text})`, loc))).toEqual({
          text, unit: "year-range", value: [from, to], step: undefined, approx: false, problems: [],
        });
      }));
  });

  it("on any text: sorted, non-overlapping, exact spans, and every digit read unless glued to a letter", () => {
    const pieces = ["1", "23", "2025", "456", "1,2", "1.232", "2025-2027", "2025-03-28", " ", " ", N, B, "\n", ".", ",",
      "-", "–", "(", "«", "**", "milliard", "millions", "miljoen", "billion", "d’euros", "euros", "euro", "€", "%",
      "procent", "mars", "avril", "maart", "March", "er", "G", "x", "près de", "about", "https://a.eu/12/3 "];
    fc.assert(fc.property(fc.constantFrom(...LOCS), fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (loc, parts) => {
      const text = parts.join("");
      const figs = readFigures(text, loc);
      let last = 0;
      const covered = new Set<number>();
      for (const f of figs) {
        expect(f.start).toBeGreaterThanOrEqual(last);
        expect(f.end).toBeGreaterThan(f.start);
        expect(text.slice(f.start, f.end)).toBe(f.text);
        last = f.end;
        for (let k = f.start; k < f.end; k++) covered.add(k);
      }
      for (const m of text.matchAll(/https?:\/\/[^\s)\]>"'«»<]*/g)) {
        for (let k = m.index; k < m.index + m[0].length; k++) covered.add(k);
      }
      for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
        if (/\p{L}/u.test(m[0])) continue; // digits glued to letters may be skipped
        for (let k = m.index; k < m.index + m[0].length; k++) expect(covered.has(k), `digit at ${k} of ${JSON.stringify(text)}`).toBe(true);
      }
    }), { numRuns: 1000 });
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Running text: several figures, in order, with their exact spans.

type Expect = [text: string, unit: FigureUnit, value: ReadFigure["value"]];
function expectFigures(text: string, loc: ReaderLocale, expected: Expect[], problemsOk = true): void {
  const figs = readFigures(text, loc);
  expect(figs.map((f) => [f.text, f.unit, f.value])).toEqual(expected);
  let searchFrom = 0;
  for (const f of figs) {
    expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(f.start).toBe(text.indexOf(f.text, searchFrom));
    searchFrom = f.end;
    if (problemsOk) expect(f.problems).toEqual([]);
  }
}

describe("readFigures: running text", () => {
  it("fr brief", () => {
    const text = `# La Commission débloque 1,2${B}milliard d’euros\n\n` +
      `**La Commission européenne débloque 1,2 milliard d’euros** pour la période 2025-2027.\n\n` +
      `- intelligence artificielle${B}: 544,7 millions d’euros${B};\n` +
      `- « solutions numériques${B}»${B}: 290,8 millions d’euros, cybersécurité (44,5 millions d’euros), ` +
      `calcul (43,7 millions d’euros), interopérabilité (81,9 millions d’euros) et puces (60 millions d’euros).\n\n` +
      `Plus précisément, 1${N}232${N}726${N}898 euros seront dépensés, soit près de 40${B}% de plus. ` +
      `Les appels sont attendus en avril 2025 (communiqué du 28 mars 2025, https://ec.europa.eu/ip_25_2025).`;
    expectFigures(text, "fr", [
      [`1,2${B}milliard d’euros`, "EUR", 1_200_000_000],
      ["1,2 milliard d’euros", "EUR", 1_200_000_000],
      ["2025-2027", "year-range", [2025, 2027]],
      ["544,7 millions d’euros", "EUR", 544_700_000],
      ["290,8 millions d’euros", "EUR", 290_800_000],
      ["44,5 millions d’euros", "EUR", 44_500_000],
      ["43,7 millions d’euros", "EUR", 43_700_000],
      ["81,9 millions d’euros", "EUR", 81_900_000],
      ["60 millions d’euros", "EUR", 60_000_000],
      [`1${N}232${N}726${N}898 euros`, "EUR", 1_232_726_898],
      [`40${B}%`, "percent", 40],
      ["avril 2025", "month", "2025-04"],
      ["28 mars 2025", "date", "2025-03-28"],
    ]);
    expect(readFigures(text, "fr").filter((f) => f.approx).map((f) => f.text)).toEqual([`40${B}%`]);
  });

  it("nl brief", () => {
    const text = `**De Europese Commissie trekt 1,2 miljard euro uit** voor 2025-2027. Preciezer: 1.232.726.898 euro, ` +
      `waarvan 544,7 miljoen euro voor AI en 290,8 miljoen euro voor “digitale oplossingen”.\n` +
      `- Oproepen volgen in april 2025; zo’n 40% gaat naar kmo’s (G7-afspraak, 3 procentpunt meer).`;
    expectFigures(text, "nl", [
      ["1,2 miljard euro", "EUR", 1_200_000_000],
      ["2025-2027", "year-range", [2025, 2027]],
      ["1.232.726.898 euro", "EUR", 1_232_726_898],
      ["544,7 miljoen euro", "EUR", 544_700_000],
      ["290,8 miljoen euro", "EUR", 290_800_000],
      ["april 2025", "month", "2025-04"],
      ["40%", "percent", 40],
      ["3 procentpunt", "percentage-point", 3],
    ]);
  });

  it("en brief", () => {
    const text = `The Commission is releasing **€1.2 billion** for 2025–2027. More precisely, €1,232,726,898 will be ` +
      `spent, including €544.7 million on AI and €60 million on chips (about 5% of the total), ` +
      `with calls due in April 2025 — see the 28 March 2025 release; 27 countries, 3 percentage points.`;
    expectFigures(text, "en", [
      ["€1.2 billion", "EUR", 1_200_000_000],
      ["2025–2027", "year-range", [2025, 2027]],
      ["€1,232,726,898", "EUR", 1_232_726_898],
      ["€544.7 million", "EUR", 544_700_000],
      ["€60 million", "EUR", 60_000_000],
      ["5%", "percent", 5],
      ["April 2025", "month", "2025-04"],
      ["28 March 2025", "date", "2025-03-28"],
      ["27", "count", 27],
      ["3 percentage points", "percentage-point", 3],
    ]);
  });

  it("the French source, which is not in house style, is read in full with problems", () => {
    const text = "Plus précisément, 1.232.726.898 euros seront dépensés. En outre, la cybersécurité (44,5 millions), " +
      "entre 2025 et 2027, en Avril 2025.";
    const figs = readFigures(text, "fr");
    expect(figs.map((f) => [f.text, f.unit, f.value, f.problems])).toEqual([
      ["1.232.726.898 euros", "EUR", 1_232_726_898, [FR_GROUP]],
      ["44,5 millions", "count", 44_500_000, []],
      ["2025", "year", 2025, []],
      ["2027", "year", 2027, []],
      ["Avril 2025", "month", "2025-04", ["month name must be lower case in fr: avril"]],
    ]);
  });
});
