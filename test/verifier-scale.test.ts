/**
 * The precision a figure states, against the precision its fact is known at. The trailing zeros of
 * a whole number before a scale word say nothing ("900 millions" is as precise as "0,9 milliard"),
 * nor do those of an amount below a million, which house style always writes in full ("900 000
 * francs"); written decimals do ("900,0 millions"), and so does an amount of a million or more
 * written in full, which states it to the unit. A precision that is not a power of ten (known to 50
 * millions) is written with digits one place finer (950 millions), and holds for a whole number of
 * its steps only. Every case is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import type { VerifierFact } from "../src/verify/facts.ts";
import { readFigures } from "../src/verify/reader.ts";
import { verifyArticle, type VerifyFile } from "../src/verify/verify.ts";
import { article, DATE } from "./support/verifier.ts";

type Locale = VerifyFile["locale"];
const NBSP = "\u00A0";
const md = (locale: Locale, body: string): VerifyFile => ({ file: "o.md", locale, format: "markdown", contents: `---\ntitle: T\nlang: ${locale}\ndate: "${DATE}"\n---\n${body}\n` });
const chf = (value: number, precision: number): VerifierFact => ({ id: "m", type: "money", currency: "CHF", value, precision });
/** The rules of the problems found in a brief of `locale` that says `body`, for a single fact. */
const rules = (fact: VerifierFact, locale: Locale, body: string) => verifyArticle(article([fact]), [md(locale, body)]).diagnostics.map((d) => d.rule);

describe("the step a figure states", () => {
  const read = (text: string, locale: Locale = "fr") => readFigures(text, locale).map((f) => [f.step, f.significantStep]);

  it("leaves out the trailing zeros of a whole number before a scale word", () => {
    expect(read(`900${NBSP}millions de francs suisses`)).toEqual([[1e6, 1e8]]);
    expect(read(`90${NBSP}miljoen Zwitserse frank`, "nl")).toEqual([[1e6, 1e7]]);
    expect(read(`CHF${NBSP}20${NBSP}billion`, "en")).toEqual([[1e9, 1e10]]);
    expect(read("neuf cents millions de francs suisses")).toEqual([[1e6, 1e8]]);
  });

  it("keeps written decimals, a figure with no trailing zero, and zero itself", () => {
    expect(read(`900,0${NBSP}millions de francs suisses`)).toEqual([[1e5, undefined]]);
    expect(read(`0,90${NBSP}milliard de francs suisses`)).toEqual([[1e7, undefined]]);
    expect(read(`912${NBSP}millions de francs suisses`)).toEqual([[1e6, undefined]]);
    expect(read(`0${NBSP}franc suisse`)).toEqual([[1, undefined]]);
  });

  it("leaves out the trailing zeros of a full amount below a million only", () => {
    expect(read(`900\u202F000${NBSP}francs suisses`)).toEqual([[1, 1e5]]);
    expect(read(`CHF${NBSP}950,000`, "en")).toEqual([[1, 1e4]]);
    expect(read(`1.500.000${NBSP}Zwitserse frank`, "nl")).toEqual([[1, undefined]]);
    expect(read(`CHF${NBSP}544,700,000`, "en")).toEqual([[1, undefined]]);
  });
});

describe("a figure is as precise as its fact", () => {
  it("when it writes the fact's digits with a scale word below them, in every language", () => {
    const fact = chf(-900_000_000, 100_000_000);
    expect(rules(fact, "fr", `un déficit de 900${NBSP}millions de francs suisses`)).toEqual([]);
    expect(rules(fact, "nl", `een tekort van 900${NBSP}miljoen Zwitserse frank`)).toEqual([]);
    expect(rules(fact, "en", `a deficit of CHF${NBSP}900${NBSP}million`)).toEqual([]);
    expect(rules(fact, "fr", `un déficit de 0,9${NBSP}milliard de francs suisses`)).toEqual([]);
    expect(rules(chf(90_000_000, 10_000_000), "en", `CHF${NBSP}90${NBSP}million`)).toEqual([]);
    expect(rules(chf(20_000_000_000, 10_000_000_000), "nl", `20${NBSP}miljard Zwitserse frank`)).toEqual([]);
    expect(rules(chf(900_000, 100_000), "fr", `900\u202F000${NBSP}francs suisses`)).toEqual([]);
  });

  it("when a precision that is not a power of ten is written one place finer, at a whole number of its steps", () => {
    expect(rules(chf(950_000_000, 50_000_000), "fr", `950${NBSP}millions de francs suisses`)).toEqual([]);
    expect(rules(chf(950_000_000, 50_000_000), "en", `CHF${NBSP}0.95${NBSP}billion`)).toEqual([]);
    expect(rules(chf(1_500_000_000, 500_000_000), "nl", `1,5${NBSP}miljard Zwitserse frank`)).toEqual([]);
    expect(rules(chf(750_000_000, 250_000_000), "en", `CHF${NBSP}750${NBSP}million`)).toEqual([]);
  });
});

describe("a figure more precise than its fact is still reported", () => {
  const FALSE = ["verify/false-precision", "verify/missing-fact"];

  it("a digit other than zero below the fact's precision", () => {
    expect(rules(chf(912_000_000, 100_000_000), "fr", `912${NBSP}millions de francs suisses`)).toEqual(FALSE);
    expect(rules(chf(912_000_000, 100_000_000), "nl", `912${NBSP}miljoen Zwitserse frank`)).toEqual(FALSE);
    expect(rules(chf(912_000_000, 100_000_000), "en", `CHF${NBSP}912${NBSP}million`)).toEqual(FALSE);
    expect(rules(chf(905_000_000, 10_000_000), "en", `CHF${NBSP}905${NBSP}million`)).toEqual(FALSE);
    expect(rules(chf(950_000, 100_000), "en", `CHF${NBSP}950,000`)).toEqual(FALSE);
  });

  it("a written decimal below the fact's precision, even a zero", () => {
    expect(rules(chf(900_000_000, 100_000_000), "fr", `900,0${NBSP}millions de francs suisses`)).toEqual(FALSE);
    expect(rules(chf(900_000_000, 100_000_000), "en", `CHF${NBSP}0.90${NBSP}billion`)).toEqual(FALSE);
    expect(rules(chf(1_500_000_000, 500_000_000), "nl", `1,50${NBSP}miljard Zwitserse frank`)).toEqual(FALSE);
  });

  it("an amount of a million or more written in full", () => {
    expect(rules(chf(1_500_000, 100_000), "en", `CHF${NBSP}1,500,000`)).toEqual(FALSE);
    expect(rules(chf(900_000_000, 100_000_000), "nl", `900.000.000${NBSP}Zwitserse frank`)).toEqual(FALSE);
  });

  it("a figure that is not a whole number of the steps of a precision other than a power of ten", () => {
    expect(rules(chf(960_000_000, 50_000_000), "fr", `960${NBSP}millions de francs suisses`)).toEqual(FALSE);
    expect(rules(chf(1_250_000_000, 250_000_000), "en", `CHF${NBSP}1.3${NBSP}billion`)).toEqual(FALSE);
    expect(rules(chf(950_000_000, 50_000_000), "en", `CHF${NBSP}952${NBSP}million`)).toEqual(["verify/unmatched-figure", "verify/missing-fact"]);
    expect(rules(chf(950_000_000, 50_000_000), "en", `CHF${NBSP}0.950${NBSP}billion`)).toEqual(FALSE);
  });
});
