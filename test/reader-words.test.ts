/**
 * The verifier's reader reads numbers written in words as figures, exactly as
 * it reads digits: cardinals, compounds, halves and fractions, with scale,
 * currency and unit words; an article is "one" only before one of them. It
 * also finds the characters that hide or disguise a figure.
 */
import { describe, expect, it } from "vitest";
import { oddCharacters, readFigures, type ReaderLocale } from "../src/verify/reader.ts";

type Row = [ReaderLocale, string, string, string, number | string, number?];

/** [locale, text, the figure's text, unit, value, step] */
const READ: Row[] = [
  ["en", "with two billion euros", "two billion euros", "EUR", 2e9, 1e9],
  ["en", "with one and a half billion euros", "one and a half billion euros", "EUR", 1.5e9, 1e8],
  ["fr", "avec deux milliards d’euros", "deux milliards d’euros", "EUR", 2e9, 1e9],
  ["fr", "avec un milliard et demi d’euros", "un milliard et demi d’euros", "EUR", 1.5e9, 1e8],
  ["fr", "avec trois cents millions d’euros", "trois cents millions d’euros", "EUR", 3e8, 1e6],
  ["nl", "met twee miljard euro", "twee miljard euro", "EUR", 2e9, 1e9],
  ["nl", "met anderhalf miljard euro", "anderhalf miljard euro", "EUR", 1.5e9, 1e8],
  ["fr", "vingt-deux projets", "vingt-deux", "count", 22, 1],
  ["fr", "vingt et un projets", "vingt et un", "count", 21, 1],
  ["fr", "vingt-et-un projets", "vingt-et-un", "count", 21, 1],
  ["fr", "quatre-vingt-dix projets", "quatre-vingt-dix", "count", 90, 1],
  ["fr", "quatre-vingts projets", "quatre-vingts", "count", 80, 1],
  ["fr", "quatre-vingt-dix-sept projets", "quatre-vingt-dix-sept", "count", 97, 1],
  ["fr", "soixante et onze projets", "soixante et onze", "count", 71, 1],
  ["fr", "dix-sept projets", "dix-sept", "count", 17, 1],
  ["fr", "cent projets", "cent", "count", 100, 1],
  ["fr", "deux cent mille euros", "deux cent mille euros", "EUR", 200000, 1],
  ["fr", "deux mille cinq cents euros", "deux mille cinq cents euros", "EUR", 2500, 1],
  ["fr", "mille euros", "mille euros", "EUR", 1000, 1],
  ["fr", "Trois projets", "Trois", "count", 3, 1],
  ["fr", "neuf projets", "neuf", "count", 9, 1],
  ["fr", "cinquante pour cent", "cinquante pour cent", "percent", 50, 1],
  ["fr", "un million d’euros", "un million d’euros", "EUR", 1e6, 1e6],
  ["fr", "d’un milliard d’euros", "un milliard d’euros", "EUR", 1e9, 1e9],
  ["fr", "deux milliards et demi d’euros", "deux milliards et demi d’euros", "EUR", 2.5e9, 1e8],
  ["fr", "2 milliards et demi d’euros", "2 milliards et demi d’euros", "EUR", 2.5e9, 1e8],
  ["fr", "une tonne", "une tonne", "t", 1, 1],
  ["fr", "trois ans", "trois ans", "duration", "P3Y"],
  ["fr", "un an", "un an", "duration", "P1Y"],
  ["fr", "douze mois", "douze mois", "duration", "P12M"],
  ["fr", "trois ans et demi", "trois ans et demi", "duration", "P3.5Y"],
  ["nl", "tweeëntwintig projecten", "tweeëntwintig", "count", 22, 1],
  ["nl", "eenentwintig projecten", "eenentwintig", "count", 21, 1],
  ["nl", "achtentwintig projecten", "achtentwintig", "count", 28, 1],
  ["nl", "honderdvijftig projecten", "honderdvijftig", "count", 150, 1],
  ["nl", "tweehonderd projecten", "tweehonderd", "count", 200, 1],
  ["nl", "honderdeneen projecten", "honderdeneen", "count", 101, 1],
  ["nl", "drieduizendvijfhonderd euro", "drieduizendvijfhonderd euro", "EUR", 3500, 1],
  ["nl", "duizend euro", "duizend euro", "EUR", 1000, 1],
  ["nl", "zeventien projecten", "zeventien", "count", 17, 1],
  ["nl", "tweeënhalf miljard euro", "tweeënhalf miljard euro", "EUR", 2.5e9, 1e8],
  ["nl", "twee en een half miljard euro", "twee en een half miljard euro", "EUR", 2.5e9, 1e8],
  ["nl", "een half miljoen euro", "een half miljoen euro", "EUR", 5e5, 1e5],
  ["nl", "half miljoen euro", "half miljoen euro", "EUR", 5e5, 1e5],
  ["nl", "een miljoen euro", "een miljoen euro", "EUR", 1e6, 1e6],
  ["nl", "één project", "één", "count", 1, 1],
  ["nl", "een jaar", "een jaar", "duration", "P1Y"],
  ["nl", "drie jaar", "drie jaar", "duration", "P3Y"],
  ["en", "twenty-two projects", "twenty-two", "count", 22, 1],
  ["en", "one hundred and fifty projects", "one hundred and fifty", "count", 150, 1],
  ["en", "a hundred projects", "a hundred", "count", 100, 1],
  ["en", "two thousand projects", "two thousand", "count", 2000, 1],
  ["en", "half a billion euros", "half a billion euros", "EUR", 5e8, 1e8],
  ["en", "a million euros", "a million euros", "EUR", 1e6, 1e6],
  ["en", "one per cent", "one per cent", "percent", 1, 1],
  ["en", "five years", "five years", "duration", "P5Y"],
  ["en", "two and a half years", "two and a half years", "duration", "P2.5Y"],
  ["en", "€2 billion and a half", "€2 billion and a half", "EUR", 2.5e9, 1e8],
];

