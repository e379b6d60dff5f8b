/**
 * The verifier's matching rules at their edges: which facts a change is computed from, the step a
 * fact is known at, and which fact wins when several match. Each case turns on one condition of
 * `src/verify/verify.ts`, worked out by hand.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics/diagnostic.ts";
import type { VerifierFact } from "../src/verify/facts.ts";
import { factMatcher, verifyArticle, type VerifyArticle, type VerifyFile } from "../src/verify/verify.ts";
import { readFigures } from "../src/verify/reader.ts";
import { Origins } from "../src/verify/origin.ts";
import { article, DATE } from "./support/verifier.ts";

const front = `---\ntitle: T\nlang: en\ndate: "${DATE}"\n---\n`;
const md = (body: string): VerifyFile => ({ file: "o.md", locale: "en", format: "markdown", contents: `${front}${body}\n` });
const run = (facts: VerifierFact[], body: string) => verifyArticle(article(facts), [md(body)]);
const rules = (facts: VerifierFact[], body: string) => run(facts, body).diagnostics.map((d) => d.rule);
/** The fact each figure of an English text matches, as verification matches it. */
const match = (facts: VerifierFact[], text: string) => {
  const matcher = factMatcher({ editorial: { date: DATE }, facts });
  return readFigures(text, "en").map((f) => matcher(f));
};
const missing = (ds: readonly Diagnostic[]) => ds.filter((d) => d.rule === "verify/missing-fact").map((d) => [d.message, d.expected]);

describe("the facts a change is computed from", () => {
  const k: VerifierFact = { id: "k", type: "count", value: 10 };

  it("computes nothing from a change, even one with a value", () => {
    const facts: VerifierFact[] = [k, { id: "c", type: "change", unit: "count", value: 4, required: false }, { id: "d", type: "change", unit: "count", from: "c", to: "k" }];
    // d would be 10 − 4 = 6 if c counted as a number
    expect(match(facts, "up 6")).toEqual([undefined]);
    expect(missing(run(facts, "10").diagnostics)).toEqual([
      ["fact `d` must appear in every brief but is missing from this en brief", "unknown (change in count, from `c` to `k`)"],
    ]);
  });

  it("computes nothing from a date", () => {
    const facts: VerifierFact[] = [k, { id: "a", type: "date", value: "2024-05-01", required: false }, { id: "d", type: "change", unit: "count", from: "a", to: "k" }];
    expect(missing(run(facts, "10").diagnostics).map(([, expected]) => expected)).toEqual(["unknown (change in count, from `a` to `k`)"]);
  });

  it("says a change is unknown when one of its facts is missing, whatever value it states", () => {
    const one = (change: VerifierFact) => {
      const facts = [k, change];
      return { matched: match(facts, "up 10"), expected: missing(run(facts, "10").diagnostics).map(([, e]) => e) };
    };
    // with only one end, the value stated is not used, and the change is not worked out either
    expect(one({ id: "c", type: "change", unit: "count", from: "k", value: 10 })).toEqual({ matched: ["k"], expected: ["unknown (change in count)"] });
    expect(one({ id: "c", type: "change", unit: "count", to: "k", value: 10 })).toEqual({ matched: ["k"], expected: ["unknown (change in count)"] });
    expect(one({ id: "c", type: "change", unit: "count", from: "nope", to: "k" })).toEqual({ matched: ["k"], expected: ["unknown (change in count, from `nope` to `k`)"] });
    expect(one({ id: "c", type: "change", unit: "count", from: "k", to: "nope" })).toEqual({ matched: ["k"], expected: ["unknown (change in count, from `k` to `nope`)"] });
    // a change with neither end nor value is unknown too
    expect(one({ id: "c", type: "change", unit: "count" })).toEqual({ matched: ["k"], expected: ["unknown (change in count)"] });
  });

  it("takes the precision of the money facts only for a money change with no decimals of its own", () => {
    const money = (value: number, precision: number): VerifierFact => ({ id: value === 100e6 ? "a" : "b", type: "money", currency: "EUR", value, precision, required: false });
    // a percent change between money facts is known at the step it is shown
    expect(rules([money(100e6, 1e6), money(130e6, 1e6), { id: "c", type: "change", unit: "percent", from: "a", to: "b" }], "up 30%")).toEqual([]);
    // decimals stated on the change win over the precision of its facts
    expect(rules([money(100e6, 1e6), money(130.4e6, 1e6), { id: "c", type: "change", unit: "money", from: "a", to: "b", decimals: 0 }], "up €30.4 million")).toEqual([]);
    // money is rounded for display at any step: 30.4 million known to 100,000 may be shown as 30 million
    expect(match([money(100e6, 1e5), money(130.4e6, 1e5), { id: "c", type: "change", unit: "money", from: "a", to: "b" }], "up €30 million")).toEqual(["c"]);
  });

  it("rounds a change other than money no further than its decimals", () => {
    // 3.3 known to a tenth is not shown as 3
    expect(match([{ id: "c", type: "change", unit: "percent", value: 3.3, decimals: 1 }], "up 3% up 3.3%")).toEqual([undefined, "c"]);
  });
});

