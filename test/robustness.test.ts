import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFacts, parseSource } from "../src/content/load.ts";
import { createMarked, escapeMarkdown } from "../src/render/markdown.ts";
import { sanitizeBody } from "../src/render/brief.ts";
import { readFigures } from "../src/verify/reader.ts";
import { verifyArticle } from "../src/verify/verify.ts";
import { bundledArticle, fixtureFile, renderInMemory, SLUG } from "./support/fixtures.ts";

const FACTS = fixtureFile(`content/${SLUG}/facts.yaml`);
const SOURCE = fixtureFile(`content/${SLUG}/source.fr.md`);
const YAML_NOISE = [":", "-", "&a", "*a", "<<", "!!js/function", "!x", "{", "}", "[", "]", "'", '"', "\n", "  ", "\t", "#", "|", ">", "%", "@", "`", "~", ".nan", ".inf", "1e400", "__proto__", "\0", "\u00a0"];

/** An edit to a text: delete a slice, insert noise, or duplicate a line. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...YAML_NOISE), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
);

type Edit = { kind: "delete"; at: number; length: number } | { kind: "insert"; at: number; text: string } | { kind: "duplicate"; at: number };

function mutate(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of edits) {
    const at = edit.at % (out.length + 1);
    if (edit.kind === "delete") out = out.slice(0, at) + out.slice(at + edit.length);
    else if (edit.kind === "insert") out = out.slice(0, at) + edit.text + out.slice(at);
    else {
      const start = out.lastIndexOf("\n", at - 1) + 1;
      const end = out.indexOf("\n", at);
      const line = out.slice(start, end === -1 ? out.length : end + 1);
      out = out.slice(0, start) + line + out.slice(start);
    }
  }
  return out;
}

/**
 * A diagnostic names either the whole file (line 0, column 0) or a position
 * inside `text`: a 1-based line no further than its last line, and a 1-based
 * column no further than just past that line's end. A syntax error always
 * names a position.
 */
function expectPositionInside(d: { rule: string; line: number; column: number }, text: string): void {
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  const what = `${d.rule} at ${d.line}:${d.column}`;
  expect(Number.isInteger(d.line) && Number.isInteger(d.column), what).toBe(true);
  if (d.rule.endsWith("/syntax")) expect(d.line, what).toBeGreaterThanOrEqual(1);
  if (d.line === 0) {
    expect(d.column, what).toBe(0);
    return;
  }
  expect(d.line, what).toBeGreaterThanOrEqual(1);
  expect(d.line, what).toBeLessThanOrEqual(lines.length);
  expect(d.column, what).toBeGreaterThanOrEqual(1);
  expect(d.column, what).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
}

describe("random and mutated inputs give diagnostics, never a crash", () => {
  it("facts.yaml", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (edits) => {
        const text = mutate(FACTS, edits);
        const result = parseFacts(text, "facts.yaml");
        // Either a valid dataset or at least one diagnostic.
        if (!result.value) expect(result.diagnostics.length).toBeGreaterThan(0);
        for (const d of result.diagnostics) {
          expect(d.rule).toMatch(/^[a-z-]+\/[a-z-]+$/);
          expectPositionInside(d, text);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("any text as facts.yaml", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = parseFacts(text, "facts.yaml");
        expect(result.value === undefined ? result.diagnostics.length > 0 : true).toBe(true);
        for (const d of result.diagnostics) expectPositionInside(d, text);
      }),
      { numRuns: 400 },
    );
  });

  it("source.fr.md front matter", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (edits) => {
        const text = mutate(SOURCE, edits);
        const result = parseSource(text, "source.fr.md");
        if (!result.value) expect(result.diagnostics.length).toBeGreaterThan(0);
        for (const d of result.diagnostics) expectPositionInside(d, text);
      }),
      { numRuns: 400 },
    );
  });

  it("the reader, on any text in any locale", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom("fr" as const, "nl" as const, "en" as const), (text, locale) => {
        for (const figure of readFigures(text, locale)) expect(text.slice(figure.start, figure.end)).toBe(figure.text);
      }),
      { numRuns: 500 },
    );
  });

  it("the verifier, on mutated briefs", async () => {
    const article = bundledArticle();
    const subject = { slug: article.slug, facts: article.facts, sourceLang: "fr" as const };
    const { files } = await renderInMemory();
    const output = (name: string) => files.find((f) => f.path === `${SLUG}/${name}`)!.contents;
    const brief = output("fr.md");
    const page = output("en.html");
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        const result = verifyArticle(subject, [
          { file: "fr.md", locale: "fr", format: "markdown", contents: mutate(brief, edits) },
          { file: "en.html", locale: "en", format: "html", contents: mutate(page, edits) },
        ]);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("dataset text is escaped exactly once", () => {
  const marked = createMarked();
  const decode = (html: string) =>
    html
      .replace(/<[^>]+>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  const HOSTILE = ["<script>alert(1)</script>", "\"'&", "javascript:alert(1)", "[x](javascript:alert(1))", "**bold** _em_ `code`", "# heading", "- item", "1. item", "&amp; &lt;", "<img src=x onerror=alert(1)>", "![i](http://x)", "| a | b |", "~~s~~", "\\*", "<!-- c -->", "AT&T"];

  it.each(HOSTILE)("%s shows as itself, as text", (text) => {
    const html = sanitizeBody(marked.parse(`Label: ${escapeMarkdown(text)}`, { async: false }));
    expect(html).not.toMatch(/<(script|img|a|strong|em|code|h\d|li|table|del)\b/);
    expect(decode(html).trim()).toBe(`Label: ${text}`);
  });

  it("for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 60 }), (raw) => {
        const text = raw.replace(/\s+/g, " ").trim();
        fc.pre(text.length > 0 && !/^[=-]+$/.test(text));
        const html = sanitizeBody(marked.parse(`Label: ${escapeMarkdown(text)}`, { async: false }));
        expect(decode(html).trim()).toBe(`Label: ${text}`);
      }),
      { numRuns: 1000 },
    );
  });
});