/** [locale, text, the fraction's text, value] */
const FRACTIONS: Array<[ReaderLocale, string, string, number]> = [
  ["fr", "deux tiers des fonds", "deux tiers", 2 / 3],
  ["fr", "un quart", "un quart", 0.25],
  ["fr", "trois quarts du budget", "trois quarts", 0.75],
  ["fr", "la moitié du budget", "moitié", 0.5],
  ["nl", "twee derde", "twee derde", 2 / 3],
  ["nl", "een derde van het budget", "een derde", 1 / 3],
  ["nl", "een derde.", "een derde", 1 / 3],
  ["nl", "drie kwart", "drie kwart", 0.75],
  ["nl", "de helft van", "helft", 0.5],
  ["nl", "een halve dag", "halve", 0.5],
  ["en", "half of the budget", "half", 0.5],
  ["en", "half", "half", 0.5],
  ["en", "two thirds of the money", "two thirds", 2 / 3],
  ["en", "one-third of it", "one-third", 1 / 3],
  ["en", "a third", "a third", 1 / 3],
  ["en", "three quarters", "three quarters", 0.75],
];

/** [locale, text]: no figure at all */
const NOT_READ: Array<[ReaderLocale, string]> = [
  ["fr", "la Commission et un programme"],
  ["fr", "une Europe numérique"],
  ["fr", "l’un des programmes"],
  ["fr", "un projet neuf et beau"],
  ["fr", "un bâtiment neuf."],
  ["fr", "le pour cent"],
  ["fr", "des milliards d’euros"],
  ["fr", "un demi"],
  ["nl", "een programma"],
  ["nl", "duizenden banen"],
  ["nl", "honderden banen"],
  ["nl", "de derde fase"],
  ["nl", "een derde fase"],
  ["nl", "tweede"],
  ["en", "one of the programmes"],
  ["en", "a year later"],
  ["en", "a programme"],
  ["en", "one-off"],
  ["en", "a half-year review"],
  ["en", "millions of euros"],
  ["en", "on behalf of"],
];

