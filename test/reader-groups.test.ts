/**
 * The reader's thousands groups and Dutch hundreds at their edges: which character may separate
 * groups, when the decimal sign is one, where the groups stop, and which words may lead "honderd".
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
