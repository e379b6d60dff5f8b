/**
 * The verifier reads a brief's front matter quickly when it is plain YAML;
 * each field it reads has the same value and the same place as when the YAML
 * parser reads it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsedFrontMatter, plainFrontMatter } from "../src/verify/verify.ts";
import { writeBriefFile } from "../src/plan/brief-file.ts";

const FIELDS = [["title"], ["description"], ["source", "title"], ["lang"], ["date"], ["missing"]];

function both(yaml: string) {
  const quick = plainFrontMatter(yaml);
  const full = parsedFrontMatter(yaml, () => undefined);
  return { quick, full };
}

describe("the verifier's front matter", () => {
  it("places each field of a written brief where the YAML parser places it", () => {
    const written = writeBriefFile({ title: "Inflation\u00a0: 2,38\u00a0%", description: 'Un "résumé"', lang: "fr", date: "2026-11-27", tags: ["a"], source: { title: "L’inflation", url: null, lang: "fr" } }, "body\n");
    const yaml = /^---\n([\s\S]*?)\n---\n/.exec(written)![1]!;
    const { quick, full } = both(yaml);
    expect(quick).toBeDefined();
    for (const path of FIELDS) expect(quick!(path), path.join(".")).toEqual(full(path));
    expect(quick!(["source", "title"])).toEqual({ value: "L’inflation", line: 9, column: 11 });
  });

  it("agrees with the YAML parser on hand-written front matter, or leaves it to the parser", () => {
    const value = fc.constantFrom('"x"', "'y'", "plain text", "null", "12", "", " # c", "{ a: 1 }", "[a]", '"a" # c', "  spaced");
    const key = fc.constantFrom("title", "description", "lang", "date", "other", "titles");
    const inner = fc.array(fc.tuple(fc.constantFrom("title", "url", "lang"), value), { maxLength: 3 });
    const doc = fc.tuple(
      fc.array(fc.tuple(key, value), { maxLength: 5 }),
      fc.oneof(fc.constant(undefined), fc.tuple(fc.constantFrom("  ", "    ", " "), inner), value),
      fc.constantFrom("", "# comment\n", "\n"),
    ).map(([entries, source, lead]) => {
      let text = lead + entries.map(([k, v]) => `${k}:${v === "" ? "" : " "}${v}`).join("\n");
      if (Array.isArray(source)) text += `\nsource:\n${source[1].map(([k, v]) => `${source[0]}${k}: ${v}`).join("\n")}`;
      else if (typeof source === "string") text += `\nsource: ${source}`;
      return text;
    });
    let read = 0;
    fc.assert(
      fc.property(doc, (yaml) => {
        const { quick, full } = both(yaml);
        if (!quick) return;
        read++;
        for (const path of FIELDS) expect(quick(path), `${yaml}\n→ ${path.join(".")}`).toEqual(full(path));
      }),
      { numRuns: 2000 },
    );
    expect(read).toBeGreaterThan(200);
  });
});
