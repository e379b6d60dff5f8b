/**
 * The forms of real press releases that the first score on test/extract-corpus/real/ missed
 * (issue 15): implied currencies, dot decimals, references, years after a noun, quarters and
 * half-years, glued units, months without a year, bounds, seasons across two years, spaced
 * minus signs and table headers.
 */
import { describe, expect, it } from "vitest";
import { extractFigures } from "../src/extract/index.ts";

/** `text=value unit`, with ` ~` for approx, the bound and `src:` for an inferred currency. */
const read = (text: string) =>
  extractFigures(text).map((f) => `${f.text}=${JSON.stringify(f.value)} ${f.unit}${f.approx ? " ~" : ""}${f.bound ? ` ${f.bound}` : ""}${f.currencySource ? ` src:${f.currencySource}` : ""}`);

describe("implied currency", () => {
  it("takes the currency of the same sentence", () => {
    expect(read("Le chiffre d’affaires atteint 105,7 millions, contre 98 millions de francs.")).toEqual(["105,7 millions=105700000 CHF src:sentence", "98 millions de francs=98000000 CHF"]);
    expect(read("Le budget est de 55 millions €, dont 5 millions pour la culture.")).toEqual(["55 millions €=55000000 EUR", "5 millions=5000000 EUR src:sentence"]);
  });
  it("takes the currency of the paragraph, then the article's only currency", () => {
    expect(read("Il reçoit 290,8 millions d’euros. La ville (44,5 millions) aussi.")).toEqual(["290,8 millions d’euros=290800000 EUR", "44,5 millions=44500000 EUR src:paragraph"]);
    expect(read("Le budget s’élève à 120 millions d’euros.\n\nLa culture reçoit 34,9 millions pour ses musées.")).toEqual(["120 millions d’euros=120000000 EUR", "34,9 millions=34900000 EUR src:article"]);
    expect(read("Une hausse de 1,6 million d’une garantie, pour 7,34 millions de francs.")).toEqual(["1,6 million=1600000 CHF src:sentence", "7,34 millions de francs=7340000 CHF"]);
  });
  it("takes it for an amount a verb follows: million and milliard count a noun only through de", () => {
    expect(read("Une enveloppe de 45 millions d’euros : le chauffage recevra 12 millions, et 5 millions financeront des panneaux.")).toEqual([
      "45 millions d’euros=45000000 EUR",
      "12 millions=12000000 EUR src:sentence",
      "5 millions=5000000 EUR src:sentence",
    ]);
    expect(read("Le fonds reçoit 20 millions d’euros. Et 1,5 milliard supplémentaire suivra.")).toEqual(["20 millions d’euros=20000000 EUR", "1,5 milliard=1500000000 EUR src:paragraph"]);
    // Mille takes its noun directly: a count; and a count of a noun through de stays one.
    expect(read("Le fonds reçoit 20 millions d’euros pour trois mille élèves et 2 millions d’habitants.")).toEqual(["20 millions d’euros=20000000 EUR", "trois mille=3000 count", "2 millions=2000000 count"]);
  });

  it("leaves a count of a noun alone", () => {
    expect(read("Le pays compte 2 millions d’habitants et 3 millions d’euros de dettes.")).toEqual(["2 millions=2000000 count", "3 millions d’euros=3000000 EUR"]);
  });
});

describe("dot as a decimal separator", () => {
  it("reads 1.284 milliards as 1,284 milliard, and 1.196 millions as thousands", () => {
    expect(read("Le bénéfice atteint 1.284 milliards d’euros.")).toEqual(["1.284 milliards d’euros=1284000000 EUR"]);
    expect(read("Un chiffre d’affaires de 1.196 millions d’euros, +0,9 %.")).toEqual(["1.196 millions d’euros=1196000000 EUR", "+0,9 %=0.9 percent"]);
  });
  it("reads 1.284 as a decimal in a text that writes its decimals with a point", () => {
    expect(read("Un crédit de 1.284 millions de francs, soit 3.5 % du budget.")).toEqual(["1.284 millions de francs=1284000 CHF", "3.5 %=3.5 percent"]);
  });
});

describe("references and years", () => {
  it("reads object numbers, street numbers, headings and roads as labels", () => {
    expect(read("l’objet 24.041, au 16, rue de la Loi, la rubrique 3 et la route cantonale 251")).toEqual(["24.041=24041 label", "16=16 label", "3=3 label", "251=251 label"]);
  });
  it("reads a year after a noun", () => {
    expect(read("Résultat opérationnel 2024 de l’entreprise ; le chiffre d’affaires 2023 du Groupe")).toEqual(["2024=2024 year", "2023=2023 year"]);
  });
  it("reads a fiscal year", () => {
    expect(read("au cours de l’exercice 2023/24")).toEqual(["2023/24=[2023,2024] year-range"]);
  });
});

