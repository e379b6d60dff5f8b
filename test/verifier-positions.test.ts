/**
 * Where the verifier points, and what it says it expected: the line and column of every diagnostic
 * in a brief, a page, a JSON-LD block, a feed and a manifest, and the description of the fact a
 * figure should have shown. Every value below is worked out by hand from the text under test.
 */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics/diagnostic.ts";
import type { VerifierFact } from "../src/verify/facts.ts";
import { verifyCmsOutputs } from "../src/verify/feeds.ts";
import { factMatcher, verifyArticle, type VerifyArticle, type VerifyFile } from "../src/verify/verify.ts";
import { readFigures } from "../src/verify/reader.ts";
import { Origins } from "../src/verify/origin.ts";
import { article, DATE, feedItem, feedOf } from "./support/verifier.ts";

const md = (contents: string, locale: VerifyFile["locale"] = "en"): VerifyFile => ({ file: "o.md", locale, format: "markdown", contents });
const html = (contents: string, locale: VerifyFile["locale"] = "en"): VerifyFile => ({ file: "o.html", locale, format: "html", contents });
const front = (title = "T", extra = ""): string => `---\ntitle: ${title}\nlang: en\ndate: "${DATE}"\n${extra}---\n`;
/** rule, line, column, expected, actual of each diagnostic. */
const short = (ds: readonly Diagnostic[]) => ds.map((d) => [d.rule, d.line, d.column, d.expected, d.actual]);
const run = (facts: VerifierFact[], files: VerifyFile[]) => verifyArticle(article(facts), files);
const SEVEN: VerifierFact[] = [{ id: "n", type: "count", value: 7 }];

describe("the positions of a brief's figures", () => {
  it("counts lines and columns in the body, past the front matter", () => {
    const { figures, diagnostics } = run(SEVEN, [md(`${front()}one\nab 8 and 7\n  x 9\n`)]);
    expect(short(diagnostics)).toEqual([
      ["verify/unmatched-figure", 7, 4, "`n` = 7 (count)", "8"],
      ["verify/unmatched-figure", 8, 5, "`n` = 7 (count)", "9"],
    ]);
    expect(figures).toEqual([{ file: "o.md", line: 7, column: 10, text: "7", factId: "n" }]);
  });

  it("points into a plain, a double-quoted and a single-quoted title, and at the source title", () => {
    const files = [
      md(`${front("plain 8")}7\n`),
      md(`${front('"quoted 8"')}7\n`),
      md(`${front("'single 8'")}7\n`),
      md(`${front("T", "source:\n  title: titre 8\n")}7\n`),
    ];
    expect(short(run(SEVEN, files).diagnostics).map(([, line, column]) => [line, column])).toEqual([[2, 14], [2, 16], [2, 16], [6, 16]]);
    const where = run(SEVEN, files).diagnostics.map((d) => d.message);
    expect(where[0]).toContain("in front matter title");
    expect(where[3]).toContain("in front matter source.title");
  });

  it("reads the source title in the source language", () => {
    // "8,5" is a decimal number in French, two numbers in English
    const { diagnostics } = verifyArticle(article([{ id: "n", type: "count", value: 7 }, { id: "d", type: "percent", value: 8.5, decimals: 1 }]),
      [md(`${front("T", "source:\n  title: 8,5\u00A0%\n")}7 and 8.5%\n`)]);
    expect(diagnostics).toEqual([]);
  });

  it("says when the front matter is missing, broken, or names another language or date", () => {
    expect(short(run(SEVEN, [md("7 and 8\n")]).diagnostics)).toEqual([
      ["verify/front-matter", 1, 1, undefined, undefined],
      ["verify/unmatched-figure", 2, 7, "`n` = 7 (count)", "8"].map((v, k) => (k === 1 ? 1 : v)),
    ]);
    expect(short(run(SEVEN, [md("---\ntitle: [\n---\n7\n")]).diagnostics)).toEqual([
      ["verify/front-matter", 2, 1, undefined, undefined],
      ["verify/front-matter", 2, 1, "en", "undefined"],
      ["verify/unmatched-figure", 2, 1, DATE, "undefined"],
    ]);
    expect(short(run(SEVEN, [md(`---\ntitle: T\nlang: nl\ndate: "${DATE}"\n---\n7\n`)]).diagnostics)).toEqual([["verify/front-matter", 3, 7, "en", "nl"]]);
    expect(short(run(SEVEN, [md(`---\ntitle: T\nlang: en\ndate: "2025-03-29"\n---\n7\n`)]).diagnostics)).toEqual([
      ["verify/unmatched-figure", 4, 8, DATE, "2025-03-29"],
    ]);
    expect(short(run(SEVEN, [md(`---\ntitle: T\n---\n7\n`)]).diagnostics)).toEqual([
      ["verify/front-matter", 2, 1, "en", "undefined"],
      ["verify/unmatched-figure", 2, 1, DATE, "undefined"],
    ]);
    expect(run(SEVEN, [md("x\n---\ntitle: T\n---\n7\n")]).diagnostics[0]?.rule).toBe("verify/front-matter");
  });

  it("names the page or the brief a required fact is missing from", () => {
    const [brief] = run(SEVEN, [md(`${front()}none\n`)]).diagnostics;
    const [page] = run(SEVEN, [html("<p>none</p>")]).diagnostics;
    expect([brief?.message, page?.message]).toEqual([
      "fact `n` must appear in every brief but is missing from this en brief",
      "fact `n` must appear in every brief but is missing from this en page",
    ]);
    expect([brief?.file, brief?.line, brief?.expected]).toEqual(["o.md", 0, "7 (count)"]);
  });

  it("finds the column of a figure an entity has shifted, the nearest occurrence first", () => {
    const { figures } = run([{ id: "n", type: "count", value: 7 }, { id: "m", type: "count", value: 70 }], [html("<p>a &amp; 7 b 70</p>")]);
    // decoded: "a & 7 b 70" starts at column 4; the raw line holds "7" at column 12 and "70" at 16
    expect(figures.map((f) => [f.text, f.column])).toEqual([["7", 12], ["70", 16]]);
    // "7 < 7": the second 7 is looked for around column 8, and the nearest occurrence is column 11, not 4
    expect(run(SEVEN, [html("<p>7 &lt; 7</p>")]).figures.map((f) => f.column)).toEqual([4, 11]);
    // the same figure further on a line of its own
    expect(run(SEVEN, [html("<p>x</p>\n<p>&lt; 7</p>")]).figures.map((f) => [f.line, f.column])).toEqual([[2, 9]]);
  });

  it("gives the origin of a figure by the words before it", () => {
    const a = article(SEVEN, [{ file: "t.hbs", kind: "template", text: "x 8\nalpha beta gamma 8 delta\nbeta gamma 8" }]);
    const [d] = verifyArticle(a, [md(`${front()}7 and alpha beta gamma 8\n`)]).diagnostics;
    expect(d?.origin).toEqual({ file: "t.hbs", line: 2, column: 18 });
  });
});

