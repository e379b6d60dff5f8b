/**
 * The reader's thousands groups, years and halves at their edges: which character may separate
 * groups, when the decimal sign is one, where the groups stop, which words may lead "honderd", the
 * last years a range or a season may take, and what a half needs after it.
 */
import { describe, expect, it } from "vitest";
import { readFigures, type ReaderLocale } from "../src/verify/reader.ts";

const read = (text: string, locale: ReaderLocale) => readFigures(text, locale).map((f) => [f.text, f.unit, f.value, f.problems]);

describe("thousands groups", () => {
  it("takes only a space, a no-break space, a comma or a dot for a thousands separator", () => {
    expect(read("5/123", "en")).toEqual([["5", "count", 5, []], ["123", "count", 123, []]]);
    expect(read("5:123", "fr")).toEqual([["5", "count", 5, []], ["123", "count", 123, []]]);
  });

  it("keeps to the separator the groups started with", () => {
    expect(read("1,234 567", "en")).toEqual([["1,234", "count", 1234, []], ["567", "count", 567, []]]);
    expect(read("1,234,567 890", "en")).toEqual([["1,234,567", "count", 1234567, []], ["890", "count", 890, []]]);
  });

  it("reads the decimal sign before one group of three as decimals, and before two as groups", () => {
    expect(read("1,500", "fr")).toEqual([["1,500", "count", 1.5, []]]);
    expect(read("1.500", "en")).toEqual([["1.500", "count", 1.5, []]]);
    expect(read("1.500.000", "en")).toEqual([["1.500.000", "count", 1500000, ["thousands separator must be a comma in en"]]]);
  });

  it("reads a separator after the last group as punctuation", () => {
    expect(read("1,232,726, and", "en")).toEqual([["1,232,726", "count", 1232726, []]]);
    expect(read("1.232.726. Then", "nl")).toEqual([["1.232.726", "count", 1232726, []]]);
  });
});

describe("Dutch hundreds", () => {
  it("takes a unit other than een before honderd, and nothing for one hundred", () => {
    expect(read("honderd banen", "nl")).toEqual([["honderd", "count", 100, []]]);
    expect(read("driehonderd banen", "nl")).toEqual([["driehonderd", "count", 300, []]]);
    expect(read("eenhonderd banen", "nl")).toEqual([]);
    expect(read("tienhonderd banen", "nl")).toEqual([]);
  });
});

describe("years at their limits", () => {
  it("reads a range from or to its last allowed year, and a season whose second year is its first", () => {
    expect(read("2999-2999", "en")).toEqual([["2999-2999", "year-range", [2999, 2999], ["year range must go forward"]]]);
    expect(read("1000-1000", "en")).toEqual([["1000-1000", "year-range", [1000, 1000], ["year range must go forward"]]]);
    expect(read("winter 2026-26", "en")).toEqual([["winter 2026-26", "season", "2026-2026-winter", ["a season spans at most two following years"]]]);
  });

  it("reads only four digits as a bare year", () => {
    expect(read("02024", "en")).toEqual([["02024", "count", 2024, ["thousands must be grouped with a comma in en"]]]);
  });
});

describe("halves and currencies in words", () => {
  it("reads une demi- before a scale word as one figure", () => {
    expect(readFigures("une demi-milliard", "fr").map((f) => [f.text, f.value])).toEqual([["une demi-milliard", 5e8]]);
  });

  it("reads the English m only after a leading currency, even after half a", () => {
    expect(read("half a m", "en")).toEqual([["half", "fraction", 0.5, []]]);
  });

  it("reads een dag as a duration, whatever comes before it", () => {
    expect(read("jaar een dag", "nl")).toEqual([["een dag", "duration", "P1D", []]]);
    expect(read("ajaar een dag", "nl")).toEqual([["een dag", "duration", "P1D", []]]);
    expect(read("een, twee", "nl")).toEqual([["twee", "count", 2, []]]);
    // a text that opens with a scale word ending in a dot: no half is looked for before it
    expect(read("mld. een dag", "nl")).toEqual([["een dag", "duration", "P1D", []]]);
  });

  it("takes no second currency after a scale word that holds one", () => {
    expect(read("5 M€ euros", "fr")).toEqual([["5 M€", "EUR", 5e6, ["scale word must be written out in fr: millions d’euros"]]]);
  });
});
