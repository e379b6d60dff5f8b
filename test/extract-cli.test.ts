import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lineLocator } from "../src/diagnostics/diagnostic.ts";
import { formatTable } from "../src/extract/document.ts";
import type { ExtractedFigure } from "../src/extract/types.ts";
import { FIXTURE_ROOT, SOURCE, runCli } from "./support/project.ts";

const dir = mkdtempSync(path.join(tmpdir(), "newsbrief-extract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, contents: string | Uint8Array): string {
  writeFileSync(path.join(dir, name), contents);
  return name;
}

describe("newsbrief extract", () => {
  it("prints an aligned table with line:col, text, value, unit and approx", async () => {
    const file = write("note.txt", "Titre\nLe budget atteint près de 1,2 milliard d’euros en 2025.\n");
    const run = await runCli(["extract", file], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "where  text                  value       unit  approx",
        "2:27   1,2 milliard d’euros  1200000000  EUR   approx",
        "2:51   2025                  2025        year",
        "2 figure(s)",
        "",
      ].join("\n"),
    );
  });

  it("prints JSON with offsets into the file as read, front matter left out", async () => {
    const source = "---\ntitle: 3 millions d'euros\n---\r\nIl reste 15 % à payer.\r\n";
    const file = write("with-front-matter.md", `\ufeff${source}`);
    const run = await runCli(["extract", "--json", file], dir);
    expect(run.code).toBe(0);
    const figures = JSON.parse(run.stdout) as ExtractedFigure[];
    const asRead = `\ufeff${source}`;
    expect(figures).toEqual([{ text: "15 %", start: asRead.indexOf("15 %"), end: asRead.indexOf("15 %") + 4, value: 15, unit: "percent" }]);
    expect(run.stdout).toBe(`${JSON.stringify(figures, null, 2)}\n`);
  });

  it("shows a bound and an inferred currency's source in the JSON", async () => {
    const text = "Le budget est de 55 millions €, dont plus de 5 millions pour la culture.\n";
    const file = write("bound.md", text);
    const run = await runCli(["extract", "--json", file], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { text: "55 millions €", start: 17, end: 30, value: 55000000, unit: "EUR" },
      { text: "5 millions", start: 45, end: 55, value: 5000000, unit: "EUR", bound: "more-than", currencySource: "sentence" },
    ]);
  });

  it("reads the bundled article with offsets into the whole file", async () => {
    const run = await runCli(["extract", "--json", SOURCE], FIXTURE_ROOT);
    expect(run.code).toBe(0);
    const figures = JSON.parse(run.stdout) as ExtractedFigure[];
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(path.join(FIXTURE_ROOT, SOURCE), "utf8");
    for (const f of figures) expect(text.slice(f.start, f.end)).toBe(f.text);
    // The front matter's title holds a fourth 1,2 milliard d’euros: it is not reported.
    expect(figures.filter((f) => f.text === "1,2 milliard d’euros")).toHaveLength(3);
    expect(figures.some((f) => f.start < text.indexOf("\n---", 3))).toBe(false);
  });

  it("a missing file is a usage error, exit 2", async () => {
    const run = await runCli(["extract", "missing.md"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing.md  error  `missing.md` is missing  [content/missing-file]");
    expect(run.stdout).toBe("");
  });

  it("invalid UTF-8 is a content error with its byte offset, exit 1", async () => {
    const file = write("latin1.txt", Uint8Array.from([0x31, 0x35, 0x20, 0x25, 0x20, 0xe9, 0x74, 0xe9]));
    const run = await runCli(["extract", file], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("invalid UTF-8 at byte 5");
  });

  it("counts columns in UTF-16 code units from the line start, a BOM not counted", () => {
    expect(lineLocator("\ufeffab 12")(4)).toEqual({ line: 1, column: 4 });
    expect(lineLocator("a\r\nb 12")(5)).toEqual({ line: 2, column: 3 });
  });

  it("tables more figures than a function call takes arguments", () => {
    const count = 500_000;
    const text = "1 ".repeat(count);
    const figures: ExtractedFigure[] = Array.from({ length: count }, (_, i) => ({ text: "1", start: 2 * i, end: 2 * i + 1, value: 1, unit: "count" }));
    const table = formatTable(text, figures).split("\n");
    const last = `1:${2 * count - 1}`;
    const row = (where: string) => [where.padEnd(last.length), "1   ", "1    ", "count"].join("  ");
    expect(table[1]).toBe(row("1:1"));
    expect(table[count]).toBe(row(last));
    expect(table[count + 1]).toBe(`${count} figure(s)`);
  });
});