describe("the positions in a page", () => {
  const page = (body: string) => `<html>\n<head>\n${body}\n</head>\n</html>`;

  it("reads the title, the description metas, and no other meta, style or script", () => {
    const contents = page([
      "<title>title 1</title>",
      '<meta name="description" content="desc 2">',
      '<meta property="og:title" content="og 3">',
      '<meta property="og:description" content="ogd 4">',
      '<meta name="keywords" content="kw 5">',
      '<meta name="description">',
      "<style>/* 6 */</style>",
      `<script>${JSON.stringify({ datePublished: DATE, other: "9" })}</script>`,
    ].join("\n"));
    const { diagnostics } = run([{ id: "n", type: "count", value: 70, required: false }], [html(contents)]);
    expect(diagnostics.map((d) => [d.actual, d.line, d.column, d.message])).toEqual([
      ["1", 3, 14, "1 matches no fact of the dataset in the page"],
      ["2", 4, 40, "2 matches no fact of the dataset in meta description"],
      ["3", 5, 39, "3 matches no fact of the dataset in meta og:title"],
      ["4", 6, 46, "4 matches no fact of the dataset in meta og:description"],
    ]);
  });

  it("reads the JSON-LD headline, description and the source headline, each on its own line", () => {
    const ld = JSON.stringify({ headline: "head 1", description: "desc 2", isBasedOn: { headline: "8,5 titre" }, datePublished: DATE }, null, 2);
    const contents = `<p>70</p>\n<script type="application/ld+json">${ld}</script>`;
    const { diagnostics } = run([{ id: "n", type: "count", value: 70 }, { id: "p", type: "count", value: 9 }], [html(contents)]);
    expect(diagnostics.map((d) => [d.rule, d.actual, d.line, d.message])).toEqual([
      ["verify/unmatched-figure", "1", 3, "1 matches no fact of the dataset in JSON-LD headline"],
      ["verify/unmatched-figure", "2", 4, "2 matches no fact of the dataset in JSON-LD description"],
      ["verify/unmatched-figure", "8,5", 6, "8,5 matches no fact of the dataset in JSON-LD isBasedOn.headline"],
      ["verify/missing-fact", undefined, 0, "fact `p` must appear in every brief but is missing from this en page"],
    ]);
  });

  it("says when the JSON-LD is not JSON or has another date", () => {
    const bad = run(SEVEN, [html('<p>7</p>\n\n<script type="application/ld+json">{ nope</script>')]).diagnostics;
    expect(short(bad)).toEqual([["verify/json-ld", 3, 1, undefined, undefined]]);
    const late = run(SEVEN, [html(`<p>7</p>\n<script type="application/ld+json">${JSON.stringify({ datePublished: "2025-03-29" })}</script>`)]).diagnostics;
    expect(short(late)).toEqual([["verify/unmatched-figure", 2, 1, DATE, "2025-03-29"]]);
    expect(late[0]?.message).toBe("the JSON-LD datePublished is not the editorial date");
    const fine = run(SEVEN, [html(`<p>7</p>\n<script type="application/ld+json">${JSON.stringify({ datePublished: DATE, headline: 3, isBasedOn: { headline: 4 } })}</script>`)]).diagnostics;
    expect(fine).toEqual([]);
    // Another script is code, not read: neither as JSON-LD nor for figures.
    expect(run(SEVEN, [html('<p>7</p>\n<script type="module">const n = 12; { nope</script>\n<script>var m = 3;</script>')]).diagnostics).toEqual([]);
    expect(short(run(SEVEN, [html('<p>7</p>\n<script type=" Application/LD+JSON ">{ nope</script>')]).diagnostics)).toEqual([["verify/json-ld", 2, 1, undefined, undefined]]);
  });

  it("decodes entities, and starts a text at its first piece", () => {
    expect(run(SEVEN, [html("<p>&#55;</p>")]).figures.map((f) => f.text)).toEqual(["7"]);
    expect(short(run(SEVEN, [html("<p>7</p><p>x\n&amp;\n8</p>")]).diagnostics)).toEqual([["verify/unmatched-figure", 3, 1, "`n` = 7 (count)", "8"]]);
    expect(short(run(SEVEN, [html("<p>7</p><p>\n8</p>")]).diagnostics)).toEqual([["verify/unmatched-figure", 2, 1, "`n` = 7 (count)", "8"]]);
  });

  it("puts a figure of a later line of a text at its own line and column", () => {
    const { diagnostics } = run(SEVEN, [html("<div>7\n  and 8</div>")]);
    expect(short(diagnostics)).toEqual([["verify/unmatched-figure", 2, 7, "`n` = 7 (count)", "8"]]);
  });
});