describe("quarters and half-years", () => {
  it("reads quarters with and without a year", () => {
    expect(read("T4 24 : +3,2 %, T1 2025, premier trimestre 2022, 4ᵉ trimestre 2024, Q3 2024, au 3e trimestre et (T3 19,3 %)")).toEqual([
      "T4 24=\"2024-Q4\" quarter",
      "+3,2 %=3.2 percent",
      "T1 2025=\"2025-Q1\" quarter",
      "premier trimestre 2022=\"2022-Q1\" quarter",
      "4ᵉ trimestre 2024=\"2024-Q4\" quarter",
      "Q3 2024=\"2024-Q3\" quarter",
      "3e trimestre=\"--Q3\" quarter",
      "T3=\"--Q3\" quarter",
      "19,3 %=19.3 percent",
    ]);
  });
  it("reads half-years", () => {
    expect(read("premier semestre 2025, S1 2025, H1 2025 et le second semestre")).toEqual(["premier semestre 2025=\"2025-H1\" half-year", "S1 2025=\"2025-H1\" half-year", "H1 2025=\"2025-H1\" half-year", "second semestre=\"--H2\" half-year"]);
  });
  it("gives a quarter the year it shares", () => {
    expect(read("Quatrième trimestre et année 2023")).toEqual(["Quatrième trimestre=\"2023-Q4\" quarter", "2023=2023 year"]);
  });
});

describe("glued units, months, seasons, signs", () => {
  it("reads basis points and glued scales", () => {
    expect(read("232bps, 232 pb, 6Md€, 19 285,1M€ et 1 764 m€")).toEqual(["232bps=232 basis-point", "232 pb=232 basis-point", "6Md€=6000000000 EUR", "19 285,1M€=19285100000 EUR", "1 764 m€=1764000000 EUR"]);
  });
  it("reads a month without a year", () => {
    expect(read("Le projet démarre en mars.")).toEqual(["mars=\"--03\" month"]);
  });
  it("reads a season across two years", () => {
    expect(read("pendant l’hiver 2026-2027")).toEqual(["hiver 2026-2027=\"2026/2027-24\" season"]);
  });
  it("reads spaced and typographic minus signs and accounting negatives", () => {
    expect(read("en baisse de - 7,8 %, puis −2,4 % et (2,4)%")).toEqual(["- 7,8 %=-7.8 percent", "−2,4 %=-2.4 percent", "(2,4)%=-2.4 percent"]);
  });
  it("does not read a list bullet as a minus sign, nor a subtraction", () => {
    expect(read("- 12 millions d’euros pour la santé")).toEqual(["12 millions d’euros=12000000 EUR"]);
    expect(read("de 5 - 3 ans").map((f) => f.split("=")[0])).toEqual(["5", "3 ans"]);
  });
  it("reads negative durations with the sign in front", () => {
    expect(read("un besoin en fonds de roulement en baisse (-33 jours)")).toEqual(["-33 jours=\"-P33D\" duration"]);
  });
});

describe("bounds and hedges", () => {
  it("reads bounds as bounds, not as hedges", () => {
    expect(read("supérieures à 10 %, plus de 300 emplois, au moins 5 ans, moins de 25 ans, jusqu’à 50 000 euros, inférieur à 2 %")).toEqual([
      "10 %=10 percent more-than",
      "300=300 count more-than",
      "5 ans=\"P5Y\" duration at-least",
      "25 ans=\"P25Y\" duration less-than",
      "50 000 euros=50000 EUR up-to",
      "2 %=2 percent less-than",
    ]);
  });
  it("reads a bound after an elided word: d’au moins, qu’au plus", () => {
    expect(read("une croissance d’au moins 3 %, et qu’au plus 5 % des élèves, jusqu’à 7 %")).toEqual(["3 %=3 percent at-least", "5 %=5 percent up-to", "7 %=7 percent up-to"]);
  });
  it("does not read à hauteur de and s’articule autour de as hedges", () => {
    expect(read("financé à hauteur de 65 % ; le plan s’articule autour de 3 axes ; autour de 2 millions d’euros")).toEqual(["65 %=65 percent", "3=3 count", "2 millions d’euros=2000000 EUR ~"]);
  });
});

describe("tables", () => {
  it("takes the currency and scale of a header line", () => {
    expect(read("(En millions d’euros)\nChiffre d’affaires 4 223 4 332 +2,6 %\nRésultat net | (1) | (17) |")).toEqual([
      "4 223=4223000000 EUR src:paragraph",
      "4 332=4332000000 EUR src:paragraph",
      "2,6 %=2.6 percent",
      "(1)=-1000000 EUR src:paragraph",
      "(17)=-17000000 EUR src:paragraph",
    ]);
    expect(read("Résultat par action (en €) |\n- 1,1 |\n- 0,5\n|")).toEqual(["- 1,1=-1.1 EUR src:paragraph", "- 0,5=-0.5 EUR src:paragraph"]);
  });
  it("ends a header's reach at the first line of prose", () => {
    expect(read("en M€ | 2023 |\nChiffre d’affaires | 767 |\n\nLe groupe compte 767 salariés.\nIls sont 12.")).toEqual(["2023=2023 year", "767=767000000 EUR src:paragraph", "767=767 count", "12=12 count"]);
  });
});

describe("dates and times", () => {
  it("reads the forms of real releases", () => {
    expect(read("du 1er octobre au 31 décembre 2023, le30/10/2024, 05 déc 2014, 15.X.2012, à 18 heures, les neuf premiers mois")).toEqual([
      "1er octobre=\"2023-10-01\" date",
      "31 décembre 2023=\"2023-12-31\" date",
      "30/10/2024=\"2024-10-30\" date",
      "05 déc 2014=\"2014-12-05\" date",
      "15.X.2012=\"2012-10-15\" date",
      "18 heures=\"18:00\" time",
      "neuf premiers mois=\"P9M\" duration",
    ]);
  });
});
