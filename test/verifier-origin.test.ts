/**
 * A problem the verifier finds in an output names the input that wrote the
 * offending text (facts.yaml, a locale file, a template), and a digit other
 * than 0–9 or an invisible character in an output is an error of its own.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../src/diagnostics/diagnostic.ts";
import { Origins, type InputText } from "../src/verify/origin.ts";
import { verifyArticle, type VerifyArticle } from "../src/verify/verify.ts";

const FACTS_YAML = [
  "version: 2",
  "editorial: { date: \"2025-03-28\", template: t }",
  "story:",
  "  funder:",
  "    fr: la Commission avec deux milliards d’euros",
  "    en: \"the Commission\\u200B itself\"",
  "    nl: >-",
  "      de Europese",
  "      Commissie met twee miljard euro",
  "facts:",
  "  - id: total",
  "    type: money",
  "    evidence: [\"deux milliards d’euros\"]",
  "    label: { fr: le total, nl: het totaal, en: the total }",
].join("\n");
const LOCALE_EN = '{\n  "a": {\n    "b": "The Commission gives three billion euros.",\n    "c": "Hello \\"you\\" twenty-two"\n  }\n}\n';
const TEMPLATE = "# {{t \"a\"}}\n\nA line with nine lives.\n";

const INPUTS: InputText[] = [
  { file: "content/x/facts.yaml", kind: "facts", text: FACTS_YAML },
  { file: "locales/en.json", kind: "locale", locale: "en", text: LOCALE_EN },
  { file: "locales/fr.json", kind: "locale", locale: "fr", text: '{ "a": "trois milliards" }' },
  { file: "templates/t.md.hbs", kind: "template", text: TEMPLATE },
];

describe("Origins", () => {
  const origins = new Origins(INPUTS);

  it("finds a text of facts.yaml that a brief shows, at its line and column", () => {
    expect(origins.find(["deux milliards d’euros"], "fr")).toEqual({ file: "content/x/facts.yaml", line: 5, column: 28 });
    expect(origins.find(["DEUX\u00A0MILLIARDS"], "fr")).toEqual({ file: "content/x/facts.yaml", line: 5, column: 28 });
  });

  it("finds a folded text on its own line, and an escaped one at its start", () => {
    expect(origins.find(["twee miljard euro"], "nl")).toEqual({ file: "content/x/facts.yaml", line: 9, column: 21 });
    expect(origins.find(["\u200B itself"], "en")).toEqual({ file: "content/x/facts.yaml", line: 6, column: 9 });
  });

  it("never names the evidence or a fact's value, which no brief shows", () => {
    expect(origins.find(["2025-03-28"], "en")).toBeUndefined();
    expect(origins.find(["money"], "en")).toBeUndefined();
  });

  it("finds a locale message of the output's locale first, then a template", () => {
    expect(origins.find(["three billion euros"], "en")).toEqual({ file: "locales/en.json", line: 3, column: 32 });
    expect(origins.find(["twenty-two"], "en")).toEqual({ file: "locales/en.json", line: 4, column: 25 });
    expect(origins.find(["trois milliards"], "fr")).toEqual({ file: "locales/fr.json", line: 1, column: 9 });
    expect(origins.find(["nine lives"], "en")).toEqual({ file: "templates/t.md.hbs", line: 3, column: 13 });
  });

  it("looks in the other locales' texts last (an original quote shown in a translation's brief)", () => {
    expect(origins.find(["trois milliards"], "en")).toEqual({ file: "locales/fr.json", line: 1, column: 9 });
  });

  it("tries the needles in order and skips blank ones", () => {
    expect(origins.find([{ text: "with nine lives", skip: 5 }], "en")).toEqual({ file: "templates/t.md.hbs", line: 3, column: 13 });
    expect(origins.find(["  ", "not anywhere", "nine lives"], "en")).toEqual({ file: "templates/t.md.hbs", line: 3, column: 13 });
    expect(origins.find(["not anywhere"], "en")).toBeUndefined();
    expect(new Origins([]).find(["x"], "en")).toBeUndefined();
  });
});

const ARTICLE: VerifyArticle = {
  slug: "x",
  sourceLang: "fr",
  facts: { editorial: { date: "2025-03-28" }, facts: [{ id: "total", type: "money", currency: "EUR", value: 2e9, required: false }] },
  inputs: INPUTS,
};
const md = (body: string) => `---\ntitle: "T"\nlang: en\ndate: "2025-03-28"\n---\n${body}\n`;

describe("the verifier names the input of a problem", () => {
  it("gives a figure that matches no fact the line of the input that wrote it", () => {
    const { diagnostics } = verifyArticle(ARTICLE, [{ file: "out/x/en.md", locale: "en", format: "markdown", contents: md("The Commission gives three billion euros.") }]);
    const d = diagnostics.find((x) => x.rule === "verify/unmatched-figure")!;
    expect(d).toMatchObject({ file: "out/x/en.md", line: 6, origin: { file: "locales/en.json", line: 3, column: 32 } });
    expect(formatDiagnostic(d).split("\n").at(-1)).toBe("    from:     locales/en.json:3:32");
  });

  it("gives a figure that comes from no input no origin", () => {
    const { diagnostics } = verifyArticle(ARTICLE, [{ file: "out/x/en.md", locale: "en", format: "markdown", contents: md("It gives €7 billion.") }]);
    expect(diagnostics.find((x) => x.rule === "verify/unmatched-figure")?.origin).toBeUndefined();
  });

  it("refuses a digit other than 0–9 and an invisible character in an output, at its place, with its input", () => {
    const { diagnostics } = verifyArticle(ARTICLE, [
      { file: "out/x/en.md", locale: "en", format: "markdown", contents: md("the Commission\u200B itself, ١٢") },
      { file: "out/x/en.html", locale: "en", format: "html", contents: "<p>x ²</p>" },
    ]);
    const odd = diagnostics.filter((d) => d.rule === "verify/invisible-character" || d.rule === "verify/foreign-digit");
    expect(odd.map((d) => [d.rule, d.file, d.line, d.column, d.actual, d.origin?.file])).toEqual([
      ["verify/invisible-character", "out/x/en.md", 6, 15, "U+200B", "content/x/facts.yaml"],
      ["verify/foreign-digit", "out/x/en.md", 6, 25, "U+0661", undefined],
      ["verify/foreign-digit", "out/x/en.md", 6, 26, "U+0662", undefined],
      ["verify/foreign-digit", "out/x/en.html", 1, 6, "U+00B2", undefined],
    ]);
    expect(odd[0]!.message).toBe("U+200B in the brief is an invisible or bidirectional control character");
    expect(odd[3]!.message).toBe("U+00B2 in the page is a digit other than 0–9");
  });
});
