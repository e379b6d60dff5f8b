import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractFigures } from "../src/extract/index.ts";
import { loadCorpus } from "./support/extract-corpus.ts";
import { FIXTURE_ROOT, SOURCE } from "./support/project.ts";

type Row = [text: string, value: unknown, unit: string, approx?: "~"];

/** The (text, value, unit, approx) of each figure, for compact expectations. */
function figures(text: string): Row[] {
  return extractFigures(text).map((f) => [f.text, f.value, f.unit, ...(f.approx ? (["~"] as const) : [])] as Row);
}

const NBSP = "\u00a0";
const NNBSP = "\u202f";

/** Each form the extractor must read: input, then every figure it must find, in order. */
const FORMS: Array<[string, string, Row[]]> = [
  ["space thousands", "soit 3 000 emplois", [["3 000", 3000, "count"]]],
  ["no-break space thousands", `soit 3${NBSP}000 emplois`, [[`3${NBSP}000`, 3000, "count"]]],
  ["narrow no-break space thousands", `soit 12${NNBSP}500${NNBSP}000 euros`, [[`12${NNBSP}500${NNBSP}000 euros`, 12500000, "EUR"]]],
  ["dot thousands", "1.232.726.898 euros", [["1.232.726.898 euros", 1232726898, "EUR"]]],
  ["decimal comma", "un taux de 2,75 %", [["2,75 %", 2.75, "percent"]]],
  ["decimal point before a scale word", "1.3 milliards d'euros", [["1.3 milliards d'euros", 1300000000, "EUR"]]],
  ["milliard d’euros", "1,2 milliard d’euros", [["1,2 milliard d’euros", 1200000000, "EUR"]]],
  ["millions d'euros, straight apostrophe", "544,7 millions d'euros", [["544,7 millions d'euros", 544700000, "EUR"]]],
  ["mille euros", "cinq mille euros et 3 mille dollars", [["cinq mille euros", 5000, "EUR"], ["3 mille dollars", 3000, "USD"]]],
  ["M€", "44,5 M€", [["44,5 M€", 44500000, "EUR"]]],
  ["Md€", "1,9 Md€", [["1,9 Md€", 1900000000, "EUR"]]],
  ["Mds and Mds€", "4 Mds€ puis 2 Mds d'euros", [["4 Mds€", 4000000000, "EUR"], ["2 Mds d'euros", 2000000000, "EUR"]]],
  ["k€", "850 k€", [["850 k€", 850000, "EUR"]]],
  ["md", "3 md d'euros", [["3 md d'euros", 3000000000, "EUR"]]],
  ["currency before, symbol", "€ 12 millions et $5", [["€ 12 millions", 12000000, "EUR"], ["$5", 5, "USD"]]],
  ["currency before, code", "EUR 450 millions, CHF 1,2 million", [["EUR 450 millions", 450000000, "EUR"], ["CHF 1,2 million", 1200000, "CHF"]]],
  ["francs, dollars, livres", "12 francs, 3 millions de dollars, 2 millions de livres", [["12 francs", 12, "CHF"], ["3 millions de dollars", 3000000, "USD"], ["2 millions de livres", 2000000, "GBP"]]],
  ["numbers in words", "un million d'euros pour deux, trois ou vingt-cinq villes", [["un million d'euros", 1000000, "EUR"], ["deux", 2, "count"], ["trois", 3, "count"], ["vingt-cinq", 25, "count"]]],
  ["cent, quatre-vingt-dix, mille", "cent salles, quatre-vingt-dix lits et mille chaises", [["cent", 100, "count"], ["quatre-vingt-dix", 90, "count"], ["mille", 1000, "count"]]],
  ["vingt et un, deux cent mille", "vingt et un pays et deux cent mille habitants", [["vingt et un", 21, "count"], ["deux cent mille", 200000, "count"]]],
  ["fractions", "deux tiers, un quart, un tiers et la moitié", [["deux tiers", 2 / 3, "fraction"], ["un quart", 0.25, "fraction"], ["un tiers", 1 / 3, "fraction"], ["la moitié", 0.5, "fraction"]]],
  ["collectives", "une cinquantaine de sites et une dizaine de pays", [["une cinquantaine", 50, "count", "~"], ["une dizaine", 10, "count", "~"]]],
  ["articles are not numbers", "un projet, une région, l'un des pays", []],
  ["neuf as an adjective", "un bâtiment neuf et les neuf provinces", [["neuf", 9, "count"]]],
  ["hedges, and bounds that are not hedges", "près de 15 %, environ 40 %, quelque 300 emplois, plus de 3 000, moins de 5 %", [["15 %", 15, "percent", "~"], ["40 %", 40, "percent", "~"], ["300", 300, "count", "~"], ["3 000", 3000, "count"], ["5 %", 5, "percent"]]],
  ["more hedges and bounds", "au moins 60 %, jusqu’à 50 000 euros, autour de 2 millions d’euros, quasiment 90 %", [["60 %", 60, "percent"], ["50 000 euros", 50000, "EUR"], ["2 millions d’euros", 2000000, "EUR", "~"], ["90 %", 90, "percent", "~"]]],
  ["hedge with elision", "près d'un milliard d'euros", [["un milliard d'euros", 1000000000, "EUR", "~"]]],
  ["scale carried across a list", "21,4 milliards en engagements et 20,5 en paiements", [["21,4 milliards", 21400000000, "count"], ["20,5", 20500000000, "count"]]],
  ["scale and currency carried", "21,4 milliards d’euros en engagements et 20,5 en paiements", [["21,4 milliards d’euros", 21400000000, "EUR"], ["20,5", 20500000000, "EUR"]]],
  ["currency carried in a paragraph", "Il reçoit 290,8 millions d’euros. La cybersécurité (44,5 millions) aussi.", [["290,8 millions d’euros", 290800000, "EUR"], ["44,5 millions", 44500000, "EUR"]]],
  ["the article's only currency across paragraphs", "Il reçoit 290,8 millions d’euros.\n\nLa ville (44,5 millions) aussi.", [["290,8 millions d’euros", 290800000, "EUR"], ["44,5 millions", 44500000, "EUR"]]],
  ["no currency when the article names two", "Il reçoit 290,8 millions d’euros et 3 millions de francs.\n\nLa ville (44,5 millions) aussi.", [["290,8 millions d’euros", 290800000, "EUR"], ["3 millions de francs", 3000000, "CHF"], ["44,5 millions", 44500000, "count"]]],
  ["a noun stops the carry", "4,2 milliards d'euros et 40 projets", [["4,2 milliards d'euros", 4200000000, "EUR"], ["40", 40, "count"]]],
  ["range carried backward", "entre 2 et 3 milliards d’euros, 10 à 15 %, 10-15 %", [["2", 2000000000, "EUR"], ["3 milliards d’euros", 3000000000, "EUR"], ["10", 10, "percent"], ["15 %", 15, "percent"], ["10", 10, "percent"], ["15 %", 15, "percent"]]],
  ["minus signs", "−2,4 % et -3 M€", [["−2,4 %", -2.4, "percent"], ["-3 M€", -3000000, "EUR"]]],
  ["accounting parentheses", "(2,4) % et (12) M€", [["(2,4) %", -2.4, "percent"], ["(12) M€", -12000000, "EUR"]]],
  ["a figure in parentheses is not negative", "(44,5 millions d'euros)", [["44,5 millions d'euros", 44500000, "EUR"]]],
  ["plus sign", "(+6,2 %)", [["+6,2 %", 6.2, "percent"]]],
  ["percent forms", "15 %, 15%, 15 pour cent, 15 p.c.", [["15 %", 15, "percent"], ["15%", 15, "percent"], ["15 pour cent", 15, "percent"], ["15 p.c.", 15, "percent"]]],
  ["percentage points", "2 points de pourcentage, 3 points et 0,5 point", [["2 points de pourcentage", 2, "percentage-point"], ["3 points", 3, "percentage-point"], ["0,5 point", 0.5, "percentage-point"]]],
  ["dates", "le 1er avril 2025, le 19.09.2025, le 19/09/2025", [["1er avril 2025", "2025-04-01", "date"], ["19.09.2025", "2025-09-19", "date"], ["19/09/2025", "2025-09-19", "date"]]],
  ["date without a year", "le 12 juin", [["12 juin", "--06-12", "date"]]],
  ["month", "en avril 2025", [["avril 2025", "2025-04", "month"]]],
  ["season", "au printemps 2026", [["printemps 2026", "2026-21", "season"]]],
  ["year ranges", "2025-2027, 2025–2027, de 2025 à 2027, entre 2025 et 2027", [["2025-2027", [2025, 2027], "year-range"], ["2025–2027", [2025, 2027], "year-range"], ["de 2025 à 2027", [2025, 2027], "year-range"], ["entre 2025 et 2027", [2025, 2027], "year-range"]]],
  ["years", "en 2025 et depuis 2019", [["2025", 2025, "year"], ["2019", 2019, "year"]]],
  ["a four-digit count is not a year", "2000 entreprises", [["2000", 2000, "count"]]],
  ["durations", "trois ans, 18 mois, deux semaines, 10 jours, 48 heures", [["trois ans", "P3Y", "duration"], ["18 mois", "P18M", "duration"], ["deux semaines", "P2W", "duration"], ["10 jours", "P10D", "duration"], ["48 heures", "PT48H", "duration"]]],
  ["and a half", "un an et demi", [["un an et demi", "P1.5Y", "duration"]]],
  ["a half of a scale word", "près d’un demi-milliard d’euros pour un demi-million d’habitants, le demi-milliard promis", [["un demi-milliard d’euros", 500000000, "EUR", "~"], ["un demi-million", 500000, "count"], ["demi-milliard", 500000000, "EUR"]]],
  ["a scale word and a half", "un milliard et demi d’euros, 2 millions et demi", [["un milliard et demi d’euros", 1500000000, "EUR"], ["2 millions et demi", 2500000, "EUR"]]],
  ["a half of what is no scale word", "une demi-heure, un demi-point, un milliard et demi-tarif", [["un milliard", 1000000000, "count"]]],
  ["physical units", "450 MW, 1,2 TWh, 35 km², 3 600 km, 1,5 million de tonnes", [["450 MW", 450, "MW"], ["1,2 TWh", 1.2, "TWh"], ["35 km²", 35, "km²"], ["3 600 km", 3600, "km"], ["1,5 million de tonnes", 1500000, "t"]]],
  ["ordinals", "le 1er appel, le 3e tour, la 2ème phase", []],
  ["names and references", "France 2030, Horizon Europe 2021, l'article 12, art. 5, le n° 3", [["2030", 2030, "label"], ["2021", 2021, "label"], ["12", 12, "label"], ["5", 5, "label"], ["3", 3, "label"]]],
  ["a heading and a capitalised word that is not a name", "## 2025 en chiffres\nOr 300 postes sont vacants.", [["2025", 2025, "year"], ["300", 300, "count"]]],
  ["list markers", "1. Premier point\n2) Second point", []],
  ["codes glued to letters", "la 5G, l'A320 et le Covid-19", []],
  ["mi-2025", "à la mi-2025", [["2025", 2025, "year"]]],
  ["phone numbers", "tél. 02 123 45 67", []],
  ["references", "le règlement (UE) 2021/694 et l'arrêté n° 2025-123", [["2021/694", 2021, "label"], ["2025-123", 2025, "label"]]],
  ["a list of days", "les 2 et 3 avril 2025", [["2", "2025-04-02", "date"], ["3 avril 2025", "2025-04-03", "date"]]],
  ["a range of days", "du 1er au 15 juillet 2025", [["1er", "2025-07-01", "date"], ["15 juillet 2025", "2025-07-15", "date"]]],
  ["times", "à 14h30 ou 9 h", [["14h30", "14:30", "time"], ["9 h", "09:00", "time"]]],
];

