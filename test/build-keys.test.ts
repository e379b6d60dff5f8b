/**
 * An article's cache key covers what its briefs use: its own files, its
 * story type's template and definition, the page template, the site
 * settings, and of the messages only the shared namespaces and its own
 * type's. A message of one story type re-renders the articles of that type
 * and leaves every other file of out/ as it was; what is written is what a
 * build without cache writes.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { projectPaths } from "../src/io/paths.ts";
import { build } from "../src/build/pipeline.ts";
import { articleInputHash, storyTypeHashes } from "../src/build/cache.ts";
import { templateKey } from "../src/render/templates.ts";
import { ACME_RESULTS, cleanupStoryProjects, storyProject, SWISS_BUDGET, type ArticleInput } from "./support/story-project.ts";
import { digestTree, runCli, snapshotTree } from "./support/project.ts";
import { cleanupRepos, initRepo, isolateGit } from "./support/git.ts";

afterAll(() => {
  cleanupStoryProjects();
  cleanupRepos();
});

/** A public-budget article, with its own slug. */
const budget: ArticleInput = { ...SWISS_BUDGET, slug: "swiss-budget" };

/** A project with one company-results and one public-budget article, built once. */
async function twoTypes(): Promise<{ root: string; paths: ReturnType<typeof projectPaths>; edit: (file: string, from: string, to: string) => void; mtimes: () => Record<string, number> }> {
  const root = storyProject(ACME_RESULTS);
  const dir = path.join(root, "content", budget.slug!);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "facts.yaml"), stringify(budget.facts, { lineWidth: 0 }));
  writeFileSync(path.join(dir, "source.fr.md"), `---\ntitle: "Budget"\nlang: fr\n---\n\n${budget.body}\n`);
  const paths = projectPaths(root);
  const first = await build(paths);
  expect(first.diagnostics).toEqual([]);
  expect(first.articles).toBe(2);
  const edit = (file: string, from: string, to: string) => {
    const full = path.join(root, file);
    const text = readFileSync(full, "utf8");
    expect(text).toContain(from);
    writeFileSync(full, text.replace(from, to));
  };
  const mtimes = () => Object.fromEntries([...snapshotTree(path.join(root, "out")).keys()].map((relative) => [relative, statSync(path.join(root, "out", relative)).mtimeMs]));
  return { root, paths, edit, mtimes };
}

describe("story types parsed once", () => {
  it("are taken from the cache by the hash of type.yaml, parsed again when it changes, and give the same bytes as a build without cache", async () => {
    const { root, paths, edit } = await twoTypes();
    const cacheDir = path.join(root, "node_modules", ".cache", "newsbrief");
    const file = path.join(cacheDir, readdirSync(cacheDir).find((name) => name.endsWith(".types"))!);
    const cached = JSON.parse(readFileSync(file, "utf8")) as { tool: string; definitions: Record<string, { requires: { story: unknown[] } }> };
    const typeText = readFileSync(path.join(root, "templates", "company-results", "type.yaml"), "utf8");
    const key = createHash("sha256").update(typeText).digest("hex");
    expect(Object.keys(cached.definitions)).toContain(key);
    // A definition found in the cache is used as it is, without reading type.yaml: one that asks for more shows it.
    cached.definitions[key]!.requires.story.push({ key: "ceo", list: false });
    writeFileSync(file, JSON.stringify(cached));
    edit("content/acme-results/facts.yaml", "2026-02-26", "2026-02-27");
    const fromCache = await build(paths);
    expect(fromCache.diagnostics.map((d) => d.rule)).toEqual(["facts/missing-requirement"]);
    // type.yaml changed: its new text is parsed, and the article builds as it should.
    writeFileSync(path.join(root, "templates", "company-results", "type.yaml"), `${typeText}# reviewed\n`);
    const parsed = await build(paths);
    expect(parsed.diagnostics).toEqual([]);
    expect(Object.keys((JSON.parse(readFileSync(file, "utf8")) as typeof cached).definitions)).toContain(createHash("sha256").update(`${typeText}# reviewed\n`).digest("hex"));
    const written = digestTree(snapshotTree(path.join(root, "out")));
    expect((await build(paths, { cache: false })).changed).toEqual([]);
    expect(digestTree(snapshotTree(path.join(root, "out")))).toEqual(written);
  });
});

