/**
 * The reader at the boundaries of its rules: each case sits on the edge of one condition (a last
 * valid day, a first year read as a year, a separator that is or is not a thousands separator), so
 * that turning the condition around changes what is read.
 */
import { describe, expect, it } from "vitest";
import { readFigures, type ReaderLocale } from "../src/verify/reader.ts";

const read = (text: string, locale: ReaderLocale) => readFigures(text, locale).map((f) => [f.text, f.unit, f.value]);
const problems = (text: string, locale: ReaderLocale) => readFigures(text, locale).map((f) => f.problems);
const one = (text: string, locale: ReaderLocale) => {
  const found = readFigures(text, locale);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

describe("periods", () => {
  it("reads the seasons, with their years and the words between", () => {
    expect(read("winter 2099-00", "en")).toEqual([["winter 2099-00", "season", "2099-2100-winter"]]);
    expect(one("winter 2026", "en").problems).toEqual([]);
    expect(one("summer of 2026", "en").problems).toEqual(["no “of” between the season and the year in en"]);
    expect(one("l’été 2026-2027", "fr")).toMatchObject({ text: "été 2026-2027", value: "2026-2027-summer", problems: ["only a winter spans two years"] });
    expect(one("l’hiver 2026-2028", "fr").problems).toEqual(["a season spans at most two following years"]);
    expect(one("winter 2026-2027", "en").problems).toEqual(["the second year of a season is written with two digits in en: 2026-27"]);
    expect(one("de winter 2026-27", "nl").problems).toEqual([
      "the season takes “van” before the year in nl",
      "the second year of a season is written in full in nl: 2026-2027",
    ]);
  });

  it("reads quarters and half-years, and says how each must be written", () => {
    expect(problems("q4 2024", "en")).toEqual([["a quarter in a list is written Q4 2024 in en"]]);
    expect(problems("t4 2024", "fr")).toEqual([["a quarter in a list is written T4 2024 in fr"]]);
    expect(problems("T4 2024", "en")).toEqual([["a quarter in a list is written Q4 2024 in en"]]);
    expect(problems("Q4 2024", "en")).toEqual([[]]);
    expect(one("eerste helft van 2025", "nl")).toMatchObject({ value: "2025-H1", problems: ["a half-year is written jaarhelft in nl"] });
    expect(problems("premier semestre de 2025", "fr")).toEqual([["no “de” between the half-year and the year in fr"]]);
    expect(problems("eerste jaarhelft 2025", "nl")).toEqual([["the half-year takes “van” before the year in nl"]]);
    expect(problems("vierde kwartaal 2024", "nl")).toEqual([["the quarter takes “van” before the year in nl"]]);
  });
});

describe("dates and year ranges", () => {
  it("knows the leap years and the length of each month", () => {
    expect(problems("29 February 2024", "en")).toEqual([[]]);
    expect(problems("29 February 2000", "en")).toEqual([[]]);
    expect(problems("29 February 2100", "en")).toEqual([["no such date: 2100-02-29"]]);
    expect(problems("29 February 2023", "en")).toEqual([["no such date: 2023-02-29"]]);
    expect(problems("31 April 2024", "en")).toEqual([["no such date: 2024-04-31"]]);
    expect(problems("31 May 2024", "en")).toEqual([[]]);
    expect(problems("30 September 2024", "en")).toEqual([[]]);
    expect(problems("31 November 2024", "en")).toEqual([["no such date: 2024-11-31"]]);
    expect(problems("0 May 2024", "en")).toEqual([["no such date: 2024-05-00"]]);
  });

  it("reads an ISO date only with a month and a day that can be", () => {
    expect(read("2024-12-31", "en")).toEqual([["2024-12-31", "date", "2024-12-31"]]);
    expect(read("2024-01-01", "en")).toEqual([["2024-01-01", "date", "2024-01-01"]]);
    expect(read("2024-01-31", "en")).toEqual([["2024-01-31", "date", "2024-01-31"]]);
    expect(read("2024-13-01", "en")[0]).toEqual(["2024", "year", 2024]);
    expect(read("2024-00-10", "en")[0]).toEqual(["2024", "year", 2024]);
    expect(read("2024-01-00", "en")[0]).toEqual(["2024", "year", 2024]);
    expect(read("2024-01-32", "en")[0]).toEqual(["2024", "year", 2024]);
  });

  it("reads a year range between 1000 and 2999, going forward", () => {
    expect(read("1000-2999", "en")).toEqual([["1000-2999", "year-range", [1000, 2999]]]);
    expect(read("0999-2000", "en")[0]).toEqual(["0999", "count", 999]);
    expect(read("2999-3000", "en")[0]).toEqual(["2999", "count", 2999]);
    expect(read("1500-0999", "en")[0]).toEqual(["1500", "count", 1500]);
    expect(read("3000-2000", "en")[0]).toEqual(["3000", "count", 3000]);
    expect(problems("2020-2021", "en")).toEqual([[]]);
    expect(problems("2020-2020", "en")).toEqual([["year range must go forward"]]);
  });

  it("reads a day's ordinal suffix, and only a known one", () => {
    expect(problems("1st May 2024", "en")).toEqual([["the day must be written without an ordinal suffix in en"]]);
    expect(problems("1er mai 2024", "fr")).toEqual([[]]);
    expect(problems("1 mai 2024", "fr")).toEqual([["the first day of the month must be written 1er in fr"]]);
    expect(problems("2er mai 2024", "fr")).toEqual([["the day must be written without an ordinal suffix in fr"]]);
    expect(read("3x May 2024", "en")).toEqual([["May 2024", "month", "2024-05"]]);
    expect(read("3 Mayo 2024", "en")).toEqual([["3", "count", 3], ["2024", "year", 2024]]);
    expect(read("12 mai 2024", "fr")).toEqual([["12 mai 2024", "date", "2024-05-12"]]);
  });

  it("lets a French month start a sentence with a capital, and nowhere else", () => {
    expect(problems("Mai 2024", "fr")).toEqual([[]]);
    expect(problems("Début. Mai 2024", "fr")).toEqual([[]]);
    expect(problems("Début\nMai 2024", "fr")).toEqual([[]]);
    expect(problems("Début Mai 2024", "fr")).toEqual([["month name must be lower case in fr: mai"]]);
    expect(problems("Début.\u00A0Mai 2024", "fr")).toEqual([["month name must be lower case in fr: mai"]]);
    expect(problems("Le 3 Mai 2024", "fr")).toEqual([["month name must be lower case in fr: mai"]]);
    expect(problems("MAI 2024", "fr")).toEqual([["month name must be lower case in fr: mai"]]);
  });
});

describe("numbers", () => {
  it("reads a separator as a thousands separator only after at most three digits", () => {
    expect(one("1234,567", "en")).toMatchObject({ value: 1234.567, problems: ["decimal separator must be a point in en"] });
    expect(one("1,234,567", "fr")).toMatchObject({ value: 1234567, problems: ["thousands separator must be a narrow no-break space (U+202F) in fr"] });
    expect(one("1,5", "fr")).toMatchObject({ value: 1.5, problems: [] });
    expect(one("1,232,726,89", "en")).toMatchObject({ value: 123272689, problems: ["a digit group must have exactly 3 digits"] });
    expect(one("12345 jobs", "en").problems).toEqual(["thousands must be grouped with a comma in en"]);
    expect(one("1234 jobs", "en").problems).toEqual([]);
  });

  it("adds a half to a number with decimals, and agrees the currency with the value", () => {
    expect(one("1,5 miljard en een half euro", "nl")).toMatchObject({ value: 2e9, problems: [] });
    expect(one("1,5 mille euro", "fr")).toMatchObject({ unit: "EUR", value: 1500, problems: ["currency word must be plural from 2: euros"] });
    expect(one("5millions d’euros", "fr")).toMatchObject({ value: 5e6, problems: ["a space is missing before millions"] });
  });

  it("reads a bare four-digit number from 1900 to 2100 as a year", () => {
    expect(read("1900 2100 1899 2101", "en")).toEqual([["1900", "year", 1900], ["2100", "year", 2100], ["1899", "count", 1899], ["2101", "count", 2101]]);
    expect(read("€2024 2,024 −2024 2024.0 2024 MW", "en").map(([, unit]) => unit)).toEqual(["EUR", "count", "count", "count", "MW"]);
    expect(read("2024 figures", "en")).toEqual([["2024", "year", 2024]]);
  });

  it("reads a number glued to letters only up to its last group", () => {
    expect(read("1 232K", "en")).toEqual([["1", "count", 1]]);
    expect(read("12 345K", "en")).toEqual([["12", "count", 12]]);
    expect(read("4K", "en")).toEqual([]);
  });

  it("takes a sign only where it stands alone", () => {
    expect(one("a −5", "en")).toMatchObject({ value: -5, sign: { by: "sign", negative: true, word: "−" } });
    expect(one("a --5", "en")).toMatchObject({ text: "5", value: 5 });
    expect(one("x-5", "en")).toMatchObject({ text: "5", value: 5 });
    expect(one("+5%", "en")).toMatchObject({ value: 5, sign: { by: "sign", negative: false, word: "+" } });
  });

  it("writes a duration from one to nine in words, and without a sign", () => {
    expect(problems("1 year", "en")).toEqual([["a duration from one to nine is written in words in en: one"]]);
    expect(problems("9 years", "en")).toEqual([["a duration from one to nine is written in words in en: nine"]]);
    expect(problems("10 years", "en")).toEqual([[]]);
    expect(problems("−3 years", "en")).toEqual([["a duration from one to nine is written in words in en: three", "a duration takes no sign"]]);
    expect(read("3 years", "en")).toEqual([["3 years", "duration", "P3Y"]]);
    expect(read("5 million years", "en")).toEqual([["5 million", "count", 5e6]]);
  });

  it("reads the unit after a number, a scale word or both", () => {
    expect(read("5 million euros", "en")).toEqual([["5 million euros", "EUR", 5e6]]);
    expect(read("5 per cent", "en")).toEqual([["5 per cent", "percent", 5]]);
    expect(read("5 percentage points", "en")).toEqual([["5 percentage points", "percentage-point", 5]]);
    expect(read("5 basis points", "en")).toEqual([["5 basis points", "basis-point", 5]]);
    expect(read("5 million MW", "en")).toEqual([["5 million MW", "MW", 5e6]]);
    expect(read("5 km", "en")).toEqual([["5 km", "km", 5]]);
    expect(read("5 million per cent", "en")).toEqual([["5 million", "count", 5e6]]);
  });
});

describe("numbers in words", () => {
  it("reads quatre-vingt only with its hyphen, and a ten only before a smaller unit", () => {
    expect(read("deux-vingts", "fr")).toEqual([["deux", "count", 2], ["vingts", "count", 20]]);
    expect(read("quatre vingts projets", "fr")).toEqual([["quatre", "count", 4], ["vingts", "count", 20]]);
    expect(read("quatre-dix", "fr")).toEqual([["quatre", "count", 4], ["dix", "count", 10]]);
    expect(read("soixante-vingt", "fr")).toEqual([["soixante", "count", 60], ["vingt", "count", 20]]);
    expect(read("mille projets", "fr")).toEqual([["mille", "count", 1000]]);
    expect(read("neuf cents projets", "fr")).toEqual([["neuf cents", "count", 900]]);
  });

  it("joins with et or and only where a cardinal does", () => {
    expect(read("vingt et,un", "fr")).toEqual([["vingt", "count", 20]]);
    expect(read("twenty and five", "en")).toEqual([["twenty", "count", 20], ["five", "count", 5]]);
    expect(read("one hundred and five", "en")).toEqual([["one hundred and five", "count", 105]]);
    expect(read("twenty an hour", "en")).toEqual([["twenty", "count", 20]]);
    expect(read("an hour", "en")).toEqual([]);
  });

  it("reads a half before a scale word, and not before any other word", () => {
    expect(read("un demi-milliard d’euros", "fr")).toEqual([["un demi-milliard d’euros", "EUR", 5e8]]);
    expect(read("un demi-million", "fr")).toEqual([["un demi-million", "count", 5e5]]);
    expect(read("un demi milliard", "fr")).toEqual([]);
    expect(read("une demi-journée", "fr")).toEqual([]);
    expect(read("demi-journée", "fr")).toEqual([]);
    expect(read("tweeënhalf miljoen", "nl")).toEqual([["tweeënhalf miljoen", "count", 2.5e6]]);
    expect(read("driehalf", "nl")).toEqual([]);
    expect(read("een half miljoen", "nl")).toEqual([["een half miljoen", "count", 5e5]]);
    expect(read("half miljoen", "nl")).toEqual([["half miljoen", "count", 5e5]]);
    expect(read("half jaar", "nl")).toEqual([["half jaar", "duration", "P0.5Y"]]);
    expect(read("een half", "nl")).toEqual([["half", "fraction", 0.5]]);
    expect(read("een halve", "nl")).toEqual([["halve", "fraction", 0.5]]);
  });

  it("reads a fraction after a, one, two or een", () => {
    expect(read("a third", "en")).toEqual([["a third", "fraction", 1 / 3]]);
    expect(read("one quarter", "en")).toEqual([["one quarter", "fraction", 0.25]]);
    expect(read("two thirds", "en")).toEqual([["two thirds", "fraction", 2 / 3]]);
    expect(read("een derde", "nl")).toEqual([["een derde", "fraction", 1 / 3]]);
    expect(read("een derde fase", "nl")).toEqual([]);
  });
});

describe("the words around a figure", () => {
  it("reads a hedge only as a whole word, and leaves a text alone whose lower case is longer", () => {
    expect(one("about 5", "en").approx).toBe(true);
    expect(one("roundabout 5", "en").approx).toBeUndefined();
    expect(one("İ about 5", "en").approx).toBeUndefined();
  });

  it("reads a direction after the figure, and a zero without a sign", () => {
    expect(one("2,4 procent lager", "nl")).toMatchObject({ text: "2,4 procent", value: -2.4, sign: { by: "direction", negative: true, word: "lager" } });
    expect(one("a 2.4% fall", "en")).toMatchObject({ value: -2.4, sign: { by: "direction", negative: true, word: "fall" } });
    expect(one("a 2.4% rise", "en")).toMatchObject({ value: 2.4, sign: { by: "direction", negative: false, word: "rise" } });
    expect(Object.is(one("a fall of 0%", "en").value, 0)).toBe(true);
    expect(Object.is(one("net loss of €0", "en").value, 0)).toBe(true);
    expect(Object.is(one("−0%", "en").value, 0)).toBe(true);
  });

  it("reads the verbs of change a French source title may use, cited in the briefs (recule de, a grimpé de)", () => {
    expect(one("le chiffre d’affaires recule de 3,2 %", "fr")).toMatchObject({ value: -3.2, sign: { by: "direction", negative: true, word: "recule de" } });
    expect(one("le bénéfice a grimpé de 12 %", "fr")).toMatchObject({ value: 12, sign: { by: "direction", negative: false } });
    expect(one("les ventes progressent encore de 4 %", "fr")).toMatchObject({ value: 4, sign: { by: "direction", negative: false } });
    expect(one("l’emploi baisse légèrement de 0,5 %", "fr")).toMatchObject({ value: -0.5, sign: { by: "direction", negative: true } });
    expect(one("les exportations chutent de 9 %", "fr")).toMatchObject({ value: -9, sign: { by: "direction", negative: true } });
    // A level after the verb is no change.
    expect(one("l’inflation recule à 2,38 %", "fr").sign).toBeUndefined();
  });

  it("reads tot after a figure as the end of a range, not a bound", () => {
    expect(readFigures("van 10 tot 20 banen", "nl").map((f) => f.bound)).toEqual([undefined, undefined]);
    expect(readFigures("tot 20 banen", "nl").map((f) => f.bound)).toEqual(["up-to"]);
    expect(readFigures("10 en tot 20", "nl").map((f) => f.bound)).toEqual([undefined, "up-to"]);
    expect(readFigures("10 minstens 20", "nl").map((f) => f.bound)).toEqual([undefined, "at-least"]);
  });

  it("skips a link to its end only", () => {
    expect(read("see http://x.com/5 and 6", "en")).toEqual([["6", "count", 6]]);
    expect(read("(https://x.com/5) 6", "en")).toEqual([["6", "count", 6]]);
    expect(read("5 http", "en")).toEqual([["5", "count", 5]]);
  });
});

describe("more edges", () => {
  it("reads a group only with the separator it started with", () => {
    expect(read("1,232.567", "en")).toEqual([["1,232.567", "count", 1232.567]]);
  });

  it("takes a leading currency only after the figure before it", () => {
    expect(read("5 € 3", "fr")).toEqual([["5 €", "EUR", 5], ["3", "count", 3]]);
    expect(read("€5 million euros", "en")).toEqual([["€5 million", "EUR", 5e6]]);
  });

  it("reads the Dutch halves in Dutch only, and as whole words", () => {
    expect(read("anderhalf million", "en")).toEqual([]);
    expect(read("tweeënhalfje", "nl")).toEqual([]);
  });

  it("reads pour as the percent word only before cent, and neuf before a hyphen", () => {
    expect(read("pour deux projets", "fr")).toEqual([["deux", "count", 2]]);
    expect(read("neuf-cents projets", "fr")).toEqual([["neuf-cents", "count", 900]]);
  });

  it("reads een kwart always, and een derde as a fraction only before van or at the end", () => {
    expect(read("een kwart fase", "nl")).toEqual([["een kwart", "fraction", 0.25]]);
    expect(read("een derde,x y", "nl")).toEqual([["een derde", "fraction", 1 / 3]]);
    expect(problems("la moitié", "fr")).toEqual([[]]);
    expect(problems("a third", "en")).toEqual([[]]);
  });

  it("agrees a point with its number, and reads no unit after a percent", () => {
    expect(problems("1 points de pourcentage", "fr")).toEqual([["unit must be singular below 2: point de pourcentage"]]);
    expect(read("5% MW", "en")).toEqual([["5%", "percent", 5]]);
    expect(problems("0 mois", "fr")).toEqual([[]]);
  });

  it("gives no sign to a year or a period after a direction word, and no step to a period", () => {
    const year = one("up 2020", "en");
    expect([year.unit, year.value, year.sign]).toEqual(["year", 2020, undefined]);
    const quarter = one("up Q4 2024", "en");
    expect([quarter.value, quarter.sign]).toEqual(["2024-Q4", undefined]);
    expect("step" in one("May 2024", "en")).toBe(false);
    expect("step" in one("5 km", "en")).toBe(true);
  });

  it("ends a link at a closing bracket", () => {
    expect(read("(https://x.com/5)7 jobs", "en")).toEqual([["7", "count", 7]]);
  });
});

describe("agreement of a unit with its number", () => {
  const agreementOnly = (text: string, locale: ReaderLocale) => problems(text, locale).map((list) => list.filter((p) => p.includes("must be")));
  it("takes the singular in English for one alone: 0 years and 1.5 years are plural", () => {
    expect(agreementOnly("over 0 years", "en")).toEqual([[]]);
    expect(agreementOnly("over 1.5 years", "en")).toEqual([[]]);
    expect(agreementOnly("over 12 years", "en")).toEqual([[]]);
    expect(agreementOnly("over 1 year", "en")).toEqual([[]]);
    expect(agreementOnly("over 1 years", "en")).toEqual([["unit must be singular for one: year"]]);
    expect(agreementOnly("over 0 year", "en")).toEqual([["unit must be plural except for one: years"]]);
    expect(agreementOnly("over 1.5 year", "en")).toEqual([["unit must be plural except for one: years"]]);
  });

  it("keeps the singular below 2 in French", () => {
    expect(agreementOnly("1,5 point de pourcentage", "fr")).toEqual([[]]);
    expect(agreementOnly("0,5 points de pourcentage", "fr")).toEqual([["unit must be singular below 2: point de pourcentage"]]);
  });
});
