/**
 * Edges of the reader's numbers in words and of the characters it refuses:
 * each case below breaks if one condition of the reader is turned around.
 */
import { describe, expect, it } from "vitest";
import { oddCharacters, readFigures, type ReaderLocale } from "../src/verify/reader.ts";

const read = (text: string, locale: ReaderLocale) => readFigures(text, locale).map((f) => [f.text, f.unit, f.value]);

describe("the edges of numbers in words", () => {
  it("ends a cardinal at an article, and reads the article with its scale word", () => {
    expect(read("twenty a billion", "en")).toEqual([["twenty", "count", 20], ["a billion", "count", 1e9]]);
  });

  it("joins a ten only with a unit, and dix only after soixante or quatre-vingt", () => {
    expect(read("quarante-dix", "fr")).toEqual([["quarante", "count", 40], ["dix", "count", 10]]);
    expect(read("soixante-douze", "fr")).toEqual([["soixante-douze", "count", 72]]);
    expect(read("quatre-vingt-onze", "fr")).toEqual([["quatre-vingt-onze", "count", 91]]);
    expect(read("cent vingt", "fr")).toEqual([["cent vingt", "count", 120]]);
    expect(read("dix dix", "fr")).toEqual([["dix", "count", 10], ["dix", "count", 10]]);
    expect(read("douze deux", "fr")).toEqual([["douze", "count", 12], ["deux", "count", 2]]);
  });

  it("reads a non-breaking hyphen and a hyphen between the words of a cardinal", () => {
    expect(read("vingt\u2011deux", "fr")).toEqual([["vingt\u2011deux", "count", 22]]);
    expect(read("twenty\u2010two", "en")).toEqual([["twenty\u2010two", "count", 22]]);
    expect(read("twenty–two", "en")).toEqual([["twenty", "count", 20], ["two", "count", 2]]);
  });

  it("reads a half before or after a scale word, and after a unit", () => {
    expect(read("demi-milliard d’euros", "fr")).toEqual([["demi-milliard d’euros", "EUR", 5e8]]);
    expect(read("une demi-million", "fr")[0]?.[2]).toBe(5e5);
    expect(read("un demi", "fr")).toEqual([]);
    expect(read("un demi litre", "fr")).toEqual([]);
    expect(read("deux et demi pour cent", "fr")).toEqual([["deux et demi pour cent", "percent", 2.5]]);
    expect(read("deux et demie", "fr")).toEqual([["deux et demie", "count", 2.5]]);
    expect(read("een half uur", "nl")).toEqual([["een half uur", "duration", "PT0.5H"]]);
    expect(read("twee miljard en een half euro", "nl")).toEqual([["twee miljard en een half euro", "EUR", 2.5e9]]);
    expect(read("twee en half jaar", "nl")).toEqual([["twee en half jaar", "duration", "P2.5Y"]]);
    expect(read("half an billion", "en")).toEqual([["half an billion", "count", 5e8]]);
    expect(read("half the billion", "en")).toEqual([["half", "fraction", 0.5]]);
    expect(read("half a programme", "en")).toEqual([["half", "fraction", 0.5]]);
  });

  it("reads the Dutch compounds, and no word that only contains one", () => {
    expect(read("negenennegentig", "nl")).toEqual([["negenennegentig", "count", 99]]);
    expect(read("driehonderdvijfentwintig", "nl")).toEqual([["driehonderdvijfentwintig", "count", 325]]);
    expect(read("honderdduizend", "nl")).toEqual([["honderdduizend", "count", 100000]]);
    expect(read("tweeduizend", "nl")).toEqual([["tweeduizend", "count", 2000]]);
    expect(read("eenhonderd", "nl")).toEqual([]);
    expect(read("tienhonderd", "nl")).toEqual([]);
    expect(read("nulhonderd", "nl")).toEqual([]);
    expect(read("honderdste", "nl")).toEqual([]);
    expect(read("tweeëntwintigste", "nl")).toEqual([]);
    expect(read("twintigen", "nl")).toEqual([]);
    expect(read("vijfenveertig", "nl")).toEqual([["vijfenveertig", "count", 45]]);
    expect(read("tienentwintig", "nl")).toEqual([]);
  });

  it("reads neuf as nine before a noun only", () => {
    expect(read("neuf ou dix", "fr")).toEqual([["dix", "count", 10]]);
    expect(read("neuf à dix", "fr")).toEqual([["dix", "count", 10]]);
    expect(read("neuf, dix", "fr")).toEqual([["dix", "count", 10]]);
    expect(read("neuf", "fr")).toEqual([]);
    expect(read("Neuf projets", "fr")).toEqual([["Neuf", "count", 9]]);
    expect(read("dix-neuf", "fr")).toEqual([["dix-neuf", "count", 19]]);
    expect(read("neuf entreprises", "fr")).toEqual([["neuf", "count", 9]]);
  });

  it("reads cent after pour only as the percent word", () => {
    expect(read("pour cent", "fr")).toEqual([]);
    expect(read("pour\u00A0cent", "fr")).toEqual([]);
    expect(read("pourcent projets", "fr")).toEqual([]);
    expect(read("avec cent projets", "fr")).toEqual([["cent", "count", 100]]);
  });

  it("reads fractions only after a number, and no fraction word glued to a hyphen", () => {
    expect(read("un tiers-lieu", "fr")).toEqual([]);
    expect(read("le tiers", "fr")).toEqual([]);
    expect(read("deux tiers", "fr")[0]?.[1]).toBe("fraction");
    expect(read("one third", "en")[0]?.[2]).toBeCloseTo(1 / 3, 12);
    expect(read("one,third", "en")).toEqual([]);
    expect(read("een derde van", "nl")[0]?.[0]).toBe("een derde");
    expect(read("een derde vandaag", "nl")).toEqual([]);
    expect(read("twee derde deel", "nl")[0]?.[0]).toBe("twee derde");
    expect(read("la moitié-prix", "fr")).toEqual([]);
  });
});