describe("templates checked once", () => {
  it("are parsed only for the articles that need them once a build found them without a problem, and parsed again when they change", async () => {
    const { root, paths, edit } = await twoTypes();
    const cacheDir = path.join(root, "node_modules", ".cache", "newsbrief");
    const file = path.join(cacheDir, readdirSync(cacheDir).find((name) => name.endsWith(".types"))!);
    const keys = () => (JSON.parse(readFileSync(file, "utf8")) as { templates: string[] }).templates;
    const template = path.join(root, "templates", "public-budget", "brief.md.hbs");
    const text = readFileSync(template, "utf8");
    expect(keys()).toContain(templateKey(text));
    expect(keys()).toHaveLength(readdirSync(path.join(root, "templates"), { withFileTypes: true }).filter((d) => d.isDirectory()).length);
    // A changed template is parsed and checked again, though no article of its type changed.
    const broken = text.replace("{{t ", "{{shout ");
    expect(broken).not.toBe(text);
    writeFileSync(template, broken);
    edit("content/acme-results/facts.yaml", "2026-02-26", "2026-02-27");
    expect((await build(paths)).diagnostics.map((d) => d.rule)).toEqual(["template/unknown-helper"]);
    expect(keys()).not.toContain(templateKey(broken));
    writeFileSync(template, text);
    expect((await build(paths)).diagnostics).toEqual([]);
    // One the cache says was found without a problem is not parsed while no article of its type is rendered
    // (here a type no article uses: changing its text re-renders nothing) ...
    const unused = path.join(root, "templates", "event", "brief.md.hbs");
    const unusedText = readFileSync(unused, "utf8");
    const unusedBroken = unusedText.replace("{{t ", "{{shout ");
    expect(unusedBroken).not.toBe(unusedText);
    writeFileSync(unused, unusedBroken);
    const cached = JSON.parse(readFileSync(file, "utf8")) as { templates: string[] };
    cached.templates.push(templateKey(unusedBroken));
    writeFileSync(file, JSON.stringify(cached));
    edit("content/acme-results/facts.yaml", "2026-02-27", "2026-02-28");
    expect((await build(paths)).diagnostics).toEqual([]);
    // ... and a build without the cache checks it.
    expect((await build(paths, { cache: false })).diagnostics.map((d) => d.rule)).toEqual(["template/unknown-helper"]);
    writeFileSync(unused, unusedText);
    const written = digestTree(snapshotTree(path.join(root, "out")));
    expect((await build(paths, { cache: false })).changed).toEqual([]);
    expect(digestTree(snapshotTree(path.join(root, "out")))).toEqual(written);
  });
});

describe("what an article's key covers", () => {
  it("a message of one story type re-renders only that type's articles; the others' files are not touched", async () => {
    const { root, paths, edit, mtimes } = await twoTypes();
    const before = mtimes();
    edit("locales/en.json", "{{company}} reported revenue of {{amount}} {{period}}, {{change}}.", "{{company}} posted revenue of {{amount}} {{period}}, {{change}}.");
    const again = await build(paths);
    expect(again.diagnostics).toEqual([]);
    expect(again.cached).toBe(1);
    expect(again.changed).toEqual(["acme-results/en.html", "acme-results/en.md", "acme-results/fr.md", "acme-results/nl.md", "feed.en.json", "manifest.json"]);
    expect(readFileSync(path.join(root, "out", "acme-results", "en.md"), "utf8")).toContain("\nAcme posted revenue of €5.87\u00A0billion in 2025, down");
    const after = mtimes();
    for (const relative of Object.keys(before).filter((r) => r.startsWith("swiss-budget/"))) expect(after[relative], relative).toBe(before[relative]);
    // The same bytes as a build that renders everything.
    const written = digestTree(snapshotTree(path.join(root, "out")));
    expect((await build(paths, { cache: false })).changed).toEqual([]);
    expect(digestTree(snapshotTree(path.join(root, "out")))).toEqual(written);
  });

  it("a shared message (figures, briefs) re-renders every article", async () => {
    const { paths, edit } = await twoTypes();
    edit("locales/en.json", "Source: {{publisher}}.", "Source: {{publisher}}");
    const again = await build(paths);
    expect(again.diagnostics).toEqual([]);
    expect(again.cached).toBe(0);
    expect(again.articles).toBe(2);
  });

  it("a story type's template re-renders its articles only; lint settings re-render none, site settings all", async () => {
    const { paths, edit, root } = await twoTypes();
    edit("templates/public-budget/brief.md.hbs", "{{t \"public-budget.offsets\"", "{{t  \"public-budget.offsets\"");
    const template = await build(paths);
    expect(template.diagnostics).toEqual([]);
    expect(template.cached).toBe(1);
    expect(template.changed.filter((f) => f.startsWith("acme-results/"))).toEqual([]);

    writeFileSync(path.join(root, "newsbrief.config.json"), JSON.stringify({ lint: { check: "all" } }));
    const lint = await build(paths);
    expect(lint.diagnostics).toEqual([]);
    expect(lint.cached).toBe(2);
    expect(lint.changed).toEqual([]);

    writeFileSync(path.join(root, "newsbrief.config.json"), JSON.stringify({ lint: { check: "all" }, site: { baseUrl: "https://news.example.be/", publisher: { name: "Le Quotidien" }, author: { name: "La rédaction" } } }));
    const site = await build(paths);
    expect(site.diagnostics).toEqual([]);
    expect(site.cached).toBe(0);
  });
});