describe("odd characters", () => {
  it("names the line and column of the character, in the brief or the page", () => {
    const brief = run(SEVEN, [md(`${front()}7\nab\u200Bc\n`)]).diagnostics;
    expect(short(brief)).toEqual([["verify/invisible-character", 7, 3, undefined, "U+200B"]]);
    expect(brief[0]?.message).toBe("U+200B in the brief is an invisible or bidirectional control character");
    const page = run(SEVEN, [html("<p>7 ٣</p>")]).diagnostics;
    expect(page.map((d) => [d.rule, d.line, d.column, d.message])).toEqual([["verify/foreign-digit", 1, 6, "U+0663 in the page is a digit other than 0–9"]]);
  });

  it("finds the input of a character by the text around it, trimmed", () => {
    const origin = (input: string, output: string) =>
      verifyArticle(article(SEVEN, [{ file: "t.hbs", kind: "template", text: input }]), [md(`${front()}7\n${output}`)]).diagnostics[0]?.origin;
    // sixteen characters either side are looked for first
    expect(origin("zz\nmore than sixteen c\u200Bhars after it", "more than sixteen c\u200Bhars after it")).toEqual({ file: "t.hbs", line: 2, column: 20 });
    expect(origin("zz\n  lead\u200Btail  \nx", "  lead\u200Btail  ")).toEqual({ file: "t.hbs", line: 2, column: 7 });
    expect(origin("zz\nlead\u200B", " lead\u200Bother")).toEqual({ file: "t.hbs", line: 2, column: 5 });
    expect(origin("zz\n\u200Btail", "other \u200Btail ")).toEqual({ file: "t.hbs", line: 2, column: 1 });
  });
});

