import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_ROOT, renderInMemory, ROOT } from "./support/fixtures.ts";

describe("the committed out/", () => {
  // The one test that reads the project's own content/, templates/ and
  // locales/: out/ must be what they build, whatever articles there are.
  it("is byte for byte what a build of the project's content/ writes", async () => {
    const articles = readdirSync(path.join(ROOT, "content"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(articles.length).toBeGreaterThan(0);
    const result = await renderInMemory(ROOT);
    expect(result.diagnostics).toEqual([]);
    const briefs = articles.flatMap((slug) => ["en.html", "en.md", "fr.html", "fr.md", "nl.html", "nl.md"].map((name) => `${slug}/${name}`));
    expect(result.files.map((f) => f.path).sort()).toEqual([...briefs, "feed.en.json", "feed.fr.json", "feed.nl.json", "manifest.json"].sort());
    for (const file of result.files) {
      const committed = await readFile(path.join(ROOT, "out", file.path), "utf8");
      expect(committed, file.path).toBe(file.contents);
    }
    // Nothing in out/ that a build would not write.
    const committedFiles = readdirSync(path.join(ROOT, "out"), { recursive: true, encoding: "utf8" })
      .filter((name) => !statSync(path.join(ROOT, "out", name)).isDirectory())
      .map((name) => name.split(path.sep).join("/"))
      .sort();
    expect(committedFiles).toEqual(result.files.map((f) => f.path).sort());
  });

});

describe("a build of the fixture project", () => {
  it("is deterministic: two renders give identical files", async () => {
    const [a, b] = [await renderInMemory(), await renderInMemory()];
    expect(b.files).toEqual(a.files);
  });

  it("holds no timestamps or machine paths", async () => {
    const { files } = await renderInMemory();
    for (const file of files) {
      expect(file.contents).not.toContain(ROOT);
      expect(file.contents).not.toContain(FIXTURE_ROOT);
      // A feed's date_published is the editorial date (RFC 3339 wants a time): midnight UTC, never the build's time.
      expect(file.contents.replace(/"date_published": "\d{4}-\d{2}-\d{2}T00:00:00Z"/g, "")).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(file.contents, `${file.path} ends with exactly one newline`).toMatch(/[^\n]\n$/);
      expect(file.contents).not.toContain("\r");
    }
  });
});