describe("extractFigures", () => {
  it.each(FORMS)("reads %s", (_name, text, expected) => {
    const found = figures(text);
    expect(found.map(([t, v, u, a]) => [t, typeof v === "number" ? Number(v.toPrecision(12)) : v, u, a])).toEqual(
      expected.map(([t, v, u, a]) => [t, typeof v === "number" ? Number(v.toPrecision(12)) : v, u, a]),
    );
  });

  it("returns exact spans and offsets in UTF-16 code units", () => {
    const text = "👍 Elle débloque 1,2\u00a0milliard d’euros en 2025.";
    const found = extractFigures(text);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(found[0]!.start).toBe(17);
    expect(figures(text)).toEqual([
      ["1,2\u00a0milliard d’euros", 1200000000, "EUR"],
      ["2025", 2025, "year"],
    ]);
  });

  it("reads the bundled article's figures", () => {
    const text = readFileSync(`${FIXTURE_ROOT}/${SOURCE}`, "utf8");
    const found = figures(text).filter(([, , unit]) => unit !== "label");
    expect(found).toEqual([
      ["1,2 milliard d’euros", 1200000000, "EUR"],
      ["1,2 milliard d’euros", 1200000000, "EUR"],
      ["2025-2027", [2025, 2027], "year-range"],
      ["1,2 milliard d’euros", 1200000000, "EUR"],
      ["entre 2025 et 2027", [2025, 2027], "year-range"],
      ["1,2 milliard d’euros", 1200000000, "EUR"],
      ["1.232.726.898 euros", 1232726898, "EUR"],
      ["544,7 millions d’euros", 544700000, "EUR"],
      ["290,8 millions d’euros", 290800000, "EUR"],
      ["44,5 millions", 44500000, "EUR"],
      ["43,7 millions", 43700000, "EUR"],
      ["81,9 millions", 81900000, "EUR"],
      ["60 millions", 60000000, "EUR"],
      ["avril 2025", "2025-04", "month"],
    ]);
  });

  it("is deterministic, sorted, and keeps spans inside the text, for any string", () => {
    const pieces = ["1", "2025", " ", "\u00a0", "\u202f", ",", ".", "-", "−", "(", ")", "%", "€", "millions", "milliard", "d’", "d'", "euros", "M€", "de", "à", "et", "entre", "près de", "avril", "1er", "vingt", "-", "cinq", "un", "tiers", "ans", "\n", "\n\n", "p.c.", "points", "CHF", "/", "h"];
    const mutated = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 }), fc.string({ unit: "grapheme", maxLength: 3 })), { maxLength: 60 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 200 })), (text) => {
        const found = extractFigures(text);
        expect(extractFigures(text)).toEqual(found);
        let previous = -1;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(previous);
          expect(f.end).toBeGreaterThan(f.start);
          expect(text.slice(f.start, f.end)).toBe(f.text);
          if (typeof f.value === "number") expect(Number.isFinite(f.value)).toBe(true);
          previous = f.start;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps exact spans on corpus sentences mutated at random", () => {
    const sentences = [...loadCorpus("tuning"), ...loadCorpus("held-out")].map((s) => s.text);
    const edit = fc.record({ at: fc.nat(), drop: fc.nat({ max: 3 }), insert: fc.constantFrom("", " ", "\u00a0", "\u202f", "-", "−", "(", ")", "1", "0", ",", ".", "’", "'", "€", "%", "\n", "\r\n", "de ", "et ", "millions", "\ufeff") });
    fc.assert(
      fc.property(fc.constantFrom(...sentences), fc.array(edit, { maxLength: 6 }), (sentence, edits) => {
        let text = sentence;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.drop);
        }
        const found = extractFigures(text);
        for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
        expect(found.map((f) => f.start)).toEqual([...found.map((f) => f.start)].sort((a, b) => a - b));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads long runs of digits, number words and amounts without currency in one pass", () => {
    const digits = "1 111".repeat(1) + " 111".repeat(20000);
    expect(extractFigures(digits)).toEqual([]);
    const words = `${"deux-".repeat(20000)}deux euros`;
    expect(extractFigures(words)).toHaveLength(1);
    expect(extractFigures("1 et ".repeat(20000) + "2 mai")).toHaveLength(20001);
    const amounts = "3 millions, ".repeat(20000);
    expect(extractFigures(amounts).every((f) => f.unit === "count" && f.value === 3000000)).toBe(true);
  });

  it("reads every figure of a long text (no crash, none lost)", () => {
    const long = "Le budget atteint 1,2 milliard d’euros en 2025, soit près de 15 %. ".repeat(5000);
    const found = extractFigures(long);
    expect(found.length).toBe(15000);
  });
});
