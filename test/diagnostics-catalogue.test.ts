/**
 * The catalogue of diagnostics is the one place rules are worded: no call
 * site writes a rule id, the catalogue is a leaf, and docs/diagnostics.md is
 * what `npm run docs:diagnostics` generates from it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../src/diagnostics/catalogue.ts";
import { diagnose, phrase } from "../src/diagnostics/report.ts";
import { DIAGNOSTICS_PAGE, diagnosticsPage } from "../scripts/docs-diagnostics.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const SRC = path.join(ROOT, "src");
const CATALOGUE_FILE = path.join(SRC, "diagnostics", "catalogue.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.[jt]s$/.test(entry.name) ? [full] : [];
  });
}

describe("the catalogue of diagnostics", () => {
  it("no rule id is written at a call site: every one comes from the catalogue", () => {
    const found = sourceFiles(SRC)
      .filter((file) => file !== CATALOGUE_FILE)
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, i) => (line.includes('rule: "') ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it("is a leaf: it imports nothing but types of the diagnostics and the boundary", () => {
    const imports = readFileSync(CATALOGUE_FILE, "utf8").split("\n").filter((line) => /^\s*(import|export .* from)\b/.test(line));
    for (const line of imports) expect(line).toMatch(/^import type .* from "(\.\/diagnostic\.ts|\.\.\/diagnostics\/diagnostic\.ts|\.\.\/types\.ts)";$/);
  });

  it("keys every entry by its rule id, with a title", () => {
    for (const [key, entry] of Object.entries(CATALOGUE)) {
      expect(entry.rule).toBe(key);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(/^[a-z-]+\/[a-z-]+$/.test(key) || "ruleFor" in entry, `${key} is a family without ruleFor`).toBe(true);
    }
  });

  it("builds a diagnostic from an entry, its values and a position", () => {
    expect(diagnose(CATALOGUE["out/orphan"], {}, { file: "out/x.md" })).toEqual({
      file: "out/x.md",
      line: 0,
      column: 0,
      severity: "error",
      rule: "out/orphan",
      message: "no article produces this file any more: run `newsbrief build` to remove it (a file added to out/ by hand: delete it, or run `newsbrief build --no-cache`, which writes out/ anew)",
    });
    expect(diagnose(CATALOGUE["config/missing-file"], {}, { file: "templates/page.html.hbs" }).usage).toBe(true);
    expect(diagnose(CATALOGUE["content/empty"], {}, { file: "content" }).severity).toBe("warning");
    expect(diagnose(CATALOGUE["content/missing-file"], { file: "a" }, { file: "a", usage: true }).usage).toBe(true);
    expect(phrase(CATALOGUE["<schema>/unknown-key"], { schema: "front-matter", key: "x" })).toEqual({ rule: "front-matter/unknown-key", message: "unknown field `x`" });
    expect(phrase(CATALOGUE["yaml/<parser-code>"], { code: "DUPLICATE_KEY", text: "dup" }).rule).toBe("yaml/duplicate-key");
    expect(phrase(CATALOGUE["yaml/<parser-code>"], { code: "BAD_INDENT", text: "bad" }).rule).toBe("yaml/syntax");
  });

  it("docs/diagnostics.md is what `npm run docs:diagnostics` generates", () => {
    expect(readFileSync(DIAGNOSTICS_PAGE, "utf8")).toBe(diagnosticsPage());
  });
});