describe("story type hashes", () => {
  const locale = (text: object) => ({ locale: "en" as const, file: "locales/en.json", text: JSON.stringify(text) });
  const template = (name: string, text: string) => ({ name, file: `templates/${name}/brief.md.hbs`, text });
  const messages = { figure: { n: "{{number}}" }, a: { x: "A" }, b: { x: "B" } };
  const hashes = (text: object, a = '{{t "a.x"}}', b = '{{t "b.x"}}') => storyTypeHashes({ templates: [template("a", a), template("b", b)], locales: [locale(text)] });

  it("changes for the types that reach a changed namespace, and for every type when a shared one changes", () => {
    const base = hashes(messages);
    const otherType = hashes({ ...messages, b: { x: "B2" } });
    expect(otherType.get("a")).toBe(base.get("a"));
    expect(otherType.get("b")).not.toBe(base.get("b"));
    const shared = hashes({ ...messages, figure: { n: "{{number}}!" } });
    expect(shared.get("a")).not.toBe(base.get("a"));
    expect(shared.get("b")).not.toBe(base.get("b"));
  });

  it("follows another type's namespace named by the template, and every namespace for a key built at render time", () => {
    const changed = { ...messages, b: { x: "B2" } };
    expect(hashes(changed, '{{t "a.x"}} {{t "b.x"}}').get("a")).not.toBe(hashes(messages, '{{t "a.x"}} {{t "b.x"}}').get("a"));
    expect(hashes(changed, "{{t key}}").get("a")).not.toBe(hashes(messages, "{{t key}}").get("a"));
    expect(hashes(changed, '{{t (text "key")}}').get("a")).not.toBe(hashes(messages, '{{t (text "key")}}').get("a"));
  });

  it("follows a message that nests another type's message", () => {
    const nesting = { ...messages, a: { x: "$t(b.x)" } };
    expect(hashes({ ...nesting, b: { x: "B2" } }).get("a")).not.toBe(hashes(nesting).get("a"));
  });

  it("gives an article's hash from its type's and its own two texts", () => {
    const base = hashes(messages).get("a")!;
    expect(articleInputHash(base, "facts", "source")).not.toBe(articleInputHash(base, "facts ", "source"));
    expect(articleInputHash(base, "facts", "source")).not.toBe(articleInputHash(base, "facts", "source "));
    expect(articleInputHash(base, "ab", "c")).not.toBe(articleInputHash(base, "a", "bc"));
  });
});

describe("newsbrief diff after a changed message", () => {
  /** Both articles committed, the public-budget article's English brief edited by hand; then one message changed and built. */
  async function changed(file: string, from: string, to: string): Promise<{ report: { summary: { verification: string } }; stdout: string }> {
    isolateGit();
    const { root, edit } = await twoTypes();
    writeFileSync(path.join(root, ".gitignore"), "node_modules/\n");
    // Committed as it is, so that the diff does not show it: only a check of that article finds it.
    edit("out/swiss-budget/en.md", "the Federal Council", "the Federal  Council");
    initRepo(root);
    edit(file, from, to);
    expect((await runCli(["build"], root)).code).toBe(0);
    // The build put the right brief back; the edit again leaves the file as committed.
    edit("out/swiss-budget/en.md", "the Federal Council", "the Federal  Council");
    const run = await runCli(["diff", "--format", "json"], root);
    expect(run.code, run.stderr).toBe(0);
    return { report: JSON.parse(run.stdout), stdout: run.stdout };
  }

  it("checks the articles of the story type whose message changed, not the others", async () => {
    const { report, stdout } = await changed("locales/en.json", "{{company}} reported revenue of {{amount}} {{period}}, {{change}}.", "{{company}} posted revenue of {{amount}} {{period}}, {{change}}.");
    expect(report.summary.verification).toBe("verified");
    expect(stdout).not.toContain("out/swiss-budget/en.md");
  });

  it("checks every article when a shared message changed", async () => {
    const { report, stdout } = await changed("locales/en.json", "Source: {{publisher}}.", "Source: {{publisher}}");
    expect(report.summary.verification).toBe("failed");
    expect(stdout).toContain("out/swiss-budget/en.md");
  });
});