describe("what a figure should have shown", () => {
  const expected = (facts: VerifierFact[], body: string) => run(facts, [md(`${front()}${body}\n`)]).diagnostics.filter((d) => d.rule === "verify/unmatched-figure").map((d) => d.expected);

  it("describes money, quantities, ranges, periods and changes with their qualifiers", () => {
    expect(expected([{ id: "m", type: "money", currency: "EUR", value: 5e6, precision: 1e5, approx: true, bound: "more-than", required: false }], "€9 million")).toEqual([
      "`m` = 5000000 EUR (known to 100000, approximate, bounded more-than)",
    ]);
    expect(expected([{ id: "m", type: "money", currency: "EUR", value: 5e6, bound: "up-to", required: false }], "€9 million")).toEqual(["`m` = 5000000 EUR (bounded up-to)"]);
    expect(expected([{ id: "m", type: "money", currency: "EUR", value: 5e6, required: false }], "€9 million")).toEqual(["`m` = 5000000 EUR"]);
    expect(expected([{ id: "q", type: "quantity", unit: "MW", value: 5, approx: true, required: false }], "9 MW")).toEqual(["`q` = 5 MW (approximate)"]);
    expect(expected([{ id: "q", type: "quantity", unit: "MW", value: 5, required: false }], "9 MW")).toEqual(["`q` = 5 MW"]);
    expect(expected([{ id: "r", type: "year-range", value: [2020, 2022], required: false }], "2021-2023")).toEqual(["`r` = 2020 to 2022"]);
    expect(expected([{ id: "c", type: "count", value: 5, bound: "at-least", required: false }], "9")).toEqual(["`c` = 5 (count, bounded at-least)"]);
    expect(expected([
      { id: "a", type: "money", currency: "USD", value: 100e6, precision: 1e6, required: false },
      { id: "b", type: "money", currency: "USD", value: 130e6, precision: 1e6, required: false },
      { id: "c", type: "change", unit: "money", from: "a", to: "b", required: false },
    ], "up $9 million")).toEqual(["`c` = 30000000 (change in USD, from `a` to `b`)"]);
    expect(expected([{ id: "c", type: "change", unit: "percent", value: 3.3, decimals: 1, required: false }], "up 9.9%")).toEqual(["`c` = 3.3 (change in percent)"]);
  });

  it("says when no fact of the kind exists, and when the sign alone differs", () => {
    expect(expected(SEVEN, "9 MW")).toEqual(["a MW fact (the dataset has none)"]);
    expect(expected([{ id: "c", type: "change", unit: "percent", value: -3.3, decimals: 1 }], "up 3.3%")).toEqual(["`c` = -3.3 (change in percent) (the sign differs)"]);
    expect(expected([{ id: "r", type: "quarter", value: "2024-Q1" }], "Q2 2024")).toEqual(["`r` = 2024-Q1 (quarter)"]);
  });
});

