/**
 * `newsbrief publish --to decap` and `newsbrief cms-config decap`: the files
 * land exactly where the printed config.yml says Decap CMS looks for them,
 * with every field of the collection in their front matter.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALES } from "../src/content/schema.ts";
import { cleanupProjects, FACTS, makeProject, replace, runCli, snapshotTree, SLUG } from "./support/project.ts";

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
      expect(collection!.fields.filter((f) => f.i18n === true).map((f) => f.name)).toEqual(["title", "description", "newsbrief", "newsbriefHash", "body"]);
      expect(collection!.fields.filter((f) => f.i18n === "duplicate").map((f) => f.name)).toEqual(["date", "draft", "slug", "translationKey", "tags"]);
    });
  }

  it("cms-config refuses an unknown CMS or layout (exit 2)", async () => {
    const project = await makeProject();
    expect((await runCli(["cms-config", "strapi"], project.root)).code).toBe(2);
    expect((await runCli(["cms-config", "decap", "--layout", "per-locale-dir"], project.root)).code).toBe(2);
  });

  /** A file's front matter and body. */
  function readEntry(file: string): { front: Record<string, unknown>; body: string } {
    const text = readFileSync(file, "utf8");
    const end = text.indexOf("\n---\n");
    return { front: parse(text.slice(4, end + 1)) as Record<string, unknown>, body: text.slice(end + 5).replace(/^\n/, "") };
  }

  /** Saves an entry as a CMS would: its own YAML style, keys in its own order. */
  function saveEntry(file: string, front: Record<string, unknown>, body: string): void {
    const reordered = Object.fromEntries(Object.entries(front).reverse());
    writeFileSync(file, `---\n${stringify(reordered)}---\n${body}`);
  }

  const targets = [
    { to: "decap", layout: "multiple_files", fileOf: (locale: string) => `content/briefs/${SLUG}.${locale}.md` },
    { to: "hugo", layout: "by-filename", fileOf: (locale: string) => `content/briefs/${SLUG}/index.${locale}.md` },
  ];
  for (const { to, layout, fileOf } of targets) {
    it(`${to}: after a CMS edit, a new publication keeps the edited texts and the shared values agree in the three files`, async () => {
      const project = await makeProject();
      const site = mkdtempSync(path.join(tmpdir(), `newsbrief-${to}-edit-`));
      temporary.push(site);
      const publishIt = () => runCli(["publish", "--to", to, "--layout", layout, site], project.root);
      expect((await publishIt()).code).toBe(0);

      // The French entry is edited in the CMS: a new title and a sentence added; the file is saved in the CMS's style.
      const fr = path.join(site, fileOf("fr"));
      const edited = readEntry(fr);
      saveEntry(fr, { ...edited.front, title: "Titre revu par la rédaction" }, `${edited.body}\nAjouté par la rédaction.\n`);
      // Saving the entry dropped the values marked `i18n: duplicate` from the Dutch file (decap-cms issue 6978).
      const nl = path.join(site, fileOf("nl"));
      const dropped = readEntry(nl);
      for (const key of ["date", "draft", "slug", "translationKey", "tags"]) delete dropped.front[key];
      saveEntry(nl, dropped.front, dropped.body);

      const again = await publishIt();
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain("were edited since newsbrief wrote them");
      const agree = (expected: Record<string, unknown>) => {
        const entries = LOCALES.map((locale) => readEntry(path.join(site, fileOf(locale))));
        for (const entry of entries) {
          expect({ date: entry.front.date, tags: entry.front.tags, translationKey: entry.front.translationKey, slug: entry.front.slug, newsbrief: entry.front.newsbrief }).toEqual(expected);
        }
        return entries;
      };
      const [frAfter] = agree({ date: "2025-03-28", tags: [], translationKey: SLUG, slug: SLUG, newsbrief: true });
      // The hand edit is not clobbered.
      expect(frAfter!.front.title).toBe("Titre revu par la rédaction");
      expect(frAfter!.body).toContain("Ajouté par la rédaction.");

      // The article changes: the new shared values reach the three files, the French edit stays.
      project.apply({ [FACTS]: replace("  template: funding-announcement\n", "  template: funding-announcement\n  tags: [cybersecurity]\n") });
      expect((await runCli(["build"], project.root)).code).toBe(0);
      const changed = await publishIt();
      expect(changed.code, changed.stderr).toBe(0);
      const [frLast, nlLast, enLast] = agree({ date: "2025-03-28", tags: ["cybersecurity"], translationKey: SLUG, slug: SLUG, newsbrief: true });
      expect(frLast!.front.title).toBe("Titre revu par la rédaction");
      expect(frLast!.body).toContain("Ajouté par la rédaction.");
      expect(nlLast!.front.title).toBe(dropped.front.title);
      expect(enLast!.body.length).toBeGreaterThan(100);

      // Deleting an edited file has newsbrief write it whole again.
      rmSync(fr);
      expect((await publishIt()).code).toBe(0);
      expect(readEntry(fr).front.title).not.toBe("Titre revu par la rédaction");
    });
  }
});