describe("a year earlier", () => {
  it("is the time of a comparison, not a figure, after an article only", () => {
    expect(read("un an plus tôt", "fr")).toEqual([]);
    expect(read("un an auparavant", "fr")).toEqual([]);
    expect(read("een jaar eerder", "nl")).toEqual([]);
    expect(read("een jaar geleden", "nl")).toEqual([]);
    expect(read("one year earlier", "en")).toEqual([]);
    expect(read("un an plus tard", "fr")).toEqual([]);
    expect(read("un an de plus", "fr")).toEqual([["un an", "duration", "P1Y"]]);
    expect(read("een jaar eerdere", "nl")).toEqual([["een jaar", "duration", "P1Y"]]);
    expect(read("deux ans plus tôt", "fr")).toEqual([["deux ans", "duration", "P2Y"]]);
    expect(read("un million plus tôt", "fr")).toEqual([["un million", "count", 1e6]]);
  });
});

describe("the edges of the refused characters", () => {
  it("names a code point beyond U+FFFF in full", () => {
    expect(oddCharacters("x 𝟏")).toEqual([{ index: 2, char: "𝟏", kind: "foreign-digit", code: "U+1D7CF" }]);
  });

  it("refuses every invisible character of the ranges, and only those", () => {
    const codes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
    for (const cp of [...codes(0x200b, 0x200f), ...codes(0x202a, 0x202e), ...codes(0x2066, 0x2069), 0xfeff]) {
      expect(oddCharacters(`a${String.fromCodePoint(cp)}b`).map((o) => o.kind), cp.toString(16)).toEqual(["invisible"]);
    }
    for (const cp of [0x200a, 0x2010, 0x2029, 0x202f, 0x2065, 0x206a, 0xfefe, 0x00a0]) {
      expect(oddCharacters(`a${String.fromCodePoint(cp)}b`), cp.toString(16)).toEqual([]);
    }
  });

  it("takes 0 to 9 as digits, and every other decimal digit as foreign", () => {
    expect(oddCharacters("0123456789")).toEqual([]);
    expect(oddCharacters("/:٠").map((o) => o.code)).toEqual(["U+0660"]);
  });
});
