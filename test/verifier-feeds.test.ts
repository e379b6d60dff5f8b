/**
 * The verification of the JSON feeds and the manifest at its edges: the line an item's problem is
 * put at when its id or a key cannot be found, a required fact missing from an item, the reason a
 * file is not JSON, and the escaping of the texts wrapped into a page. Lines are counted by hand
 * from the JSON under test.
 */
import { describe, expect, it } from "vitest";
import type { VerifierFact } from "../src/verify/facts.ts";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { arraySlices, cmsPartHashes, verifyCmsOutputs } from "../src/verify/feeds.ts";
import type { VerifyArticle } from "../src/verify/verify.ts";
import { article, DATE, feedItem, feedOf } from "./support/verifier.ts";

const facts: VerifierFact[] = [{ id: "n", type: "count", value: 7 }];
const articles = new Map<string, VerifyArticle>([["s", article(facts)]]);
const item = feedItem;
const feed = feedOf;
const verify = (files: Record<string, string>) => verifyCmsOutputs("out", new Map(Object.entries(files)), articles);
/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) => {
  const at = text.indexOf(needle);
  expect(at, needle).not.toBe(-1);
  return text.slice(0, at).split("\n").length;
};

describe("the lines of a feed's diagnostics", () => {
  it("puts an item without a string id at the line of the item before it", () => {
    const text = feed(item({}), item({ id: 5, summary: 3 }));
    expect(verify({ "feed.en.json": text }).diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [lineOf(text, '"s-en"'), 1, "item `5` needs title, summary and content_html, and _newsbrief.locale en"],
    ]);
  });

  it("puts a date that is not there at the item's id", () => {
    const text = feed(item({}), item({ id: "two", date_published: undefined }));
    expect(verify({ "feed.en.json": text }).diagnostics.map((d) => [d.line, d.expected, d.actual, d.message])).toEqual([
      [lineOf(text, '"two"'), `${DATE}T00:00:00Z`, "undefined", "date_published of `two` is not the editorial date"],
    ]);
  });

  it("puts a required fact missing from an item at the item's body", () => {
    const text = feed(item({}), item({ id: "none", title: "Item", summary: "things", content_html: "<p>none</p>" }));
    expect(verify({ "feed.en.json": text }).diagnostics.map((d) => [d.rule, d.file, d.line, d.column, d.message, d.expected])).toEqual([
      [
        "verify/missing-fact",
        "out/feed.en.json",
        lineOf(text, '"<p>none</p>"'),
        1,
        "fact `n` must appear in every brief but is missing from this en page (feed item `none`)",
        "7 (count)",
      ],
    ]);
  });

  it("gives the parser's reason when a file is not JSON", () => {
    const [feedError] = verify({ "feed.fr.json": "{" }).diagnostics;
    const [manifestError] = verify({ "manifest.json": "[" }).diagnostics;
    const reason = (text: string) => {
      try {
        JSON.parse(text);
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect([feedError?.message, manifestError?.message]).toEqual([`not valid JSON: ${reason("{")}`, `not valid JSON: ${reason("[")}`]);
    expect([feedError?.file, manifestError?.file]).toEqual(["out/feed.fr.json", "out/manifest.json"]);
  });
});

describe("the lines of the manifest's diagnostics", () => {
  it("looks for each title after the one before, and puts a title written otherwise at line 1", () => {
    // written by hand: the third title escapes its é, so it is not found as JSON.stringify writes it
    const manifest = [
      "{",
      '  "articles": [',
      '    { "slug": "s", "briefs": [',
      '      { "locale": "en", "title": "A 8" },',
      '      { "locale": "fr", "title": "B 9" }',
      "    ] },",
      '    { "slug": "s", "briefs": [',
      '      { "locale": "nl", "title": "\\u00e9 6" },',
      '      { "locale": "en", "title": "A 8" }',
      "    ] }",
      "  ]",
      "}",
    ].join("\n");
    expect(verify({ "manifest.json": manifest }).diagnostics.map((d) => [d.actual, d.line, d.message])).toEqual([
      ["8", 4, "8 matches no fact of the dataset in the page (manifest title (en))"],
      ["9", 5, "9 matches no fact of the dataset in the page (manifest title (fr))"],
      ["6", 1, "6 matches no fact of the dataset in the page (manifest title (nl))"],
      ["8", 9, "8 matches no fact of the dataset in the page (manifest title (en))"],
    ]);
  });

  it("puts a title written like the one before it at its own entry's line and column", () => {
    // #2 and #3 repeat the title of #1, each in an entry of its own.
    const entry = '    { "slug": "s", "briefs": [{ "locale": "en", "title": "A 8" }] }';
    const manifest = ["{", '  "articles": [', `${entry},`, `${entry},`, entry, "  ]", "}"].join("\n");
    const column = entry.indexOf('"A 8"') + 1;
    expect(verify({ "manifest.json": manifest }).diagnostics.map((d) => [d.actual, d.line, d.column])).toEqual([
      ["8", 3, column],
      ["8", 4, column],
      ["8", 5, column],
    ]);
    // An entry left alone (its article is not verified) still comes before the next one.
    const other = entry.replace('"slug": "s"', '"slug": "t"');
    const afterOther = ["{", '  "articles": [', `${other},`, entry, "  ]", "}"].join("\n");
    expect(verify({ "manifest.json": afterOther }).diagnostics.map((d) => [d.actual, d.line, d.column])).toEqual([["8", 4, column]]);
  });
});

describe("the texts of a feed item, wrapped into a page", () => {
  it("escapes an ampersand, so that an entity written in a text is read as written", () => {
    // "&#55;" written in a summary is the digits 55, not the figure 7
    const text = feed(item({ summary: "&#55; things" }));
    expect(verify({ "feed.en.json": text }).diagnostics.map((d) => [d.rule, d.actual, d.line])).toEqual([
      ["verify/unmatched-figure", "55", lineOf(text, '"&#55; things"')],
    ]);
  });

  it("keeps every escaped character, so that no two figures are glued together", () => {
    for (const c of ["&", "<", ">", '"']) {
      const text = feed(item({ title: `Item: 7${c}6`, summary: `7${c}6 things` }));
      expect(verify({ "feed.en.json": text }).diagnostics.map((d) => [d.actual, d.line]), c).toEqual([
        ["6", lineOf(text, '"Item: 7')],
        ["6", lineOf(text, '"summary"')],
      ]);
    }
  });

  it("escapes quotes and brackets, so that a title is no markup and a summary stays whole in its meta", () => {
    // unescaped, the title would close itself and open a script that swallows the rest of the page
    const text = feed(item({ title: "</title><script>7", summary: "\"a\" <b> 7 > 6" }));
    const result = verify({ "feed.en.json": text });
    expect(result.diagnostics.map((d) => [d.actual, d.line, d.message])).toEqual([
      ["6", lineOf(text, '"\\"a\\"'), "6 matches no fact of the dataset in meta description (feed item `s-en`)"],
    ]);
    expect(result.figures.get("s")?.map((f) => [f.text, f.line])).toEqual([
      ["7", lineOf(text, '"</title><script>7"')],
      ["7", lineOf(text, '"\\"a\\"')],
      ["7", lineOf(text, '"<p>7</p>"')],
    ]);
  });
});

describe("each article's part of a feed or the manifest on disk", () => {
  /** The parts as the whole document parsed at once says them: what the part-by-part reading must agree with. */
  function wholeParse(relative: string, text: string): Map<string, string> {
    const hashes = new Map<string, string>();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return hashes;
    }
    const manifest = relative === "manifest.json";
    const parts = (data as Record<string, unknown> | null)?.[manifest ? "articles" : "items"];
    if (!Array.isArray(parts)) return hashes;
    for (const part of parts as unknown[]) {
      const record = (part ?? {}) as Record<string, unknown>;
      const slug = manifest ? record.slug : ((record._newsbrief ?? {}) as Record<string, unknown>).slug;
      if (typeof slug !== "string") continue;
      hashes.set(slug, hashes.has(slug) ? "" : createHash("sha256").update(JSON.stringify(part)).digest("base64"));
    }
    return hashes;
  }

  const item = fc.record({
    id: fc.string(),
    title: fc.string(),
    tags: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant("]}\"{[\\"))),
    _newsbrief: fc.record({ slug: fc.constantFrom("a", "b", "c", "a-b", "l'été") }),
  });
  const spaces = fc.constantFrom("", " ", "\n", "\n  ", "\t", "\r\n");

  it("reads the same parts as the whole document, however the JSON is spaced", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), spaces, spaces, fc.boolean(), (items, a, b, titleAfter) => {
        const list = items.map((i) => JSON.stringify(i, null, a === "" ? undefined : 2)).join(`,${a}`);
        const head = `"version":${a}"https://jsonfeed.org/version/1.1",${b}"title":${a}"Titre [1] {x}"`;
        const text = titleAfter ? `{${b}"items":${a}[${b}${list}${b}],${a}${head}${b}}${a}` : `{${a}${head},${b}"items":[${list}]${b}}\n`;
        // Read part by part, not as one tree.
        const bytes = Buffer.from(text, "utf8");
        expect(arraySlices(bytes, "items")?.map(([start, end]) => JSON.parse(bytes.toString("utf8", start, end)) as unknown)).toEqual(items);
        expect(cmsPartHashes("feed.fr.json", text)).toEqual(wholeParse("feed.fr.json", text));
      }),
    );
  });

  it("agrees with the whole document on broken or unusual texts", () => {
    const ok = JSON.stringify({ _newsbrief: { slug: "a" }, title: 'x "] y' });
    const texts = [
      "",
      "[]",
      "{}",
      `{"items": [${ok}]`,
      `{"items": [${ok}]} trailing`,
      `{"items": [${ok},]}`,
      `{"items": [${ok}], "items": 3}`,
      `{"items": 3, "items": [${ok}]}`,
      `{"items": [${ok}, ${ok}]}`,
      `{"items": [${ok}], "title": "unterminated}`,
      `{"items": [${ok}], "n": 1e3, "t": true, "z": null}`,
      `{"items": [{"_newsbrief": {"slug": "a"}, "x": [1, 2}]}`,
      `{"\\u0069tems": [${ok}]}`,
      `{"articles": [{"slug": "a", "briefs": []}]}`,
    ];
    for (const text of texts) {
      expect(cmsPartHashes("feed.fr.json", text), text).toEqual(wholeParse("feed.fr.json", text));
      expect(cmsPartHashes("manifest.json", text), text).toEqual(wholeParse("manifest.json", text));
      expect(cmsPartHashes("feed.fr.json", Buffer.from(text, "utf8")), text).toEqual(wholeParse("feed.fr.json", text));
    }
  });
});
