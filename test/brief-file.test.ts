/**
 * The brief-file writer: its quick path writes the front matter byte for byte
 * as the YAML writer does in the project's style, and reads back the same.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { readBriefFile, writeBriefFile } from "../src/plan/brief-file.ts";

const STYLE = { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" } as const;

const byYamlWriter = (frontMatter: Record<string, unknown>, body: string) => `---\n${stringify(frontMatter, STYLE)}---\n\n${body}`;

describe("writeBriefFile", () => {
  it("writes a brief's front matter as the YAML writer does", () => {
    const frontMatter = {
      title: "Inflation\u00a0: 2,38\u00a0% en novembre 2026",
      description: `Selon Statbel, « l’inflation » s’est établie à 2,38\u00a0% ${"et encore ".repeat(20)}`,
      lang: "fr",
      tags: ["économie", "prix"],
      source: { title: 'Le "titre" \\ source', url: null, publisher: "Statbel", lang: "fr" },
      inputHash: "sha256:00",
    };
    const written = writeBriefFile(frontMatter, "# Titre\n");
    expect(written).toBe(byYamlWriter(frontMatter, "# Titre\n"));
    expect(written).toContain('  - "économie"\n');
    const read = readBriefFile(written);
    expect(read).toEqual({ frontMatter, body: "# Titre\n" });
  });

  it("agrees with the YAML writer on any front matter", () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "é", " ", "\u00a0", '"', "\\", "'", ":", "#", "-", "\n", "\t", "\u0000", "\u0085", "\u2028", "\ud83d", "😀", "---", "..."), maxLength: 120 }),
      fc.constantFrom("null", "true", "1.5", "", "---", "- a", "# b", "a: b", " lead", "trail ", "x".repeat(200)),
    );
    const key = fc.constantFrom("title", "description", "lang", "tags", "source", "url", "null", "True", "a-b", "x y", "1", "_a");
    const scalar = fc.oneof(text, fc.constant(null));
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, scalar, { maxKeys: 3 }), fc.integer(), fc.boolean());
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), (frontMatter) => {
        expect(writeBriefFile(frontMatter, "body\n")).toBe(byYamlWriter(frontMatter, "body\n"));
      }),
      { numRuns: 2000 },
    );
  });
});
