import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFacts } from "../src/content/load.ts";
import { parseStoryType } from "../src/content/story-type.ts";
import { fixtureFile, ROOT, SLUG } from "./support/fixtures.ts";

const FACTS = fixtureFile(`content/${SLUG}/facts.yaml`);

function edit(text: string, from: string, to: string): string {
  expect(text, `the fixture contains ${from}`).toContain(from);
  return text.replace(from, to);
}

const problems = (text: string) => parseFacts(text, "facts.yaml").diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`);

describe("facts.yaml rules", () => {
  it("the bundled dataset is valid, with no warning", () => {
    const result = parseFacts(FACTS, "facts.yaml");
    expect(result.diagnostics).toEqual([]);
    expect(result.value?.facts.map((f) => f.id)).toEqual(["total", "ai", "digital-solutions", "cybersecurity", "hpc", "interoperability", "chips-fund", "period", "calls"]);
  });

  it("reports every problem of a file in one run, duplicate ids included", () => {
    let text = edit(FACTS, "value: 544700000", "valeu: 544700000");
    text = edit(text, "id: hpc", "id: ai");
    text = edit(text, "type: month", "type: moth");
    expect(problems(text)).toEqual([
      "69:5 error facts/missing-field",
      "72:5 error facts/unknown-key",
      "102:9 error facts/duplicate-id",
      "145:11 error facts/invalid-value",
    ]);
  });

  it.each([
    ["a complete breakdown that does not add up", "complete: false", "complete: true", "facts/breakdown-sum"],
    ["a partial breakdown above its total", "value: 1232726898", "value: 1000000000", "facts/breakdown-exceeds-total"],
    ["a display more precise than the source", "precision: 100000\n    label:\n      fr: l’intelligence", "precision: 100000\n    display: { scale: million, decimals: 2 }\n    label:\n      fr: l’intelligence", "facts/false-precision"],
    ["a part that is not money", "parts: [ai,", "parts: [period,", "facts/reference-type"],
    ["a part listed twice", "parts: [ai,", "parts: [ai, ai,", "facts/duplicate-part"],
    ["a precision coarser than the amount", "precision: 100000\n    label:\n      fr: l’intelligence", "precision: 1e15\n    label:\n      fr: l’intelligence", "facts/precision-above-value"],
    ["a breakdown of an unknown total", "of: total", "of: totl", "facts/unknown-reference"],
    ["a breakdown's rest that is none of its parts", "parts: [ai,", "rest: period\n    parts: [ai,", "facts/rest-not-a-part"],
    ["an impossible month", 'value: "2025-04"', 'value: "2025-13"', "facts/invalid-date"],
    ["an impossible editorial date", 'date: "2025-03-28"', 'date: "2025-02-30"', "facts/invalid-date"],
    ["a year range that goes backwards", "value: [2025, 2027]", "value: [2027, 2025]", "facts/invalid-range"],
    ["an original quote marked as a translation", "      fr: \"La sécurisation", "      fr:\n        translated-from: nl\n        text: \"La sécurisation", "facts/quote-translation"],
    ["a currency the briefs cannot show", "currency: EUR\n    value: 544700000", "currency: JPY\n    value: 544700000", "facts/invalid-value"],
    ["a fact with neither label nor measure", "    label:\n      fr: l’intelligence artificielle\n      nl: artificiële intelligentie\n      en: artificial intelligence\n", "", "facts/missing-label"],
    ["a figure both hedged and bounded", "precision: 100000\n    label:\n      fr: l’intelligence", "precision: 100000\n    approx: true\n    bound: more-than\n    label:\n      fr: l’intelligence", "facts/approx-and-bound"],
    ["a change with one end only", "breakdowns:", "  - id: growth\n    type: change\n    unit: percent\n    from: ai\n    label: { fr: la hausse, nl: de stijging, en: the rise }\n\nbreakdowns:", "facts/change-ends"],
    ["a change whose value its ends contradict", "breakdowns:", "  - id: growth\n    type: change\n    unit: percent\n    from: cybersecurity\n    to: ai\n    value: 3\n    label: { fr: la hausse, nl: de stijging, en: the rise }\n\nbreakdowns:", "facts/change-value"],
    ["a change between facts of another kind", "breakdowns:", "  - id: growth\n    type: change\n    unit: percent\n    from: period\n    to: ai\n    label: { fr: la hausse, nl: de stijging, en: the rise }\n\nbreakdowns:", "facts/reference-type"],
    ["a change compared with a figure that is no period", "breakdowns:", "  - id: growth\n    type: change\n    unit: percent\n    value: 2\n    compared-with: ai\n    label: { fr: la hausse, nl: de stijging, en: the rise }\n\nbreakdowns:", "facts/reference-type"],
  ])("%s", (_name, from, to, rule) => {
    expect(problems(edit(FACTS, from, to)).map((p) => p.split(" ").slice(1).join(" "))).toContain(`error ${rule}`);
  });

  it.each([
    ["a whole number of millions for a fact known to 100 millions", 500000000, 100000000, "{ scale: million, decimals: 0 }", false],
    ["digits finer than the fact", 512000000, 100000000, "{ scale: million, decimals: 0 }", true],
    ["a written decimal, zero or not", 500000000, 100000000, "{ scale: million, decimals: 1 }", true],
    ["a whole number of 500-million steps, one place finer", 1500000000, 500000000, "{ scale: billion, decimals: 1 }", false],
    ["one place finer, off the 500-million steps", 1600000000, 500000000, "{ scale: billion, decimals: 1 }", true],
  ])("a display as precise as the verifier reads it: %s", (_name, value, precision, display, flagged) => {
    const text = edit(edit(FACTS, "value: 544700000", `value: ${value}`), "precision: 100000\n    label:\n      fr: l’intelligence", `precision: ${precision}\n    display: ${display}\n    label:\n      fr: l’intelligence`);
    expect(problems(text).some((p) => p.endsWith("error facts/false-precision"))).toBe(flagged);
  });

  it("reports a date that does not exist with the file's problems of shape, in one run", () => {
    const text = edit(edit(edit(FACTS, 'date: "2025-03-28"', 'date: "2025-02-30"'), "value: 544700000", 'value: "544,7 millions"'), 'value: "2025-04"', 'value: "2025-13"');
    const rules = problems(text).map((p) => p.split(" ").slice(1).join(" "));
    // The shape is wrong (a text where a number should be): the rules do not run, but the dates are still read.
    expect(rules).toContain("error facts/invalid-type");
    expect(rules.filter((r) => r === "error facts/invalid-date")).toHaveLength(2);
  });

  it("says what a change should be at its own decimals, without the noise of binary fractions", () => {
    // 2.16 − 2.38 is −0.21999999999999975 in binary floating point: the report says −0.22.
    const label = "    label: { fr: le taux, nl: het percentage, en: the rate }\n";
    const added = [
      `  - id: rate-a\n    type: percent\n    value: 2.38\n    decimals: 2\n${label}    evidence: ["2,38 %"]\n`,
      `  - id: rate-b\n    type: percent\n    value: 2.16\n    decimals: 2\n${label}    evidence: ["2,16 %"]\n`,
      `  - id: gap\n    type: change\n    unit: percentage-point\n    from: rate-a\n    to: rate-b\n    value: -0.23\n    decimals: 2\n${label}    evidence: ["0,23 point"]\n`,
    ].join("");
    const found = parseFacts(edit(FACTS, "\nbreakdowns:", `${added}\nbreakdowns:`), "facts.yaml").diagnostics.filter((d) => d.rule === "facts/change-value");
    expect(found.map((d) => [d.expected, d.actual, d.message.includes("-0.22 from")])).toEqual([["-0.22", "-0.23", true]]);
  });

  it("warns about a straight apostrophe in French text", () => {
    expect(problems(edit(FACTS, "fr: l’intelligence artificielle", "fr: l'intelligence artificielle"))).toEqual(["75:11 warning facts/typography"]);
  });
});

describe("a label on an amount below zero of a measure that says so in words", () => {
  const type = parseStoryType("company-results", { file: "templates/company-results/type.yaml", text: readFileSync(path.join(ROOT, "templates", "company-results", "type.yaml"), "utf8") }).value!;
  const factsWith = (fact: string) =>
    `version: 2\neditorial: { date: "2026-02-26", template: company-results }\nstory: { company: { fr: Acme, nl: Acme, en: Acme } }\nfacts:\n  - { id: period, type: year, value: 2025, evidence: ["2025"] }\n  - { id: revenue, type: money, measure: revenue, currency: EUR, value: 5870000000, evidence: ["x"] }\n${fact}\n`;
  const parse = (fact: string) => parseFacts(factsWith(fact), "facts.yaml", { templates: new Set(["company-results"]), types: new Map([["company-results", type.definition]]) });

  it("is refused at the label: the briefs would not say the loss", () => {
    const { diagnostics } = parse('  - { id: result, type: money, measure: net-result, currency: EUR, value: -12400000, label: { fr: résultat, nl: resultaat, en: result }, evidence: ["x"] }');
    expect(diagnostics.map((d) => [d.rule, d.line, d.path])).toEqual([["facts/label-hides-sign", 7, "facts.2.label"]]);
    expect(diagnostics[0]!.message).toContain("(perte nette, nettoverlies, net loss)");
  });

  it("is allowed above zero, and without a label", () => {
    expect(parse('  - { id: result, type: money, measure: net-result, currency: EUR, value: 12400000, label: { fr: résultat, nl: resultaat, en: result }, evidence: ["x"] }').diagnostics).toEqual([]);
    expect(parse('  - { id: result, type: money, measure: net-result, currency: EUR, value: -12400000, evidence: ["x"] }').diagnostics).toEqual([]);
  });
});
