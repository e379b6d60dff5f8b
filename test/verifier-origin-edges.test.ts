/**
 * Edges of finding where an output's offending text was written.
 */
import { describe, expect, it } from "vitest";
import { Origins } from "../src/verify/origin.ts";
import { verifyArticle, type VerifyArticle } from "../src/verify/verify.ts";

describe("the edges of origins", () => {
  it("names a related title, a label, a role and a speaker, and no other field of facts.yaml", () => {
    const yaml = [
      "related:",
      "  - { id: r, title: { en: alpha one } }",
      "facts:",
      "  - { id: f, label: { en: beta one }, evidence: [gamma one] }",
      "quotes:",
      "  - { id: q, speaker: Delta One, role: { en: epsilon one }, text: { en: zeta one } }",
      "ignore:",
      "  - { text: kappa one, reason: theta one }",
      "editorial: { title: iota one }",
    ].join("\n");
    const origins = new Origins([{ file: "f.yaml", kind: "facts", text: yaml }]);
    const at = (needle: string) => origins.find([needle], "en")?.line;
    expect([at("alpha"), at("beta"), at("gamma"), at("delta"), at("epsilon"), at("zeta"), at("kappa"), at("theta"), at("iota")]).toEqual([2, 4, undefined, 6, 6, 6, undefined, undefined, undefined]);
  });

  it("keeps the offsets of a text whose lower case is longer", () => {
    const origins = new Origins([{ file: "t.hbs", kind: "template", text: "İİ nine" }]);
    expect(origins.find(["nine"], "en")).toEqual({ file: "t.hbs", line: 1, column: 4 });
  });

  it("finds an invisible character by the words after it, or alone", () => {
    const article = (text: string): VerifyArticle => ({
      slug: "x",
      sourceLang: "fr",
      facts: { editorial: { date: "2025-03-28" }, facts: [] },
      inputs: [{ file: "t.hbs", kind: "template", text }],
    });
    const origin = (input: string, output: string) =>
      verifyArticle(article(input), [{ file: "o.md", locale: "en", format: "markdown", contents: output }]).diagnostics.find((d) => d.rule === "verify/invisible-character")?.origin;
    const front = "---\ntitle: T\nlang: en\ndate: \"2025-03-28\"\n---\n";
    expect(origin("line\n{{x}}\u200Bafter words", `${front}something else\u200Bafter words`)).toEqual({ file: "t.hbs", line: 2, column: 6 });
    expect(origin("line\nstart \u200B", `${front}other start \u200B and more`)).toEqual({ file: "t.hbs", line: 2, column: 7 });
    expect(origin("a\nb \u200B c", `${front}x\u200By`)).toEqual({ file: "t.hbs", line: 2, column: 3 });
    expect(origin("nothing here", `${front}x\u200By`)).toBeUndefined();
  });
});
