import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderInMemory, ROOT, SLUG } from "./support/fixtures.ts";

describe("the committed out/", () => {
  it("is byte for byte what a build of the bundled content writes", async () => {
    const result = await renderInMemory();
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual(
      [...["en.html", "en.md", "fr.html", "fr.md", "nl.html", "nl.md"].map((name) => `${SLUG}/${name}`), "feed.en.json", "feed.fr.json", "feed.nl.json", "manifest.json"],
    );
    for (const file of result.files) {
      const committed = await readFile(path.join(ROOT, "out", file.path), "utf8");
      expect(committed, file.path).toBe(file.contents);
    }
  });

  it("is deterministic: two renders give identical files", async () => {
    const [a, b] = [await renderInMemory(), await renderInMemory()];
    expect(b.files).toEqual(a.files);
  });

  it("holds no timestamps or machine paths", async () => {
    const { files } = await renderInMemory();
    for (const file of files) {
      expect(file.contents).not.toContain(ROOT);
      // A feed's date_published is the editorial date (RFC 3339 wants a time): midnight UTC, never the build's time.
      expect(file.contents.replace(/"date_published": "\d{4}-\d{2}-\d{2}T00:00:00Z"/g, "")).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(file.contents, `${file.path} ends with exactly one newline`).toMatch(/[^\n]\n$/);
      expect(file.contents).not.toContain("\r");
    }
  });
});