describe("changes the verifier computes", () => {
  const matches = (facts: VerifierFact[], text: string) => {
    const match = factMatcher({ editorial: { date: DATE }, facts });
    return readFigures(text, "en").map((f) => match(f));
  };

  it("takes the currency of the facts a money change goes between, else the euro", () => {
    const from = (currency: string, side: "from" | "to"): VerifierFact[] => [
      { id: "a", type: "money", currency: side === "from" ? currency : "EUR", value: 100e6, precision: 1e6 },
      { id: "b", type: "money", currency: side === "to" ? currency : "EUR", value: 130e6, precision: 1e6 },
      { id: "c", type: "change", unit: "money", from: "a", to: "b" },
    ];
    expect(matches(from("USD", "from"), "up $30 million")).toEqual(["c"]);
    expect(matches(from("USD", "to"), "up €30 million")).toEqual(["c"]);
    const countThenMoney: VerifierFact[] = [
      { id: "a", type: "count", value: 100e6 },
      { id: "b", type: "money", currency: "USD", value: 130e6, precision: 1e6 },
      { id: "c", type: "change", unit: "money", from: "a", to: "b" },
    ];
    expect(matches(countThenMoney, "up $30 million up €30 million")).toEqual(["c", undefined]);
    expect(matches([{ id: "c", type: "change", unit: "money", value: 30e6 }], "up €30 million")).toEqual(["c"]);
    expect(matches([{ id: "c", type: "change", unit: "money", value: 30e6, currency: "GBP" }], "up £30 million")).toEqual(["c"]);
  });

  it("rounds a money change at the coarser precision of its facts", () => {
    const facts = (p1: number, p2: number): VerifierFact[] => [
      { id: "a", type: "money", currency: "EUR", value: 100_000_000, precision: p1 },
      { id: "b", type: "money", currency: "EUR", value: 130_400_000, precision: p2 },
      { id: "c", type: "change", unit: "money", from: "a", to: "b" },
    ];
    // 30.4 million known to a million shown to a tenth is false precision
    expect(run(facts(1e6, 1e5), [md(`${front()}up €30.4 million\n`)]).diagnostics.map((d) => d.rule)).toContain("verify/false-precision");
    expect(run(facts(1e5, 1e5), [md(`${front()}up €30.4 million\n`)]).diagnostics.map((d) => d.rule)).not.toContain("verify/false-precision");
  });

  it("takes a money change's own precision before its facts' or its decimals", () => {
    const change = (extra: Partial<VerifierFact>): VerifierFact[] => [
      { id: "a", type: "money", currency: "EUR", value: 100_000_000, precision: 1e5 },
      { id: "b", type: "money", currency: "EUR", value: 130_400_000, precision: 1e5 },
      { id: "c", type: "change", unit: "money", from: "a", to: "b", ...extra } as VerifierFact,
    ];
    const rules = (facts: VerifierFact[], text: string) => run(facts, [md(`${front()}${text}\n`)]).diagnostics.map((d) => d.rule);
    // known to a million: a tenth of a million states more than the dataset does
    expect(rules(change({ precision: 1e6 }), "up €30.4 million")).toContain("verify/false-precision");
    expect(rules(change({ precision: 1e6 }), "up €30 million")).not.toContain("verify/false-precision");
    expect(rules(change({}), "up €30.4 million")).not.toContain("verify/false-precision");
    // a change given as a value alone, known to ten million
    expect(rules([{ id: "c", type: "change", unit: "money", value: 30e6, precision: 1e7 } as VerifierFact], "up €30.0 million")).toContain("verify/false-precision");
    expect(rules([{ id: "c", type: "change", unit: "money", value: 30e6, precision: 1e7 } as VerifierFact], "up €30 million")).toEqual([]);
  });

  it("computes nothing from a missing fact, a year, a change or a zero", () => {
    const base: VerifierFact[] = [{ id: "y", type: "year", value: 2020 }, { id: "z", type: "count", value: 0 }, { id: "k", type: "count", value: 10 }];
    expect(matches([...base, { id: "c", type: "change", unit: "count", from: "y", to: "k" }], "up 2010")).toEqual(["y"].map(() => undefined));
    expect(matches([...base, { id: "c", type: "change", unit: "count", from: "nope", to: "k" }], "up 10")).toEqual(["k"]);
    expect(matches([...base, { id: "c", type: "change", unit: "count", from: "k" }], "up 10")).toEqual(["k"]);
    expect(matches([...base, { id: "c", type: "change", unit: "percent", from: "z", to: "k" }], "up 10%")).toEqual([undefined]);
    expect(matches([...base, { id: "c", type: "change", unit: "count", from: "z", to: "k" }], "up 10")).toEqual(["c"]);
    expect(matches([...base, { id: "c", type: "change", unit: "count", to: "k", from: "z" }, { id: "d", type: "change", unit: "count", from: "c", to: "k" }], "up 10")).toEqual(["c"]);
    expect(matches([...base, { id: "c", type: "change", unit: "basis-point", from: "z", to: "k" }], "up 1,000 basis points")).toEqual(["c"]);
  });

  it("leaves out of the required facts a change that rounds to zero, at its decimals", () => {
    const missing = (fact: VerifierFact) => run([fact], [md(`${front()}none\n`)]).diagnostics.map((d) => d.rule);
    expect(missing({ id: "c", type: "change", unit: "percent", value: 0.04 })).toEqual([]);
    expect(missing({ id: "c", type: "change", unit: "percent", value: 0.06 })).toEqual(["verify/missing-fact"]);
    expect(missing({ id: "c", type: "change", unit: "percent", value: 0.4, decimals: 0 })).toEqual([]);
    expect(missing({ id: "c", type: "change", unit: "count", value: 0.4 })).toEqual([]);
    expect(missing({ id: "c", type: "change", unit: "count", value: 0.6 })).toEqual(["verify/missing-fact"]);
    expect(missing({ id: "c", type: "change", unit: "percent", value: 10.4 })).toEqual(["verify/missing-fact"]);
    expect(missing({ id: "c", type: "count", value: 0 })).toEqual(["verify/missing-fact"]);
  });
});

