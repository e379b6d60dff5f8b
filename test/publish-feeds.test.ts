/**
 * The CMS-ready outputs of every build: a JSON Feed 1.1 per locale and
 * manifest.json. They are checked like every other output (a hand edit
 * fails `check`), their figures are read back like the briefs', an article
 * reused from the build cache still appears in them, and the pages carry
 * complete Open Graph tags.
 */
import { createHash } from "node:crypto";
import { cpSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALES } from "../src/content/schema.ts";
import { projectPaths } from "../src/io/paths.ts";
import { readOutputs } from "../src/io/read.ts";
import { build, check } from "../src/build/pipeline.ts";
import { verifyCmsOutputs } from "../src/verify/feeds.ts";
import { bundledArticle } from "./support/fixtures.ts";
import { cleanupProjects, digestTree, FACTS, makeProject, replace, reported, runCli, snapshotTree, SLUG } from "./support/project.ts";

afterAll(() => cleanupProjects());

interface FeedItem {
  id: string;
  url: string;
  title: string;
  summary: string;
  content_html: string;
  date_published: string;
  _newsbrief: { translationKey: string; locale: string; slug: string };
}
interface Feed {
  version: string;
  title: string;
  language: string;
  items: FeedItem[];
}

const OG_LOCALE = { fr: "fr_BE", nl: "nl_BE", en: "en_GB" } as const;

describe("the JSON feeds", () => {
  it("hold one item per article in the feed's locale, with the page's body and no absolute URL", async () => {
    const project = await makeProject();
    for (const locale of LOCALES) {
      const text = project.read(`out/feed.${locale}.json`);
      const feed = JSON.parse(text) as Feed;
      expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
      expect(feed.language).toBe(locale === "en" ? "en-GB" : `${locale}-BE`);
      expect(feed.title.length).toBeGreaterThan(0);
      expect(feed.items).toHaveLength(1);
      const [item] = feed.items;
      const page = project.read(`out/${SLUG}/${locale}.html`);
      expect(item!.id).toBe(`${SLUG}/${locale}`);
      expect(item!.url).toBe(`${SLUG}/${locale}.html`);
      expect(page).toContain(`<article>\n${item!.content_html}\n</article>`);
      expect(page).toContain(`<title>${item!.title}</title>`);
      expect(item!.date_published).toBe("2025-03-28T00:00:00Z");
      expect(item!._newsbrief).toEqual({ translationKey: SLUG, locale, slug: SLUG });
      expect(text).not.toMatch(/https?:\/\/(?!jsonfeed\.org\/version)/);
    }
  });

  it("fail `check` when edited by hand, with the wrong figure read back from the feed", async () => {
    const project = await makeProject({ "out/feed.nl.json": replace("290,8", "299,8") });
    const run = await runCli(["check"], project.root);
    expect(run.code).toBe(1);
    const rules = reported(run.stderr).map((d) => `${d.at.replace(/:\d+:\d+$/, "")} [${d.rule}]`);
    expect(rules).toEqual(expect.arrayContaining(["out/feed.nl.json [out/stale]", "out/feed.nl.json [verify/unmatched-figure]"]));
  });

  it("are verified by `check` on disk: a feed laid out anew is stale, and its figures are all still verified", async () => {
    const project = await makeProject();
    const clean = await check(projectPaths(project.root));
    expect(clean.diagnostics).toEqual([]);
    // As many figures as a build verifies: briefs, feed items and manifest titles.
    expect(clean.figuresVerified).toBe((await build(projectPaths(project.root), { cache: false })).figuresVerified);
    project.write("out/feed.fr.json", `${JSON.stringify(JSON.parse(project.read("out/feed.fr.json")), null, 4)}\n`);
    const relaid = await check(projectPaths(project.root));
    expect(relaid.diagnostics.map((d) => `${d.file} [${d.rule}]`)).toEqual(["out/feed.fr.json [out/stale]"]);
    expect(relaid.figuresVerified).toBe(clean.figuresVerified);
  });

  it("are verified by `check` on disk: an item that appears twice is verified twice, a wrong figure at its own line", async () => {
    const project = await makeProject();
    const clean = await check(projectPaths(project.root));
    const feed = JSON.parse(project.read("out/feed.fr.json")) as Feed;
    const item = feed.items[0]!;
    const twice = { ...feed, items: [item, { ...item, content_html: item.content_html.replace("290,8", "299,8") }] };
    const text = `${JSON.stringify(twice, null, 2)}\n`;
    project.write("out/feed.fr.json", text);
    const doubled = await check(projectPaths(project.root));
    const wrong = doubled.diagnostics.filter((d) => d.rule === "verify/unmatched-figure");
    const secondBody = text.split("\n").findIndex((l, i) => l.includes('"content_html"') && i > text.split("\n").findIndex((m) => m.includes('"content_html"'))) + 1;
    expect(wrong.map((d) => [d.file, d.line, d.actual])).toEqual([["out/feed.fr.json", secondBody, expect.stringContaining("299,8")]]);
    // The second item's figures but the wrong one, on top of the clean check's.
    const articles = new Map([[SLUG, { slug: SLUG, facts: bundledArticle().facts, sourceLang: "fr" as const }]]);
    const oneItem = verifyCmsOutputs("out", new Map([["feed.fr.json", `${JSON.stringify(feed, null, 2)}\n`]]), articles).figures.get(SLUG)!.length;
    expect(oneItem).toBeGreaterThan(1);
    expect(doubled.figuresVerified).toBe(clean.figuresVerified + oneItem - 1);
  });

  it("are verified text by text: a wrong figure in title, summary or body is reported at its line", async () => {
    const article = bundledArticle();
    const project = await makeProject();
    const onDisk = await readOutputs(projectPaths(project.root));
    const articles = new Map([[SLUG, { slug: SLUG, facts: article.facts, sourceLang: "fr" as const }]]);
    expect(verifyCmsOutputs("out", onDisk, articles).diagnostics).toEqual([]);
    const feed = onDisk.get("feed.en.json")!;
    const lines = feed.split("\n");
    const lineOf = (key: string) => 1 + lines.findIndex((l) => l.startsWith(`      "${key}":`));
    for (const [key, from, to] of [
      ["title", "€1.2", "€1.4"],
      ["summary", "€1.2", "€1.3"],
      ["content_html", "€290.8", "€290.9"],
    ] as const) {
      const broken = new Map(onDisk);
      const at = lineOf(key);
      expect(lines[at - 1]).toContain(from);
      broken.set("feed.en.json", lines.map((l, i) => (i === at - 1 ? l.replace(from, to) : l)).join("\n"));
      const found = verifyCmsOutputs("out", broken, articles).diagnostics.filter((d) => d.rule === "verify/unmatched-figure");
      expect(found.map((d) => [d.file, d.line, d.actual?.startsWith(to)]), key).toEqual([["out/feed.en.json", at, true]]);
    }
  });
});

