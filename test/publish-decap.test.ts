/**
 * `newsbrief publish --to decap` and `newsbrief cms-config decap`: the files
 * land exactly where the printed config.yml says Decap CMS looks for them,
 * with every field of the collection in their front matter.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALES } from "../src/content/schema.ts";
import { cleanupProjects, makeProject, runCli, snapshotTree, SLUG } from "./support/project.ts";

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  cleanupProjects();
});

interface Field {
  name: string;
  widget: string;
  i18n?: boolean | string;
}
interface Collection {
  name: string;
  folder: string;
  extension: string;
  i18n: { structure: string; locales: string[]; default_locale: string };
  fields: Field[];
}

/** Where Decap CMS reads an entry of a folder collection, per its i18n structure. */
function decapPath(collection: Collection, slug: string, locale: string): string {
  const { structure } = collection.i18n;
  if (structure === "multiple_files") return `${collection.folder}/${slug}.${locale}.${collection.extension}`;
  if (structure === "multiple_folders") return `${collection.folder}/${locale}/${slug}.${collection.extension}`;
  throw new Error(`unexpected structure ${structure}`);
}

describe("publish --to decap", () => {
  for (const layout of ["multiple_files", "multiple_folders"]) {
    it(`${layout}: writes the files the printed config.yml describes`, async () => {
      const project = await makeProject();
      const printed = await runCli(["cms-config", "decap", "--layout", layout], project.root);
      expect(printed.code, printed.stderr).toBe(0);
      const config = parse(printed.stdout) as { i18n: Collection["i18n"]; collections: Collection[] };
      expect(config.i18n).toEqual({ structure: layout, locales: ["fr", "nl", "en"], default_locale: "fr" });
      const [collection] = config.collections;
      expect(collection!.i18n).toEqual(config.i18n);

      const site = mkdtempSync(path.join(tmpdir(), "newsbrief-decap-"));
      temporary.push(site);
      const run = await runCli(["publish", "--to", "decap", "--layout", layout, site], project.root);
      expect(run.code, run.stderr).toBe(0);
      const expected = LOCALES.map((l) => decapPath(collection!, SLUG, l)).sort();
      expect([...snapshotTree(site).keys()].sort()).toEqual(expected);

      const byField = new Map(collection!.fields.map((f) => [f.name, f]));
      for (const locale of LOCALES) {
        const text = readFileSync(path.join(site, decapPath(collection!, SLUG, locale)), "utf8");
        const end = text.indexOf("\n---\n\n");
        const front = parse(text.slice(4, end + 1)) as Record<string, unknown>;
        // Every key written is a field of the collection, and every field but the body is written.
        expect(Object.keys(front).sort()).toEqual([...byField.keys()].filter((n) => n !== "body").sort());
        expect(text.slice(end + 6).length).toBeGreaterThan(100);
        expect(front.newsbrief).toBe(true);
        expect(byField.get("newsbrief")!.widget).toBe("hidden");
      }
      // Texts are translated, shared values duplicated from the default locale.
      expect(collection!.fields.filter((f) => f.i18n === true).map((f) => f.name)).toEqual(["title", "description", "body"]);
      expect(collection!.fields.filter((f) => f.i18n === "duplicate").map((f) => f.name)).toEqual(["date", "draft", "slug", "translationKey", "tags", "newsbrief"]);
    });
  }

  it("cms-config refuses an unknown CMS or layout (exit 2)", async () => {
    const project = await makeProject();
    expect((await runCli(["cms-config", "strapi"], project.root)).code).toBe(2);
    expect((await runCli(["cms-config", "decap", "--layout", "per-locale-dir"], project.root)).code).toBe(2);
  });
});