describe("matching", () => {
  const match = (facts: VerifierFact[], text: string) => readFigures(text, "en").map((f) => factMatcher({ editorial: { date: DATE }, facts })(f));

  it("takes a bare four-digit number for a year or a count, and nothing else", () => {
    expect(match([{ id: "y", type: "year", value: 1800 }], "1800")).toEqual(["y"]);
    expect(match([{ id: "c", type: "count", value: 2020 }], "2020")).toEqual(["c"]);
    expect(match([{ id: "y", type: "year", value: 1800 }], "+1800")).toEqual([undefined]);
    expect(match([{ id: "y", type: "year", value: 2020 }], "2020 MW")).toEqual([undefined]);
    expect(match([{ id: "y", type: "year", value: 2000 }], "2 thousand")).toEqual([undefined]);
    expect(match([{ id: "y", type: "year", value: 1800.5 }], "1800.5")).toEqual([undefined]);
    expect(match([{ id: "y", type: "percent", value: 2020 }], "2020")).toEqual([undefined]);
    expect(match([{ id: "y", type: "year", value: 2020 }], "2020 MW")).toEqual([undefined]);
    expect(match([{ id: "c", type: "count", value: 20 }], "20%")).toEqual([undefined]);
  });

  it("matches a range, a period and a value only when every part agrees", () => {
    expect(match([{ id: "r", type: "year-range", value: [2020, 2022] }], "2020-2022 2020-2023 2021-2022")).toEqual(["r", undefined, undefined]);
    expect(match([{ id: "q", type: "quarter", value: "2024-Q1" }], "Q1 2024 Q2 2024")).toEqual(["q", undefined]);
    expect(match([{ id: "d", type: "duration", value: "P3Y" }, { id: "n", type: "count", value: 3 }], "three years")).toEqual(["d"]);
  });

  it("allows half a step of rounding, and no more", () => {
    const facts: VerifierFact[] = [{ id: "m", type: "money", currency: "EUR", value: 1_250_000 }];
    expect(match(facts, "€1.3 million €1.2 million €1.25 million")).toEqual(["m", "m", "m"]);
    expect(match(facts, "€1.1 million")).toEqual([undefined]);
    // any other figure is shown at most at its fact's precision: 12.35 with two decimals is never 12.4 %
    expect(match([{ id: "p", type: "percent", value: 12.35, decimals: 2 }], "12.35% 12.34% 12.4%")).toEqual(["p", undefined, undefined]);
    expect(match([{ id: "p", type: "percent", value: 12.35 }], "12.4% 12.2%")).toEqual(["p", undefined]);
  });

  it("prefers the fact known at the step shown, then a change for a signed figure", () => {
    const facts: VerifierFact[] = [
      { id: "rough", type: "percent", value: 12, decimals: 0 },
      { id: "fine", type: "percent", value: 12.04, decimals: 2 },
      { id: "plain", type: "percent", value: 12.0 },
    ];
    expect(match(facts, "12.04%")).toEqual(["fine"]);
    expect(match([{ id: "a", type: "percent", value: 12 }, { id: "b", type: "percent", value: 12.001 }], "12.00% 12%")).toEqual(["b", "a"]);
    expect(match([{ id: "a", type: "percent", value: 3 }, { id: "c", type: "change", unit: "percent", value: 3 }], "+3% 3%")).toEqual(["c", "a"]);
    expect(match([{ id: "m", type: "money", currency: "EUR", value: -3e6 }, { id: "c", type: "change", unit: "money", value: -3e6 }], "a loss of €3 million")).toEqual(["m"]);
    expect(match([{ id: "a", type: "count", value: 5 }, { id: "b", type: "count", value: 5 }], "5")).toEqual(["a"]);
  });

  it("says a figure finer than its fact is false precision, and one as fine is not", () => {
    const rules = (facts: VerifierFact[], text: string) => run(facts, [md(`${front()}${text}\n`)]).diagnostics.map((d) => d.rule);
    expect(rules([{ id: "p", type: "percent", value: 12, decimals: 0, required: false }], "12.0%")).toEqual(["verify/false-precision"]);
    expect(rules([{ id: "p", type: "percent", value: 12, decimals: 1 }], "12.0%")).toEqual([]);
    expect(rules([{ id: "m", type: "money", currency: "EUR", value: 1e6, precision: 1e6, required: false }], "€1.0 million")).toEqual(["verify/false-precision"]);
    expect(rules([{ id: "m", type: "money", currency: "EUR", value: 1e6 }], "€1.0 million")).toEqual([]);
    expect(rules([{ id: "m", type: "money", currency: "EUR", value: 1e6, precision: 1e6 }], "€1 million")).toEqual([]);
  });

  it("names the hedge a figure lacks or adds", () => {
    const message = (approx: boolean, text: string) => run([{ id: "n", type: "count", value: 7, approx }], [md(`${front()}${text}\n`)]).diagnostics[0]?.message;
    expect(message(true, "7")).toBe("7 must be hedged: fact `n` is approximate in body");
    expect(message(false, "about 7")).toBe("7 is hedged, but fact `n` is exact in body");
    expect(message(true, "about 7")).toBeUndefined();
  });

  it("prefers the fact hedged or bounded as the figure is", () => {
    const facts: VerifierFact[] = [{ id: "a", type: "count", value: 5, required: false }, { id: "b", type: "count", value: 5, approx: true, required: false }];
    expect(match(facts, "about 5 5")).toEqual(["b", "a"]);
    expect(run(facts, [md(`${front()}about 5 and 5\n`)]).diagnostics).toEqual([]);
  });

  it("names a tie between two dates", () => {
    const facts: VerifierFact[] = [{ id: "a", type: "date", value: "2024-05-01" }, { id: "b", type: "date", value: "2024-05-01", required: false }];
    expect(run(facts, [md(`${front()}1 May 2024\n`)]).diagnostics.map((d) => d.rule)).toEqual(["verify/ambiguous-figure"]);
  });

  it("names every fact of a tie", () => {
    const { diagnostics, figures } = run([{ id: "a", type: "count", value: 5 }, { id: "b", type: "count", value: 5 }], [md(`${front()}5\n`)]);
    expect(short(diagnostics)).toEqual([["verify/ambiguous-figure", 6, 1, undefined, "5"], ["verify/missing-fact", 0, 0, "5 (count)", undefined]]);
    expect(diagnostics[0]?.message).toBe("5 matches facts `a`, `b` equally well in body; it is counted as `a`");
    expect(figures.map((f) => f.factId)).toEqual(["a"]);
  });
});