describe("numbers written in words", () => {
  it.each(READ)("%s %j → %j", (locale, text, figure, unit, value, step) => {
    const found = readFigures(text, locale);
    expect(found.map((f) => f.text)).toEqual([figure]);
    expect(found[0]).toMatchObject({ unit, value, start: text.indexOf(figure), end: text.indexOf(figure) + figure.length });
    if (step !== undefined) expect(found[0]!.step).toBe(step);
  });

  it.each(FRACTIONS)("%s %j is the fraction %j", (locale, text, figure, value) => {
    const found = readFigures(text, locale);
    expect(found.map((f) => f.text)).toEqual([figure]);
    expect(found[0]!.unit).toBe("fraction");
    expect(found[0]!.value).toBeCloseTo(value, 12);
  });

  it.each(NOT_READ)("%s %j holds no figure", (locale, text) => {
    expect(readFigures(text, locale)).toEqual([]);
  });

  it("reads two numbers in a row as two figures, and a number word inside no other word", () => {
    expect(readFigures("deux trois", "fr").map((f) => f.value)).toEqual([2, 3]);
    expect(readFigures("five and six", "en").map((f) => f.value)).toEqual([5, 6]);
    expect(readFigures("deux et trois", "fr").map((f) => f.value)).toEqual([2, 3]);
    expect(readFigures("cinq deux", "fr").map((f) => f.value)).toEqual([5, 2]);
    expect(readFigures("twenty thirty", "en").map((f) => f.value)).toEqual([20, 30]);
    expect(readFigures("cent cent", "fr").map((f) => f.value)).toEqual([100, 100]);
    expect(readFigures("mille mille euros", "fr").map((f) => f.value)).toEqual([1e6]); // the second mille is the scale word
    expect(readFigures("vingt cents", "fr").map((f) => f.value)).toEqual([20, 100]);
    expect(readFigures("deuxième", "fr")).toEqual([]);
    expect(readFigures("sixty", "en").map((f) => f.value)).toEqual([60]);
  });

  it("keeps the hedges, bounds and directions of digits", () => {
    expect(readFigures("près de deux milliards d’euros", "fr")[0]).toMatchObject({ approx: true, value: 2e9 });
    expect(readFigures("plus de trois projets", "fr")[0]).toMatchObject({ bound: "more-than", value: 3 });
    expect(readFigures("en baisse de deux millions d’euros", "fr")[0]).toMatchObject({ value: -2e6, sign: { by: "direction" } });
  });

  it("reads agreement and the house style of the words after a number in words", () => {
    expect(readFigures("deux milliard d’euros", "fr")[0]!.problems).toEqual(["scale word must be plural from 2: milliards"]);
    expect(readFigures("un milliards d’euros", "fr")[0]!.problems).toEqual(["scale word must be singular below 2: milliard"]);
    expect(readFigures("trois ans", "fr")[0]!.problems).toEqual([]);
    expect(readFigures("3 ans", "fr")[0]!.problems).toEqual(["a duration from one to nine is written in words in fr: trois"]);
  });

  it("reads an article as one only before a scale, currency or unit word, and a/an only before a scale word", () => {
    expect(readFigures("un euro", "fr")[0]).toMatchObject({ unit: "EUR", value: 1 });
    expect(readFigures("one euro", "en")[0]).toMatchObject({ unit: "EUR", value: 1 });
    expect(readFigures("a euro", "en")).toEqual([]);
    expect(readFigures("an hour", "en")).toEqual([]);
    expect(readFigures("one hour", "en")[0]).toMatchObject({ unit: "duration", value: "PT1H" });
    expect(readFigures("a billion", "en")[0]).toMatchObject({ unit: "count", value: 1e9 });
    expect(readFigures("een procent", "nl")[0]).toMatchObject({ unit: "percent", value: 1 });
  });
});

describe("characters that hide or disguise a figure", () => {
  it.each([
    ["€１.５ billion", ["U+FF11", "U+FF15"]],
    ["€١٫٥ billion", ["U+0661", "U+0665"]],
    ["५ millions", ["U+096B"]],
    ["km² CO₂ ¹", ["U+00B2", "U+2082", "U+00B9"]],
    ["€½ billion", ["U+00BD"]],
    ["Ⅻ", ["U+216B"]],
  ])("%j holds digits other than 0–9: %j", (text, codes) => {
    const odd = oddCharacters(text);
    expect(odd.map((o) => o.code)).toEqual(codes);
    expect(odd.every((o) => o.kind === "foreign-digit" && text.slice(o.index, o.index + o.char.length) === o.char)).toBe(true);
  });

  it.each([
    ["(\u202E€81.9 million\u202C)", ["U+202E", "U+202C"]],
    ["the Commission\u200B", ["U+200B"]],
    ["a\u200Cb\u200Dc\u200Ed\u200Fe", ["U+200C", "U+200D", "U+200E", "U+200F"]],
    ["\u202A\u202B\u202D", ["U+202A", "U+202B", "U+202D"]],
    ["\u2066x\u2067y\u2068z\u2069", ["U+2066", "U+2067", "U+2068", "U+2069"]],
    ["du\uFEFF programme", ["U+FEFF"]],
    ["1\u00AD2", ["U+00AD"]],
    ["1\u00AD", ["U+00AD"]],
    ["\u00AD2", ["U+00AD"]],
  ])("%j holds invisible characters: %j", (text, codes) => {
    const odd = oddCharacters(text);
    expect(odd.map((o) => o.code)).toEqual(codes);
    expect(odd.every((o) => o.kind === "invisible")).toBe(true);
  });

  it("leaves plain text, 0–9 and a soft hyphen inside a word alone", () => {
    expect(oddCharacters("cyber\u00ADsécurité, 1,2 milliard d’euros, l’IA – 2025 ‘x’ « y » ©")).toEqual([]);
  });

  it("gives the characters in the order of the text", () => {
    expect(oddCharacters("\u200B١\u200B").map((o) => o.index)).toEqual([0, 1, 2]);
  });
});
