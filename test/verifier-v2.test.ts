/**
 * The verifier on fact model v2: briefs written by hand exactly as LOCALE-CONVENTIONS.md says,
 * against a dataset with other currencies, signed values, bounds, quantities, periods and changes
 * the verifier computes itself; then each brief broken on purpose, and the error asserted.
 */
import { describe, expect, it } from "vitest";
import type { Locale } from "../src/content/schema.ts";
import type { VerifierDataset, VerifierFact } from "../src/verify/facts.ts";
import { verifyArticle, type VerifyArticle, type VerifyFile } from "../src/verify/verify.ts";

const B = "\u00A0";
const M = "\u2212";

const FACTS: VerifierFact[] = [
  { id: "q4", type: "quarter", value: "2024-Q4" },
  { id: "revenue", type: "money", currency: "USD", value: 4_213_000_000, precision: 1_000_000 },
  { id: "revenue-2023", type: "money", currency: "USD", value: 4_070_000_000, precision: 1_000_000 },
  // (4213 − 4070) / 4070 × 100 = 3.5135…
  { id: "revenue-change", type: "change", unit: "percent", from: "revenue-2023", to: "revenue", decimals: 1 },
  { id: "net-result", type: "money", currency: "CHF", value: -12_000_000, precision: 1_000_000, measure: "net-result" },
  { id: "margin-2023", type: "percent", value: 12.1, decimals: 1, required: false },
  { id: "margin", type: "percent", value: 11.7, decimals: 1, required: false },
  { id: "margin-change", type: "change", unit: "percentage-point", from: "margin-2023", to: "margin", decimals: 1 },
  { id: "rate-old", type: "percent", value: 3.25, decimals: 2, required: false },
  { id: "rate-new", type: "percent", value: 3, decimals: 2, required: false },
  { id: "rate-cut", type: "change", unit: "basis-point", from: "rate-old", to: "rate-new", decimals: 0 },
  { id: "jobs", type: "count", value: 300, bound: "at-least" },
  { id: "capacity", type: "quantity", unit: "MW", value: 250, bound: "up-to" },
  { id: "build-time", type: "duration", value: "P3Y" },
  { id: "start", type: "half-year", value: "2025-H1" },
  { id: "deadline", type: "season", value: "2026-2027-winter" },
  { id: "share", type: "percent", value: 1, decimals: 1 },
  { id: "share-elsewhere", type: "percent", value: 0.7, decimals: 1 },
  { id: "costs", type: "change", unit: "percent", value: -2.4, decimals: 1 },
];
const DATASET: VerifierDataset = { version: 2, editorial: { date: "2025-03-28" }, facts: FACTS };
const ARTICLE: VerifyArticle = { slug: "results", facts: DATASET, sourceLang: "fr" };

const brief = (locale: Locale, title: string, body: string): string => `---\ntitle: "${title}"\nlang: ${locale}\ndate: "2025-03-28"\n---\n${body}\n`;

const BRIEFS: Record<Locale, string> = {
  fr: brief("fr", "Résultats du quatrième trimestre 2024",
    `Au quatrième trimestre 2024, le chiffre d’affaires atteint 4,2 milliards de dollars, en hausse de 3,5${B}% par rapport à ` +
    `4,1 milliards de dollars, pour une perte nette de 12 millions de francs suisses.\n` +
    `La marge est en baisse de 0,4 point de pourcentage. Le groupe créera au moins 300 emplois et jusqu’à 250 mégawatts ` +
    `en trois ans, dès le premier semestre 2025 et avant l’hiver 2026-2027. Le taux baisse de 25 points de base.\n` +
    `La part atteint 1,0${B}% contre 0,7${B}% ailleurs.\n\n- Coûts${B}: ${M}2,4${B}%`),
  nl: brief("nl", "Resultaten van het vierde kwartaal van 2024",
    `In het vierde kwartaal van 2024 steeg de omzet met 3,5 procent tot 4,2 miljard dollar, tegenover 4,1 miljard dollar, ` +
    `met een nettoverlies van 12 miljoen Zwitserse frank.\n` +
    `De marge kende een daling van 0,4 procentpunt. De groep schept minstens 300 banen en tot 250 megawatt in drie jaar, ` +
    `vanaf de eerste jaarhelft van 2025 en vóór de winter van 2026-2027. De rente daalde met 25 basispunten.\n` +
    `Het aandeel bedraagt 1,0% tegenover 0,7% elders.\n\n- Kosten: ${M}2,4%`),
  en: brief("en", "Results for the fourth quarter of 2024",
    `In the fourth quarter of 2024 revenue rose by 3.5% to $4.2 billion, from $4.1 billion, with a net loss of CHF${B}12 million.\n` +
    `The margin was down 0.4 percentage points. The group will create at least 300 jobs and up to 250 megawatts in three years, ` +
    `from the first half of 2025 and before winter 2026-27. The rate fell by 25 basis points.\n` +
    `The share is 1.0% against 0.7% elsewhere.\n\n- Costs: ${M}2.4%`),
};