describe("the facts a brief must show", () => {
  it("leaves out a count change that rounds to zero units, and a percent change below 10 that rounds to zero tenths", () => {
    const required = (fact: VerifierFact) => run([fact], "none").diagnostics.map((d) => d.rule);
    // a count is shown in units: 0.06 shows as 0
    expect(required({ id: "c", type: "change", unit: "count", value: 0.06 })).toEqual([]);
    expect(required({ id: "c", type: "change", unit: "percentage-point", value: 0.06 })).toEqual([]);
    // a percent below 10 is shown to a tenth: 0.06 shows as 0.1
    expect(required({ id: "c", type: "change", unit: "percent", value: -0.06 })).toEqual(["verify/missing-fact"]);
    expect(required({ id: "c", type: "change", unit: "percent", value: 9.96 })).toEqual(["verify/missing-fact"]);
  });
});

describe("which fact a figure matches", () => {
  it("prefers the fact bounded as the figure is", () => {
    const facts: VerifierFact[] = [
      { id: "a", type: "count", value: 5, required: false },
      { id: "b", type: "count", value: 5, bound: "more-than", required: false },
    ];
    expect(match(facts, "more than 5 and 5")).toEqual(["b", "a"]);
    expect(match([...facts].reverse(), "more than 5 and 5")).toEqual(["b", "a"]);
    expect(run(facts, "more than 5 and 5").diagnostics).toEqual([]);
  });
});

describe("the step a fact is known at", () => {
  it("reads the decimals of points and basis points", () => {
    const pp: VerifierFact = { id: "p", type: "percentage-point", value: 1.25, decimals: 2 };
    expect(match([pp], "1.3 percentage points 1.25 percentage points")).toEqual([undefined, "p"]);
    expect(rules([{ ...pp, value: 1.2, decimals: 1, required: false }], "1.20 percentage points")).toEqual(["verify/false-precision"]);
    const bp: VerifierFact = { id: "b", type: "basis-point", value: 12.5, decimals: 1 };
    expect(match([bp], "13 basis points 12.5 basis points")).toEqual([undefined, "b"]);
    expect(rules([{ ...bp, required: false }], "12.50 basis points")).toEqual(["verify/false-precision"]);
  });

  it("ranks a change with no decimals at the step shown", () => {
    const facts: VerifierFact[] = [
      { id: "c1", type: "change", unit: "percent", value: 3.3 },
      { id: "c2", type: "change", unit: "percent", value: 3, decimals: 0 },
    ];
    const ds = run(facts, "up 3%").diagnostics;
    expect(ds.map((d) => [d.rule, d.message])).toEqual([
      ["verify/ambiguous-figure", "3% matches facts `c1`, `c2` equally well in body; it is counted as `c1`"],
      ["verify/missing-fact", "fact `c2` must appear in every brief but is missing from this en brief"],
    ]);
  });
});