describe("feeds and the manifest", () => {
  const facts: VerifierFact[] = [{ id: "n", type: "count", value: 7 }];
  const articles = new Map([["s", article(facts)]]);
  const item = feedItem;
  const feed = feedOf;
  const verify = (files: Record<string, string>) => verifyCmsOutputs("out", new Map(Object.entries(files)), articles);

  it("verifies each item's title, summary and body, each at its own line", () => {
    const text = feed(item({}), item({ id: "s-en-2", title: "Item: 8", summary: "9 things", content_html: "<p>7</p>\n<p>6</p>" }));
    const result = verify({ "feed.en.json": text });
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;
    expect(result.diagnostics.map((d) => [d.file, d.line, d.column, d.actual, d.message])).toEqual([
      ["out/feed.en.json", lineOf('"Item: 8"'), 1, "8", "8 matches no fact of the dataset in the page (feed item `s-en-2`)"],
      ["out/feed.en.json", lineOf('"9 things"'), 1, "9", "9 matches no fact of the dataset in meta description (feed item `s-en-2`)"],
      ["out/feed.en.json", lineOf("<p>6</p>"), 1, "6", "6 matches no fact of the dataset in the page (feed item `s-en-2`)"],
    ]);
    expect(result.figures.get("s")?.map((f) => [f.line, f.text])).toEqual([
      [lineOf('"Item: 7"'), "7"], [lineOf('"7 things"'), "7"], [lineOf('"<p>7</p>"'), "7"], [lineOf("<p>7</p>\\n"), "7"],
    ]);
  });

  it("says when a feed is not JSON, has no items, or an item lacks a field or has another date", () => {
    expect(verify({ "feed.fr.json": "{" }).diagnostics.map((d) => [d.rule, d.file])).toEqual([["verify/json", "out/feed.fr.json"]]);
    expect(verify({ "feed.nl.json": "{}" }).diagnostics.map((d) => [d.rule, d.file, d.message])).toEqual([["verify/feed", "out/feed.nl.json", "the feed has no `items` list"]]);
    const fields = feed(item({}), item({ id: "bad", summary: 3 }));
    expect(verify({ "feed.en.json": fields }).diagnostics.map((d) => [d.line, d.message])).toEqual([
      [fields.split("\n").findIndex((l) => l.includes('"bad"')) + 1, "item `bad` needs title, summary and content_html, and _newsbrief.locale en"],
    ]);
    expect(verify({ "feed.en.json": feed(item({ _newsbrief: { slug: "s", locale: "fr" } })) }).diagnostics.map((d) => d.rule)).toEqual(["verify/feed"]);
    expect(verify({ "feed.en.json": feed(item({ content_html: undefined })) }).diagnostics.map((d) => d.rule)).toEqual(["verify/feed"]);
    expect(verify({ "feed.en.json": feed(item({ title: undefined })) }).diagnostics.map((d) => d.rule)).toEqual(["verify/feed"]);
    const late = feed(item({ date_published: "2025-03-29T00:00:00Z" }));
    expect(verify({ "feed.en.json": late }).diagnostics.map((d) => [d.line, d.expected, d.actual, d.message])).toEqual([
      [late.split("\n").findIndex((l) => l.includes("date_published")) + 1, `${DATE}T00:00:00Z`, "2025-03-29T00:00:00Z", "date_published of `s-en` is not the editorial date"],
    ]);
  });

  it("leaves alone items of other articles, or of none", () => {
    const text = feed(null, item({ _newsbrief: { slug: "other", locale: "en" }, title: "9" }), item({ _newsbrief: undefined, title: "9" }));
    expect(verify({ "feed.en.json": text })).toEqual({ figures: new Map(), diagnostics: [] });
  });

  it("verifies every title of the manifest, at its line, without asking for every fact", () => {
    const manifest = JSON.stringify({
      articles: [
        null,
        { slug: "other", briefs: [{ locale: "en", title: "9" }] },
        { slug: "s", briefs: [null, { locale: "en", title: "Item: 7" }, { locale: "fr", title: "Titre : 8" }, { locale: "xx", title: "9" }, { locale: "en", title: 5 }] },
        { slug: "s" },
      ],
    }, null, 2);
    const result = verify({ "manifest.json": manifest });
    const lineOf = (needle: string) => manifest.slice(0, manifest.indexOf(needle)).split("\n").length;
    // The column of the title's text in its line of the manifest.
    const columnOf = (needle: string) => manifest.split("\n")[lineOf(needle) - 1]!.indexOf(`"${needle}`) + 1;
    expect(result.diagnostics.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      ["out/manifest.json", lineOf("Titre"), columnOf("Titre"), "8 matches no fact of the dataset in the page (manifest title (fr))"],
    ]);
    expect(result.figures.get("s")?.map((f) => [f.file, f.line, f.text, f.factId])).toEqual([["out/manifest.json", lineOf("Item: 7"), "7", "n"]]);
    expect(verify({ "manifest.json": "[" }).diagnostics.map((d) => d.rule)).toEqual(["verify/json"]);
    expect(verify({ "manifest.json": "{}" }).diagnostics).toEqual([]);
  });

  it("escapes the texts it wraps in a page", () => {
    const text = feed(item({ title: "a < b & \"c\" > 7", summary: "\"7\" & <x>" }));
    expect(verify({ "feed.en.json": text }).diagnostics).toEqual([]);
  });
});