const fileOf = (locale: Locale, contents = BRIEFS[locale]): VerifyFile => ({ file: `results/${locale}.md`, locale, format: "markdown", contents });
const rules = (locale: Locale, contents: string, article = ARTICLE) => verifyArticle(article, [fileOf(locale, contents)]).diagnostics.map((d) => d.rule);

/** Replaces exactly one occurrence, so a mutation can never silently do nothing. */
function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  expect(first, `"${from}" occurs in the brief`).toBeGreaterThanOrEqual(0);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

const LOCALES = ["fr", "nl", "en"] as const;

describe("the verifier accepts v2 briefs written as the conventions say", () => {
  it.each(LOCALES)("%s", (locale) => {
    const result = verifyArticle(ARTICLE, [fileOf(locale)]);
    expect(result.diagnostics).toEqual([]);
    const ids = new Set(result.figures.map((f) => f.factId));
    for (const fact of FACTS) if (fact.required !== false) expect(ids, fact.id).toContain(fact.id);
  });
});

type PerLocale = Record<Locale, [from: string, to: string]>;
const MUTATIONS: { name: string; edits: PerLocale; rules: string[]; all?: boolean }[] = [
  {
    name: "a wrong sign in the key figures",
    edits: { fr: [`${M}2,4${B}%`, `+2,4${B}%`], nl: [`${M}2,4%`, "+2,4%"], en: [`${M}2.4%`, "+2.4%"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a rise said for a fall… and a fall for a rise",
    edits: { fr: ["en hausse de 3,5", "en baisse de 3,5"], nl: ["steeg de omzet met", "daalde de omzet met"], en: ["rose by 3.5%", "fell by 3.5%"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a fall said as a rise",
    edits: { fr: ["en baisse de 0,4", "en hausse de 0,4"], nl: ["een daling van 0,4", "een stijging van 0,4"], en: ["down 0.4", "up 0.4"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a loss shown as a profit",
    edits: { fr: ["une perte nette de 12", "un bénéfice net de 12"], nl: ["een nettoverlies van 12", "een nettowinst van 12"], en: ["a net loss of", "a net profit of"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a wrong currency",
    edits: { fr: ["4,2 milliards de dollars", "4,2 milliards d’euros"], nl: ["4,2 miljard dollar", "4,2 miljard pond"], en: ["$4.2 billion", "£4.2 billion"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a bound turned into a hedge",
    edits: { fr: ["au moins 300", "environ 300"], nl: ["minstens 300", "ongeveer 300"], en: ["at least 300", "about 300"] },
    rules: ["verify/bound"],
  },
  {
    name: "a bound dropped",
    edits: { fr: ["jusqu’à 250", "250"], nl: ["tot 250", "250"], en: ["up to 250", "250"] },
    rules: ["verify/bound"],
  },
  {
    name: "a bound turned around",
    edits: { fr: ["au moins 300", "moins de 300"], nl: ["minstens 300", "minder dan 300"], en: ["at least 300", "fewer than 300"] },
    rules: ["verify/bound"],
  },
  {
    name: "a hyphen-minus as a sign",
    edits: { fr: [`${M}2,4`, "-2,4"], nl: [`${M}2,4`, "-2,4"], en: [`${M}2.4`, "-2.4"] },
    rules: ["verify/style"],
  },
  {
    name: "a wrong quarter",
    edits: { fr: ["quatrième trimestre 2024", "troisième trimestre 2024"], nl: ["vierde kwartaal van 2024", "derde kwartaal van 2024"], en: ["fourth quarter of 2024", "third quarter of 2024"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
    all: true,
  },
  {
    name: "a wrong half-year",
    edits: { fr: ["premier semestre", "second semestre"], nl: ["eerste jaarhelft", "tweede jaarhelft"], en: ["first half", "second half"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a wrong season",
    edits: { fr: ["hiver 2026-2027", "hiver 2027-2028"], nl: ["winter van 2026-2027", "winter van 2027-2028"], en: ["winter 2026-27", "winter 2027-28"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a wrong duration",
    edits: { fr: ["trois ans", "quatre ans"], nl: ["drie jaar", "vier jaar"], en: ["three years", "four years"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a wrong unit of quantity",
    edits: { fr: ["250 mégawatts", "250 gigawatts"], nl: ["250 megawatt", "250 gigawatt"], en: ["250 megawatts", "250 gigawatts"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "a computed change shown wrong (3,6 for 3,5)",
    edits: { fr: ["3,5", "3,6"], nl: ["3,5", "3,6"], en: ["3.5", "3.6"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "basis points shown as percentage points",
    edits: { fr: ["25 points de base", "25 points de pourcentage"], nl: ["25 basispunten", "25 procentpunt"], en: ["25 basis points", "25 percentage points"] },
    rules: ["verify/unmatched-figure", "verify/missing-fact"],
  },
  {
    name: "false precision on a percentage (1,00 for a fact with one decimal)",
    edits: { fr: [`1,0${B}%`, `1,00${B}%`], nl: ["1,0%", "1,00%"], en: ["1.0%", "1.00%"] },
    rules: ["verify/false-precision"],
  },
];

describe("the verifier catches a broken v2 brief", () => {
  const cases = MUTATIONS.flatMap((mutation) => LOCALES.map((locale) => ({ mutation, locale })));
  it.each(cases)("$mutation.name in $locale", ({ mutation, locale }) => {
    const [from, to] = mutation.edits[locale];
    const broken = mutation.all ? BRIEFS[locale].replaceAll(from, to) : replaceOnce(BRIEFS[locale], from, to);
    expect(broken).not.toBe(BRIEFS[locale]);
    const found = rules(locale, broken);
    for (const rule of mutation.rules) expect(found).toContain(rule);
  });

  it("says when only the sign is wrong", () => {
    const broken = replaceOnce(BRIEFS.en, `${M}2.4%`, "+2.4%");
    const unmatched = verifyArticle(ARTICLE, [fileOf("en", broken)]).diagnostics.find((d) => d.rule === "verify/unmatched-figure");
    expect(unmatched?.expected).toBe("`costs` = -2.4 (change in percent) (the sign differs)");
  });

  it("names both bounds when they differ", () => {
    const broken = replaceOnce(BRIEFS.en, "at least 300", "more than 300");
    const bound = verifyArticle(ARTICLE, [fileOf("en", broken)]).diagnostics.find((d) => d.rule === "verify/bound");
    expect(bound?.message).toBe("300 is bounded more-than, but fact `jobs` is bounded at-least in body");
  });
});

describe("matching each figure to the best fact", () => {
  const only = (...facts: VerifierFact[]): VerifyArticle => ({ ...ARTICLE, facts: { ...DATASET, facts } });
  const verify = (article: VerifyArticle, body: string, locale: Locale = "fr") =>
    verifyArticle(article, [fileOf(locale, brief(locale, "Brief", body))]);

  it("“1 %” is no rendering of a fact 0,7 with one decimal", () => {
    const result = verify(only({ id: "x", type: "percent", value: 0.7, decimals: 1 }), `Une part de 1${B}%.`);
    expect(result.diagnostics.map((d) => d.rule)).toEqual(["verify/unmatched-figure", "verify/missing-fact"]);
  });

  it("“1,0 %” and “1 %” go to the fact 1,0, never to 0,7", () => {
    const article = only({ id: "low", type: "percent", value: 0.7, decimals: 1, required: false }, { id: "one", type: "percent", value: 1, decimals: 1 });
    for (const text of [`1,0${B}%`, `1${B}%`]) {
      const result = verify(article, `Une part de ${text}.`);
      expect(result.diagnostics).toEqual([]);
      expect(result.figures.map((f) => f.factId)).toEqual(["one"]);
    }
  });

  it("prefers the fact whose precision is closest to the step shown", () => {
    const article = only(
      { id: "exact", type: "money", currency: "EUR", value: 1_232_726_898, required: false },
      { id: "rounded", type: "money", currency: "EUR", value: 1_200_000_000, precision: 100_000_000 },
    );
    const result = verify(article, "Un budget de 1,2 milliard d’euros.");
    expect(result.diagnostics).toEqual([]);
    expect(result.figures.map((f) => f.factId)).toEqual(["rounded"]);
  });

  it("prefers a change for a figure with a direction word, a level for a bare one", () => {
    const article = only({ id: "level", type: "percent", value: 4.2, decimals: 1 }, { id: "rise", type: "change", unit: "percent", value: 4.2, decimals: 1 });
    const result = verify(article, "Inflation is 4.2%, up 4.2% on last year.", "en");
    expect(result.diagnostics).toEqual([]);
    expect(result.figures.map((f) => f.factId)).toEqual(["level", "rise"]);
  });

  it("warns when two facts are equally good, and counts the figure as the first", () => {
    const article = only({ id: "a", type: "count", value: 27 }, { id: "b", type: "count", value: 27, required: false });
    const result = verify(article, "Les 27 pays.");
    expect(result.diagnostics.map((d) => [d.rule, d.severity])).toEqual([["verify/ambiguous-figure", "warning"]]);
    expect(result.diagnostics[0]!.message).toContain("`a`, `b`");
    expect(result.figures.map((f) => f.factId)).toEqual(["a"]);
  });

  it("prefers the fact whose bound agrees", () => {
    const article = only({ id: "exact", type: "count", value: 300, required: false }, { id: "floor", type: "count", value: 300, bound: "at-least" });
    const result = verify(article, "at least 300 jobs", "en");
    expect(result.diagnostics).toEqual([]);
    expect(result.figures.map((f) => f.factId)).toEqual(["floor"]);
  });

  it("computes changes itself: percent, money, count, percentage and basis points", () => {
    const article = only(
      { id: "y1", type: "money", currency: "GBP", value: 3_100_000, required: false },
      { id: "y2", type: "money", currency: "GBP", value: 2_800_000, required: false },
      { id: "staff1", type: "count", value: 1200, required: false },
      { id: "staff2", type: "count", value: 1150, required: false },
      { id: "pct", type: "change", unit: "percent", from: "y1", to: "y2", decimals: 1 },
      { id: "abs", type: "change", unit: "money", from: "y1", to: "y2" },
      { id: "heads", type: "change", unit: "count", from: "staff1", to: "staff2" },
    );
    const result = verify(article, "Revenue fell by 9.7%, a fall of £300,000; staff down 50.", "en");
    expect(result.diagnostics).toEqual([]);
    expect(result.figures.map((f) => f.factId)).toEqual(["pct", "abs", "heads"]);
    expect(verify(article, "Revenue fell by 9.6%, a fall of £300,000; staff down 50.", "en").diagnostics.map((d) => d.rule)).toContain("verify/unmatched-figure");
  });

  it("matches money on its currency", () => {
    const article = only({ id: "chf", type: "money", currency: "CHF", value: 105_700_000, precision: 100_000 });
    expect(verify(article, "105,7 millions de francs suisses").diagnostics).toEqual([]);
    expect(verify(article, "105,7 millions de francs").diagnostics).toEqual([]);
    expect(verify(article, "105,7 miljoen Zwitserse frank", "nl").diagnostics).toEqual([]);
    expect(verify(article, `CHF${B}105.7 million`, "en").diagnostics).toEqual([]);
    expect(verify(article, "€105.7 million", "en").diagnostics.map((d) => d.rule)).toEqual(["verify/unmatched-figure", "verify/missing-fact"]);
  });

  it("a negative amount shown with a minus sign, or with a loss word, is the same fact", () => {
    const article = only({ id: "loss", type: "money", currency: "EUR", value: -12_000_000, precision: 1_000_000 });
    expect(verify(article, `Résultat${B}: ${M}12 millions d’euros`).diagnostics).toEqual([]);
    expect(verify(article, "een nettoverlies van 12 miljoen euro", "nl").diagnostics).toEqual([]);
    expect(verify(article, "a net loss of €12 million", "en").diagnostics).toEqual([]);
    expect(verify(article, "a net profit of €12 million", "en").diagnostics.map((d) => d.rule)).toContain("verify/unmatched-figure");
  });

  it("reads a v1 dataset as before: decimals is a maximum", () => {
    const article: VerifyArticle = { ...ARTICLE, facts: { version: 1, editorial: { date: "2025-03-28" }, facts: [{ id: "p", type: "percent", value: 12.5, decimals: 2 }] } };
    expect(verify(article, `12,5${B}%`).diagnostics).toEqual([]);
  });
});