describe("manifest.json", () => {
  it("lists every file of out/ but itself with its sha256, articles sorted by slug", async () => {
    const project = await makeProject();
    const manifest = JSON.parse(project.read("out/manifest.json")) as {
      articles: Array<{ slug: string; translationKey: string; locales: string[]; briefs: Array<{ locale: string; title: string; files: Array<{ path: string; hash: string }> }> }>;
      feeds: Array<{ locale: string; path: string; hash: string }>;
    };
    const listed = [...manifest.articles.flatMap((a) => a.briefs.flatMap((b) => b.files)), ...manifest.feeds];
    const sha = (relative: string) => `sha256:${createHash("sha256").update(project.readBytes(`out/${relative}`)).digest("hex")}`;
    for (const file of listed) expect(file.hash, file.path).toBe(sha(file.path));
    expect(listed.map((f) => f.path).sort()).toEqual([...snapshotTree(project.out).keys()].filter((p) => p !== "manifest.json").sort());
    expect(manifest.articles.map((a) => [a.slug, a.translationKey, a.locales])).toEqual([[SLUG, SLUG, ["fr", "nl", "en"]]]);
    for (const brief of manifest.articles[0]!.briefs) expect(project.read(`out/${SLUG}/${brief.locale}.html`)).toContain(`<title>${brief.title}</title>`);
  });

  it("and the feeds include articles reused from the build cache: cached and uncached builds write the same bytes", async () => {
    const project = await makeProject();
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${SLUG}-b`), { recursive: true });
    const paths = projectPaths(project.root);
    expect((await build(paths)).diagnostics).toEqual([]);
    project.edit(FACTS, replace('date: "2025-03-28"', 'date: "2025-03-31"'));
    const cached = await build(paths);
    expect(cached.diagnostics).toEqual([]);
    expect(cached.cached).toBe(1);
    const withCache = digestTree(snapshotTree(project.out));
    const feed = JSON.parse(project.read("out/feed.fr.json")) as Feed;
    // Newest first: the edited article (31 March) before the cached one (28 March).
    expect(feed.items.map((i) => [i._newsbrief.slug, i.date_published])).toEqual([
      [SLUG, "2025-03-31T00:00:00Z"],
      [`${SLUG}-b`, "2025-03-28T00:00:00Z"],
    ]);
    const uncached = await build(paths, { cache: false });
    expect(uncached.changed).toEqual([]);
    expect(uncached.figuresVerified).toBe(cached.figuresVerified);
    expect(digestTree(snapshotTree(project.out))).toEqual(withCache);
    expect((await runCli(["check"], project.root)).code).toBe(0);
  });
});

describe("the pages' Open Graph tags", () => {
  it("give og:type article, og:title, og:description, og:locale and the two other locales as og:locale:alternate", async () => {
    const project = await makeProject();
    for (const locale of LOCALES) {
      const page = project.read(`out/${SLUG}/${locale}.html`);
      const og = (property: string) => [...page.matchAll(new RegExp(`<meta property="${property}" content="([^"]*)">`, "g"))].map((m) => m[1]);
      expect(og("og:type")).toEqual(["article"]);
      expect(og("og:title")).toEqual([/<title>([^<]*)<\/title>/.exec(page)![1]]);
      expect(og("og:description")).toEqual([/<meta name="description" content="([^"]*)">/.exec(page)![1]]);
      expect(og("og:locale")).toEqual([OG_LOCALE[locale]]);
      expect(og("og:locale:alternate")).toEqual(LOCALES.filter((l) => l !== locale).map((l) => OG_LOCALE[l]));
    }
  });
});