describe("what the verifier says, and where", () => {
  const SEVEN: VerifierFact[] = [{ id: "n", type: "count", value: 7 }];
  const html = (contents: string): VerifyFile => ({ file: "o.html", locale: "en", format: "html", contents });
  const said = (ds: readonly Diagnostic[]) => ds.map((d) => [d.rule, d.line, d.column, d.message, d.expected, d.actual]);

  it("places a style problem at its figure", () => {
    expect(said(run(SEVEN, "7 and 12345").diagnostics)).toEqual([
      ["verify/style", 6, 7, "12345 in body: thousands must be grouped with a comma in en", undefined, "12345"],
      ["verify/unmatched-figure", 6, 7, "12345 matches no fact of the dataset in body", "`n` = 7 (count)", "12345"],
    ]);
  });

  it("names the fact and the step of a figure shown too precisely", () => {
    expect(said(run([{ id: "p", type: "percent", value: 12, decimals: 0, required: false }], "12.0%").diagnostics)).toEqual([
      ["verify/false-precision", 6, 1, "12.0% is more precise than fact `p` in body", "a step of at least 1", "12.0%"],
    ]);
  });

  it("says what is wrong with the front matter", () => {
    const brief = (contents: string): VerifyFile => ({ file: "o.md", locale: "en", format: "markdown", contents });
    expect(said(verifyArticle(article(SEVEN), [brief("7\n")]).diagnostics)).toEqual([["verify/front-matter", 1, 1, "the brief has no front matter", undefined, undefined]]);
    expect(said(verifyArticle(article(SEVEN), [brief("7 and 8\n")]).diagnostics).map((d) => d[3])).toEqual([
      "the brief has no front matter",
      "8 matches no fact of the dataset in body",
    ]);
    // a broken line does not hide the lines after it
    expect(said(verifyArticle(article(SEVEN), [brief(`---\ntitle: [\nlang: en\ndate: "${DATE}"\n---\n7\n`)]).diagnostics)).toEqual([
      ["verify/front-matter", 2, 1, "the front matter is not valid YAML", undefined, undefined],
    ]);
    expect(said(verifyArticle(article(SEVEN), [brief(`---\ntitle: T\nlang: fr\ndate: "2025-03-29"\n---\n7\n`)]).diagnostics)).toEqual([
      ["verify/front-matter", 3, 7, "the front matter's lang does not match the file", "en", "fr"],
      ["verify/unmatched-figure", 4, 8, "the front matter's date is not the editorial date", DATE, "2025-03-29"],
    ]);
  });

  it("finds the second of two equal figures of a single-quoted title at its own column", () => {
    const contents = `---\ntitle: '8 8'\nlang: en\ndate: "${DATE}"\n---\n7\n`;
    expect(verifyArticle(article(SEVEN), [{ file: "o.md", locale: "en", format: "markdown", contents }]).diagnostics.map((d) => [d.line, d.column])).toEqual([
      [2, 9],
      [2, 11],
    ]);
  });

  it("reads the content of a meta only, and ends a text at every closing tag", () => {
    expect(verifyArticle(article(SEVEN), [html('<p>7</p><link name="description" content="8">')]).diagnostics).toEqual([]);
    expect(said(verifyArticle(article(SEVEN), [html("<p>7</p>x 8")]).diagnostics)).toEqual([
      ["verify/unmatched-figure", 1, 11, "8 matches no fact of the dataset in the page", "`n` = 7 (count)", "8"],
    ]);
  });

  it("keeps the estimated column of a figure written as an entity", () => {
    expect(said(verifyArticle(article(SEVEN), [html("<p>7 &#56;</p>")]).diagnostics)).toEqual([
      ["verify/unmatched-figure", 1, 6, "8 matches no fact of the dataset in the page", "`n` = 7 (count)", "8"],
    ]);
  });
});

describe("where a figure was written", () => {
  it("looks for the three words before a figure, even far into a long text", () => {
    const a = article([{ id: "n", type: "count", value: 7 }], [{ file: "t.hbs", kind: "template", text: "zz 8\nab cd 8 and some more words after it" }]);
    const [d] = verifyArticle(a, [md(`7 x ab cd 8 and then a good many more words after the figure, to make the text long`)]).diagnostics;
    expect([d?.actual, d?.origin]).toEqual(["8", { file: "t.hbs", line: 2, column: 7 }]);
  });

  it("sets case aside, and only when lower case keeps the length of a text", () => {
    const origins = new Origins([{ file: "t.hbs", kind: "template", text: "x\nStraße 7 and ROAD 8" }]);
    expect(origins.find(["straße 7"], "en")).toEqual({ file: "t.hbs", line: 2, column: 1 });
    expect(origins.find(["road 8"], "en")).toEqual({ file: "t.hbs", line: 2, column: 14 });
    // "İ" grows in lower case: such a text is compared as written
    const dotted = new Origins([{ file: "t.hbs", kind: "template", text: "x\nİzmir 9" }]);
    expect(dotted.find(["İzmir 9"], "en")).toEqual({ file: "t.hbs", line: 2, column: 1 });
    expect(dotted.find(["izmir 9"], "en")).toBeUndefined();
  });

  it("keeps apart two locale files that differ only by their locale", () => {
    const origins = new Origins([
      { file: "x.yaml", kind: "locale", locale: "fr", text: "k: sept 7" },
      { file: "x.yaml", kind: "locale", locale: "en", text: "k: sept 7" },
      { file: "y.yaml", kind: "locale", locale: "en", text: "z\nk: sept 7" },
    ]);
    // the en text of x.yaml comes first among the en texts
    expect(origins.find(["sept 7"], "en")).toEqual({ file: "x.yaml", line: 1, column: 4 });
  });
});
