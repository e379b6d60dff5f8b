import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractFigures } from "../src/extract/index.ts";
import { REPO_ROOT, SOURCE } from "./support/project.ts";

/** The (text, value, unit, approx) of each figure, for compact expectations. */
function figures(text: string) {
  return extractFigures(text).map((f) => [f.text, f.value, f.unit, ...(f.approx ? ["~"] : [])]);
}

describe("extractFigures", () => {
  it("returns exact spans and offsets", () => {
    const text = "Elle débloque 1,2\u00a0milliard d’euros en 2025.";
    for (const f of extractFigures(text)) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(figures(text)).toEqual([
      ["1,2\u00a0milliard d’euros", 1200000000, "EUR"],
      ["2025", 2025, "year"],
    ]);
  });

  it("reads the bundled article's figures", () => {
    const text = readFileSync(`${REPO_ROOT}/${SOURCE}`, "utf8");
    const found = figures(text);
    expect(found).toContainEqual(["1,2 milliard d’euros", 1200000000, "EUR"]);
    expect(found).toContainEqual(["1.232.726.898 euros", 1232726898, "EUR"]);
    expect(found).toContainEqual(["544,7 millions d’euros", 544700000, "EUR"]);
    expect(found).toContainEqual(["44,5 millions", 44500000, "EUR"]);
    expect(found).toContainEqual(["2025-2027", [2025, 2027], "year-range"]);
    expect(found).toContainEqual(["entre 2025 et 2027", [2025, 2027], "year-range"]);
    expect(found).toContainEqual(["avril 2025", "2025-04", "month"]);
  });
});