describe("origins", () => {
  it("reads a template whole, even when it looks like YAML, and finds a text at the start of a line", () => {
    const origins = new Origins([{ file: "t.hbs", kind: "template", text: "a: [\n{{x}} 7\nnine" }]);
    expect(origins.find(["{{x}} 7"], "en")).toEqual({ file: "t.hbs", line: 2, column: 1 });
    expect(origins.find(["nine"], "en")).toEqual({ file: "t.hbs", line: 3, column: 1 });
  });

  it("passes over a blank needle", () => {
    const origins = new Origins([{ file: "t.hbs", kind: "template", text: "a  b\nnine" }]);
    expect(origins.find(["  ", "nine"], "en")).toEqual({ file: "t.hbs", line: 2, column: 1 });
  });

  it("looks in the texts of the output's locale first, by file or by key", () => {
    const origins = new Origins([
      { file: "fr.yaml", kind: "locale", locale: "fr", text: "k: seven 7" },
      { file: "en.yaml", kind: "locale", locale: "en", text: "k: seven 7" },
      { file: "f.yaml", kind: "facts", text: "story:\n  n: 77\n  title:\n    fr: sept 77\n    en: seven 77\n" },
    ]);
    expect(origins.find(["seven 7"], "en")).toEqual({ file: "en.yaml", line: 1, column: 4 });
    expect(origins.find(["seven 7"], "fr")).toEqual({ file: "fr.yaml", line: 1, column: 4 });
    expect(origins.find(["77"], "en")).toEqual({ file: "f.yaml", line: 5, column: 15 });
    expect(origins.find(["77"], "fr")).toEqual({ file: "f.yaml", line: 4, column: 14 });
    expect(origins.find(["77"], "nl")).toEqual({ file: "f.yaml", line: 4, column: 14 });
  });

  it("reads a facts file with a repeated key", () => {
    const origins = new Origins([{ file: "f.yaml", kind: "facts", text: "story:\n  title: { en: one }\nstory:\n  lede: { en: nine 9 }\n" }]);
    expect(origins.find(["nine 9"], "en")?.line).toBe(4);
  });
});
