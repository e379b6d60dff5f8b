/**
 * `newsbrief diff` end to end, in throwaway git repositories made with the
 * real git: a changed allocation, a template, a locale string, articles added
 * and removed, broken files on either side, escaping, and git errors.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { marked, type Tokens } from "marked";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARKER } from "../src/review/format.ts";
import { cleanupProjects, FACTS, makeProject, projectAt, replace, runCli, SLUG, SOURCE, TEMPLATE, type Project } from "./support/project.ts";
import { cleanupRepos, commitAll, gitIn, initRepo, isolateGit } from "./support/git.ts";
import { ACME_RESULTS, cleanupStoryProjects, storyProject } from "./support/story-project.ts";

const GOLDEN = path.join(import.meta.dirname, "golden");
const LOCALES = ["fr", "nl", "en"] as const;
const NBSP = "\u00a0";

/** Setting up a repository runs builds and git: on a busy machine that takes longer than vitest's default hook timeout. */
const HOOK_TIMEOUT = 120_000;

beforeAll(() => {
  isolateGit();
});
afterAll(() => {
  cleanupProjects({ base: true });
  cleanupStoryProjects();
  cleanupRepos();
});

/** One allocation changed consistently: its value, its evidence and the source's own words. */
export const CHANGE_ALLOCATION = {
  [FACTS]: (text: string) => replace('evidence: ["544,7 millions d’euros"]', 'evidence: ["547,4 millions d’euros"]')(replace("value: 544700000", "value: 547400000")(text)),
  [SOURCE]: replace("544,7 millions d’euros", "547,4 millions d’euros"),
};

/** A project committed on `main`, then changed in the working tree (and rebuilt, unless told not to). */
async function repoWith(change: (project: Project) => void, options: { rebuild?: boolean } = {}): Promise<{ project: Project; base: string }> {
  const project = await makeProject();
  project.write(".gitignore", "node_modules/\n/.out.*\n");
  const base = initRepo(project.root);
  change(project);
  if (options.rebuild !== false) {
    const built = await runCli(["build", "--no-cache"], project.root);
    expect(built.code, built.stderr).toBe(0);
  }
  return { project, base };
}

async function diff(project: Project, ...args: string[]) {
  const markdown = await runCli(["diff", ...args], project.root);
  expect(markdown.code, markdown.stderr).toBe(0);
  const json = await runCli(["diff", "--format", "json", ...args], project.root);
  expect(json.code, json.stderr).toBe(0);
  return { markdown: markdown.stdout, report: JSON.parse(json.stdout), json: json.stdout };
}

/** The Markdown with the base commit (which depends on the bundled content) replaced by a placeholder. */
function normalised(markdown: string, base: string): string {
  return markdown.replaceAll(base.slice(0, 12), "<base-commit>");
}

describe("newsbrief diff: one allocation changed", () => {
  let run: Awaited<ReturnType<typeof diff>>;
  let base: string;
  const lines: { before: Partial<Record<string, string[]>>; after: Partial<Record<string, string[]>> } = { before: {}, after: {} };

  beforeAll(async () => {
    const made = await repoWith((p) => {
      for (const locale of LOCALES) lines.before[locale] = p.read(`out/${SLUG}/${locale}.md`).split("\n");
      p.apply(CHANGE_ALLOCATION);
    });
    for (const locale of LOCALES) lines.after[locale] = made.project.read(`out/${SLUG}/${locale}.md`).split("\n");
    base = made.base;
    run = await diff(made.project);
  }, HOOK_TIMEOUT);

  it("the Markdown report is the reviewed golden file", async () => {
    await expect(normalised(run.markdown, base)).toMatchFileSnapshot(path.join(GOLDEN, "diff-allocation.md"));
  });

  it("compares with the merge base with main by default", () => {
    expect(run.report.base).toEqual({ ref: "main", commit: base });
  });

  it("shows the fact old → new, as each brief shows it and exactly", () => {
    expect(run.report.articles).toHaveLength(1);
    const [article] = run.report.articles;
    expect(article.slug).toBe(SLUG);
    expect(article.status).toBe("modified");
    expect(article.facts).toEqual([
      {
        id: "ai",
        change: "changed",
        fields: ["value", "evidence"],
        old: { value: 544700000, shown: { fr: `544,7${NBSP}millions d’euros`, nl: `544,7${NBSP}miljoen euro`, en: `€544.7${NBSP}million` }, label: "l’intelligence artificielle", evidence: ["544,7 millions d’euros"] },
        new: { value: 547400000, shown: { fr: `547,4${NBSP}millions d’euros`, nl: `547,4${NBSP}miljoen euro`, en: `€547.4${NBSP}million` }, label: "l’intelligence artificielle", evidence: ["547,4 millions d’euros"] },
      },
    ]);
    expect(run.markdown).toContain(`FR 544,7${NBSP}millions d’euros`);
    expect(run.markdown).toContain(`FR 547,4${NBSP}millions d’euros`);
  });

  it("shows exactly the three sentences that changed (FR, NL, EN), with the figure and its fact, and nothing else", () => {
    const [article] = run.report.articles;
    expect(article.briefs.map((b: { locale: string }) => b.locale)).toEqual(["fr", "nl", "en"]);
    for (const [n, brief] of article.briefs.entries()) {
      const locale = LOCALES[n]!;
      // Line 24 is the allocation's line of the key figures, before and after.
      expect(brief.file).toBe(`out/${SLUG}/${locale}.md`);
      expect(brief.frontMatter).toEqual([]);
      expect(brief.sentences).toEqual([{ line: 24, old: lines.before[locale]![23], new: lines.after[locale]![23], figures: [expect.objectContaining({ fact: "ai" })] }]);
      expect(brief.sentences[0].old).toMatch(/544[,.]7/);
      expect(brief.sentences[0].new).toBe(brief.sentences[0].old.replace(/544([,.])7/, "547$14"));
      const [figure] = brief.sentences[0].figures;
      expect(brief.sentences[0].old).toContain(figure.old);
      expect(brief.sentences[0].new).toContain(figure.new);
      expect(figure.new).toBe(figure.old.replace(/544([,.])7/, "547$14"));
    }
    expect(run.report.summary).toEqual({ articles: { modified: 1, added: 0, removed: 0 }, factsChanged: 1, sentencesChanged: 3, locales: ["fr", "nl", "en"], verification: "verified" });
    expect(run.report.shared).toEqual([]);
    expect(article.sections).toEqual([]);
    expect(article.verification).toEqual({ status: "verified", diagnostics: [] });
    // The source's own words changed with the dataset, and are shown.
    expect(article.source).toHaveLength(1);
    expect(article.source[0].old).toContain("544,7 millions d’euros");
    expect(article.source[0].new).toContain("547,4 millions d’euros");
  });

  it("the JSON keeps its documented key order", () => {
    expect(Object.keys(run.report)).toEqual(["version", "base", "summary", "shared", "articles", "diagnostics"]);
    expect(Object.keys(run.report.summary)).toEqual(["articles", "factsChanged", "sentencesChanged", "locales", "verification"]);
    expect(Object.keys(run.report.articles[0])).toEqual(["slug", "status", "titles", "facts", "sections", "source", "briefs", "shared", "diagnostics", "verification"]);
    expect(Object.keys(run.report.articles[0].facts[0])).toEqual(["id", "change", "fields", "old", "new"]);
    expect(Object.keys(run.report.articles[0].briefs[0])).toEqual(["locale", "file", "frontMatter", "sentences", "htmlChanged"]);
    expect(run.report.articles[0].briefs[0].htmlChanged).toBe(true);
  });
});

describe("newsbrief diff: nothing changed", () => {
  it("says so in one line (after the hidden marker), and the JSON is empty", async () => {
    const { project, base } = await repoWith(() => {}, { rebuild: false });
    const run = await diff(project);
    expect(run.markdown).toBe(`${MARKER}\nNo brief changes: content, templates, locales and out/ are the same as at \`${base.slice(0, 12)}\` (main).\n`);
    expect(run.report.articles).toEqual([]);
    expect(run.report.shared).toEqual([]);
    expect(run.report.summary.verification).toBe("not-run");
  });

  it("a rebuild that changes nothing is no change either", async () => {
    const { project } = await repoWith(() => {});
    expect((await diff(project)).report.articles).toEqual([]);
  });
});

describe("newsbrief diff: templates and locale strings", () => {
  it("a template change names the template, the articles and locales it changed, and each changed sentence", async () => {
    const { project } = await repoWith((p) => p.edit(TEMPLATE, replace('## {{t "brief.keyFigures.heading"}}', '### {{t "brief.keyFigures.heading"}}')));
    const { report, markdown } = await diff(project);
    expect(report.shared).toEqual([{ file: TEMPLATE, kind: "template", status: "modified", unreadable: [], messages: [], articles: [SLUG], locales: ["fr", "nl", "en"] }]);
    const [article] = report.articles;
    expect(article.facts).toEqual([]);
    expect(article.shared).toEqual([TEMPLATE]);
    expect(article.briefs.map((b: { sentences: Array<{ old: string; new: string }> }) => b.sentences.map((s) => `${s.old} → ${s.new}`))).toEqual([
      ["## Les chiffres clés → ### Les chiffres clés"],
      ["## De belangrijkste cijfers → ### De belangrijkste cijfers"],
      ["## Key figures → ### Key figures"],
    ]);
    expect(markdown).toContain(`| \`${TEMPLATE}\` | modified | 1 article (fr, nl, en): \`${SLUG}\` |`);
  });

  it("a locale string change names the message (old → new) and touches only that locale's briefs", async () => {
    const { project } = await repoWith((p) => p.edit("locales/nl.json", replace('"heading": "De belangrijkste cijfers"', '"heading": "De kerncijfers"')));
    const { report } = await diff(project);
    expect(report.shared).toEqual([
      { file: "locales/nl.json", kind: "locale", status: "modified", unreadable: [], messages: [{ key: "brief.keyFigures.heading", old: "De belangrijkste cijfers", new: "De kerncijfers" }], articles: [SLUG], locales: ["nl"] },
    ]);
    expect(report.summary.locales).toEqual(["nl"]);
    const [article] = report.articles;
    expect(article.briefs).toHaveLength(1);
    expect(article.briefs[0].locale).toBe("nl");
    expect(article.briefs[0].sentences.map((s: { old: string; new: string }) => [s.old, s.new])).toEqual([["## De belangrijkste cijfers", "## De kerncijfers"]]);
  });

  it("a settings change names each setting (old → new) and the briefs whose pages changed with it", async () => {
    const settings = (url: string) => `${JSON.stringify({ site: { baseUrl: url, publisher: { name: "Example Newsroom", logo: "https://briefs.example.com/logo.png" }, author: { name: "Example Newsroom desk", type: "Organization" } } }, null, 2)}\n`;
    const project = await makeProject();
    project.write(".gitignore", "node_modules/\n/.out.*\n");
    project.write("newsbrief.config.json", settings("https://briefs.example.com/"));
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    initRepo(project.root);
    project.write("newsbrief.config.json", settings("https://news.example.org/briefs/"));
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    const { report, markdown } = await diff(project);
    expect(report.shared).toEqual([
      { file: "newsbrief.config.json", kind: "settings", status: "modified", unreadable: [], messages: [{ key: "site.baseUrl", old: "https://briefs.example.com/", new: "https://news.example.org/briefs/" }], articles: [SLUG], locales: ["fr", "nl", "en"] },
    ]);
    const [article] = report.articles;
    expect(article.slug).toBe(SLUG);
    expect(article.briefs.every((b: { htmlChanged: boolean }) => b.htmlChanged)).toBe(true);
    expect(article.shared).toEqual(["newsbrief.config.json"]);
    expect(article.verification.status).toBe("verified");
    expect(markdown).toContain("| Template, locale or settings | Change | Briefs changed |");
    expect(markdown).toContain("<summary><code>newsbrief.config.json</code>: 1 setting changed</summary>");

    // Settings that cannot be read are said to be so, not compared.
    project.write("newsbrief.config.json", settings("https://news.example.org/briefs/").replace('"baseUrl"', '"baseUrl",'));
    const broken = await runCli(["diff", "--format", "json"], project.root);
    const brokenReport = JSON.parse(broken.stdout);
    expect(brokenReport.shared.map((s: { file: string; kind: string; unreadable: string[]; messages: unknown[] }) => [s.file, s.kind, s.unreadable, s.messages])).toEqual([["newsbrief.config.json", "settings", ["working-tree"], []]]);
    expect(brokenReport.diagnostics.some((d: { file: string; severity: string }) => d.file === "newsbrief.config.json" && d.severity === "error")).toBe(true);
  });
});

describe("newsbrief diff: articles added and removed", () => {
  let run: Awaited<ReturnType<typeof diff>>;
  let base: string;
  const COPY = "eu-digital-europe-copy";
  const NEW = "eu-digital-europe-new";

  beforeAll(async () => {
    // The base holds the bundled article and a copy; the change removes the
    // copy, adds another article and changes a Dutch string.
    const project = await makeProject();
    project.write(".gitignore", "node_modules/\n/.out.*\n");
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${COPY}`), { recursive: true });
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    base = initRepo(project.root);
    project.remove(`content/${COPY}`);
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${NEW}`), { recursive: true });
    project.edit(`content/${NEW}/facts.yaml`, replace("  date: \"2025-03-28\"", "  date: \"2025-03-31\""));
    project.edit("locales/nl.json", replace('"heading": "Citaat"', '"heading": "Het citaat"'));
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    run = await diff(project);
  }, HOOK_TIMEOUT);

  it("the Markdown report is the reviewed golden file", async () => {
    await expect(normalised(run.markdown, base)).toMatchFileSnapshot(path.join(GOLDEN, "diff-articles.md"));
  });

  it("lists the new and the removed article with their titles, and the locale change affecting both remaining articles", () => {
    const bySlug = Object.fromEntries(run.report.articles.map((a: { slug: string }) => [a.slug, a]));
    expect(Object.keys(bySlug)).toEqual([SLUG, COPY, NEW].sort());
    expect(bySlug[COPY].status).toBe("removed");
    expect(bySlug[NEW].status).toBe("added");
    expect(bySlug[SLUG].status).toBe("modified");
    for (const slug of [COPY, NEW]) expect(Object.keys(bySlug[slug].titles)).toEqual(["fr", "nl", "en"]);
    expect(bySlug[COPY].verification.status).toBe("verified");
    expect(run.report.summary.articles).toEqual({ modified: 1, added: 1, removed: 1 });
    expect(run.report.shared[0].articles).toEqual([SLUG, NEW]);
  });
});

describe("newsbrief diff: broken files give diagnostics, not a crash", () => {
  it("a facts.yaml broken in the working tree: the report names file, line and rule, and the verification fails", async () => {
    const { project } = await repoWith((p) => p.edit(FACTS, replace("    value: 544700000", "    value: [544700000")), { rebuild: false });
    const { report, markdown } = await diff(project);
    const [article] = report.articles;
    expect(article.slug).toBe(SLUG);
    expect(article.diagnostics.length).toBeGreaterThan(0);
    expect(article.diagnostics.every((d: { file: string }) => d.file === FACTS)).toBe(true);
    expect(article.diagnostics[0].line).toBe(72); // where the [ that is never closed opens
    expect(article.verification.status).toBe("failed");
    expect(report.summary.verification).toBe("failed");
    expect(markdown).toContain(`${FACTS}:72:`);
    // Found both reading the article and checking it: listed once.
    const problems = markdown.split("\n").filter((line) => line.startsWith(`${FACTS}:`));
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems).size).toBe(problems.length);
    expect(markdown).toContain("<details open>");
  });

  it("a value that does not pass the checks: the fact's change is still listed, as written, and no other", async () => {
    const { project } = await repoWith((p) => p.edit(FACTS, replace("    value: 544700000", '    value: "544,7 millions"')), { rebuild: false });
    const { report, markdown } = await diff(project);
    const [article] = report.articles;
    expect(article.diagnostics.map((d: { file: string; severity: string }) => `${d.file} ${d.severity}`)).toContain(`${FACTS} error`);
    expect(article.facts).toEqual([
      {
        id: "ai",
        change: "changed",
        fields: ["value"],
        old: { value: 544700000, shown: { fr: `544,7${NBSP}millions d’euros`, nl: `544,7${NBSP}miljoen euro`, en: `€544.7${NBSP}million` }, label: "l’intelligence artificielle", evidence: ["544,7 millions d’euros"] },
        new: { value: "544,7 millions", shown: {}, label: "l’intelligence artificielle", evidence: ["544,7 millions d’euros"] },
      },
    ]);
    expect(article.sections).toEqual([]);
    expect(report.summary.factsChanged).toBe(1);
    expect(markdown).toContain(`| \`ai\` l’intelligence artificielle | value | FR 544,7${NBSP}millions d’euros<br>NL 544,7${NBSP}miljoen euro<br>EN €544.7${NBSP}million<br>exact 544700000 | exact "544,7 millions" |`);
  });

  it("a facts.yaml broken at the base commit: the diagnostics say (base), and the working tree still verifies", async () => {
    const project = await makeProject({ [FACTS]: replace("    value: 544700000", "    value: [544700000") });
    project.write(".gitignore", "node_modules/\n/.out.*\n");
    initRepo(project.root);
    project.edit(FACTS, replace("    value: [544700000", "    value: 544700000"));
    const { report } = await diff(project);
    const [article] = report.articles;
    expect(article.diagnostics.map((d: { file: string }) => d.file)).toContain(`${FACTS} (base)`);
    expect(article.verification.status).toBe("verified");
  });
});

describe("newsbrief diff: a broken locale file stops the check before the articles", () => {
  const COPY = "eu-digital-europe-copy";
  const NL = "locales/nl.json";
  let broken: Awaited<ReturnType<typeof diff>>;
  let unverified: Awaited<ReturnType<typeof diff>>;
  let mended: Awaited<ReturnType<typeof diff>>;

  beforeAll(async () => {
    // The base holds the bundled article and a copy, built. The change corrects the allocation
    // (rebuilt), removes the copy's folder in content/ but not its briefs in out/, and then
    // leaves the Dutch locale file unreadable.
    const project = await makeProject();
    project.write(".gitignore", "node_modules/\n/.out.*\n");
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${COPY}`), { recursive: true });
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    initRepo(project.root);
    project.apply(CHANGE_ALLOCATION);
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    project.remove(`content/${COPY}`);
    const nl = project.read(NL);
    project.write(NL, `${nl}{\n`);
    broken = await diff(project);
    unverified = await diff(project, "--no-verify");
    project.write(NL, nl);
    mended = await diff(project);
  }, HOOK_TIMEOUT);

  const bySlug = (run: Awaited<ReturnType<typeof diff>>) => Object.fromEntries(run.report.articles.map((a: { slug: string }) => [a.slug, a]));

  it("with the locale file readable, the removed article's briefs left in out/ fail the check", () => {
    const copy = bySlug(mended)[COPY];
    expect(copy.verification.status).toBe("failed");
    expect(copy.verification.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(Array(6).fill("out/orphan"));
    expect(bySlug(mended)[SLUG].verification).toEqual({ status: "verified", diagnostics: [] });
    expect(mended.markdown).toContain(`| \`${COPY}\` | removed | 0 | 0 | fr, nl, en | ❌ 6 problems |`);
  });

  it("an article the check did not reach is not checked: not verified, not removed cleanly", () => {
    const articles = bySlug(broken);
    expect(articles[COPY].status).toBe("removed");
    expect(articles[COPY].verification).toEqual({ status: "not-checked", diagnostics: [] });
    expect(articles[SLUG].verification).toEqual({ status: "not-checked", diagnostics: [] });
    expect(broken.report.summary.verification).toBe("failed");
    expect(broken.report.diagnostics.map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`)).toEqual([`${NL} locale/syntax`]);
    const rows = broken.markdown.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows.find((r) => r.startsWith(`| \`${COPY}\``))).toMatch(/\| ⚠️ not checked: [^|]+\|$/);
    expect(rows.find((r) => r.startsWith(`| \`${SLUG}\``))).toMatch(/\| ⚠️ not checked: see the problems outside any article \|$/);
    expect(broken.markdown).not.toContain("✅");
    expect(broken.markdown).toContain("❌ `newsbrief check` fails: see below; it could not check 2 articles.");
  });

  it("the locale file is reported as not readable, not as every message removed", () => {
    expect(broken.report.shared).toEqual([{ file: NL, kind: "locale", status: "modified", unreadable: ["working-tree"], messages: [], articles: [SLUG], locales: ["nl"] }]);
    expect(broken.markdown).toContain(`| \`${NL}\` | modified, cannot be read in the working tree: see the problems outside any article |`);
    expect(broken.markdown).not.toMatch(/messages? changed/);
    expect(broken.markdown).not.toMatch(/^- brief\./m);
  });

  it("the fact change is still shown; Dutch is left out of the side whose Dutch strings cannot be read", () => {
    const [fact] = bySlug(broken)[SLUG].facts;
    expect(bySlug(broken)[SLUG].facts).toHaveLength(1);
    expect(fact.id).toBe("ai");
    expect(fact.fields).toEqual(["value", "evidence"]);
    expect(fact.old.shown).toEqual({ fr: `544,7${NBSP}millions d’euros`, nl: `544,7${NBSP}miljoen euro`, en: `€544.7${NBSP}million` });
    expect(fact.new.shown).toEqual({ fr: `547,4${NBSP}millions d’euros`, en: `€547.4${NBSP}million` });
    expect(fact.new.value).toBe(547400000);
    expect(broken.report.summary.factsChanged).toBe(1);
    expect(broken.markdown).toContain(`FR 547,4${NBSP}millions d’euros<br>NL not shown: its locale file cannot be read<br>EN €547.4${NBSP}million`);
  });

  it("without the check (--no-verify), the locale file's problem is still reported, and no article counts as verified", () => {
    expect(unverified.report.summary.verification).toBe("not-run");
    expect(unverified.report.diagnostics.map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`)).toEqual([`${NL} locale/syntax`]);
    for (const article of unverified.report.articles) expect(article.verification.status).toBe("not-checked");
    expect(unverified.markdown).toContain("<summary>Problems outside any article</summary>");
  });
});

describe("newsbrief diff: other inputs that stop the check", () => {
  const COPY = "eu-digital-europe-copy";

  it("a broken article stops the check before out/ is compared as a whole: a removed article is not checked, not removed cleanly", async () => {
    const project = await makeProject();
    project.write(".gitignore", "node_modules/\n/.out.*\n");
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${COPY}`), { recursive: true });
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    initRepo(project.root);
    project.remove(`content/${COPY}`);
    project.edit(FACTS, replace("    value: 544700000", "    value: [544700000"));
    const { report, markdown } = await diff(project);
    const bySlug = Object.fromEntries(report.articles.map((a: { slug: string }) => [a.slug, a]));
    expect(bySlug[SLUG].verification.status).toBe("failed");
    expect(bySlug[COPY].verification).toEqual({ status: "not-checked", diagnostics: [] });
    expect(markdown).not.toContain("outputs removed");
    expect(markdown).toContain("it could not check 1 article.");
  });

  it("a broken template: the article it reaches is not checked", async () => {
    const { project } = await repoWith((p) => p.apply(CHANGE_ALLOCATION));
    project.edit(TEMPLATE, (text) => `${text}{{#if story.title}}\n`);
    const { report, markdown } = await diff(project);
    expect(report.shared).toEqual([{ file: TEMPLATE, kind: "template", status: "modified", unreadable: [], messages: [], articles: [SLUG], locales: ["fr", "nl", "en"] }]);
    expect(report.diagnostics.map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`)).toEqual([`${TEMPLATE} template/syntax`]);
    expect(report.articles[0].verification).toEqual({ status: "not-checked", diagnostics: [] });
    expect(report.articles[0].facts).toHaveLength(1);
    expect(markdown).not.toContain("✅");
  });

  it("broken settings (newsbrief.config.json): the changed article is not checked", async () => {
    const { project } = await repoWith((p) => p.apply(CHANGE_ALLOCATION));
    project.write("newsbrief.config.json", "{\n");
    const { report, markdown } = await diff(project);
    expect(report.diagnostics.filter((d: { severity: string }) => d.severity === "error").map((d: { file: string }) => d.file)).toEqual(["newsbrief.config.json"]);
    expect(report.articles[0].verification).toEqual({ status: "not-checked", diagnostics: [] });
    expect(markdown).not.toContain("✅");
  });

  it("broken settings and nothing else changed: the problem is reported and the check fails, not \"No brief changes\"", async () => {
    const { project } = await repoWith(() => {}, { rebuild: false });
    project.write("newsbrief.config.json", "{\n");
    const unverified = await diff(project, "--no-verify");
    expect(unverified.report.diagnostics.map((d: { file: string }) => d.file)).toEqual(["newsbrief.config.json"]);
    expect(unverified.markdown).not.toContain("No brief changes");
    const { report, markdown } = await diff(project);
    expect(report.articles).toEqual([]);
    expect(report.summary.verification).toBe("failed");
    expect(report.diagnostics.map((d: { file: string }) => d.file)).toEqual(["newsbrief.config.json"]);
    expect(markdown).toContain("❌ `newsbrief check` fails: see below.");
  });

  it("a locale file broken at the base commit: reported as not readable there, no message listed as added, and the working tree verifies", async () => {
    const project = await makeProject();
    project.write(".gitignore", "node_modules/\n/.out.*\n");
    const nl = project.read("locales/nl.json");
    project.write("locales/nl.json", `${nl}{\n`);
    initRepo(project.root);
    project.write("locales/nl.json", nl);
    project.apply(CHANGE_ALLOCATION);
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    const { report, markdown } = await diff(project);
    expect(report.shared).toEqual([{ file: "locales/nl.json", kind: "locale", status: "modified", unreadable: ["base"], messages: [], articles: [SLUG], locales: ["nl"] }]);
    expect(report.diagnostics.map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`)).toEqual(["locales/nl.json (base) locale/syntax"]);
    expect(markdown).toContain("| `locales/nl.json` | modified, cannot be read at the base commit: see the problems outside any article |");
    expect(markdown).not.toMatch(/^\+ brief\./m);
    const [fact] = report.articles[0].facts;
    expect(Object.keys(fact.old.shown)).toEqual(["fr", "en"]);
    expect(Object.keys(fact.new.shown)).toEqual(["fr", "nl", "en"]);
    expect(markdown).toContain(`FR 544,7${NBSP}millions d’euros<br>NL not shown: its locale file cannot be read<br>EN €544.7${NBSP}million`);
    expect(report.articles[0].verification).toEqual({ status: "verified", diagnostics: [] });
  });
});

describe("newsbrief diff: articles whose briefs are not in git", () => {
  it("an added or removed article without briefs on its side has no empty list of briefs", async () => {
    const COPY = "eu-digital-europe-copy";
    const NEW = "eu-digital-europe-new";
    const project = await makeProject();
    project.write(".gitignore", "node_modules/\n/.out.*\n");
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${COPY}`), { recursive: true });
    initRepo(project.root);
    project.remove(`content/${COPY}`);
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${NEW}`), { recursive: true });
    const { report, markdown } = await diff(project, "--no-verify");
    expect(report.articles.map((a: { slug: string; status: string; titles: object }) => [a.slug, a.status, a.titles])).toEqual([
      [COPY, "removed", {}],
      [NEW, "added", {}],
    ]);
    expect(markdown).toContain(`<summary><code>${COPY}</code>: article removed</summary>\n\n</details>`);
    expect(markdown).toContain(`<summary><code>${NEW}</code>: new article</summary>\n\n</details>`);
    expect(markdown).not.toContain("Its briefs were:");
    expect(markdown).not.toContain("Briefs:");
  });
});

describe("newsbrief diff: a story type in a folder of its own", () => {
  it("its template and its type.yaml are compared as templates: changed, or broken, they are listed and checked", async () => {
    // One company-results article, with the repository's story types (templates/<type>/brief.md.hbs and type.yaml).
    const root = storyProject(ACME_RESULTS);
    const project = projectAt(root);
    project.write(".gitignore", "node_modules/\n");
    expect((await runCli(["build"], root)).code).toBe(0);
    initRepo(root);
    const template = "templates/company-results/brief.md.hbs";
    const definition = "templates/company-results/type.yaml";
    const text = project.read(template);

    // Broken, and nothing else changed: no "No brief changes", and the check runs.
    project.write(template, `${text}{{#if story.company}}\n`);
    const broken = await diff(project);
    expect(broken.report.shared).toEqual([{ file: template, kind: "template", status: "modified", unreadable: [], messages: [], articles: [], locales: [] }]);
    expect(broken.report.diagnostics.map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`)).toEqual([`${template} template/syntax`]);
    expect(broken.report.summary.verification).toBe("failed");
    expect(broken.markdown).not.toContain("No brief changes");
    expect(broken.markdown).toContain(`| \`${template}\` | modified | none |`);

    // The definition changed and the project rebuilt: listed, and the article checked.
    project.write(template, text);
    project.write(definition, `${project.read(definition)}# reviewed\n`);
    expect((await runCli(["build"], root)).code).toBe(0);
    const changed = await diff(project);
    expect(changed.report.shared.map((s: { file: string; kind: string; status: string }) => [s.file, s.kind, s.status])).toEqual([[definition, "template", "modified"]]);
    expect(changed.report.summary.verification).toBe("verified");
  });
});

describe("newsbrief diff: the feeds and the manifest", () => {
  it("are not read on either side: what they show of an article is its briefs, compared as briefs", async () => {
    // The base commit holds a feed that is not even UTF-8; the working tree's is rebuilt, with one article changed.
    const { project } = await repoWith(
      (p) => {
        for (const [file, change] of Object.entries(CHANGE_ALLOCATION)) p.edit(file, change);
      },
      { rebuild: false },
    );
    writeFileSync(path.join(project.root, "out", "feed.en.json"), Buffer.from([0xff, 0xfe, 0x7b]));
    gitIn(project.root, "add", "out/feed.en.json");
    gitIn(project.root, "commit", "-q", "-m", "A broken feed");
    const built = await runCli(["build", "--no-cache"], project.root);
    expect(built.code, built.stderr).toBe(0);
    const { report } = await diff(project, "--base", "HEAD");
    expect(report.articles.map((a: { slug: string }) => a.slug)).toEqual([SLUG]);
    expect(report.diagnostics).toEqual([]);
    expect(JSON.stringify(report)).not.toContain("feed.en.json");
    expect(report.summary.verification).toBe("verified");
  });
});

describe("newsbrief diff: escaping", () => {
  const LABEL = "l’IA | <script>alert(x)</script> `code` *gras* @team #team";

  it("a fact label with |, <script>, backticks and mentions stays inside its table cell, shown as text once", async () => {
    const { project } = await repoWith((p) => p.edit(FACTS, replace("      fr: l’intelligence artificielle\n", `      fr: "${LABEL}"\n`)));
    const { report, markdown } = await diff(project);
    expect(report.articles[0].facts[0]).toMatchObject({ id: "ai", fields: ["label"] });
    expect(report.articles[0].facts[0].new.label).toBe(LABEL);
    expect(markdown).not.toContain("<script>");
    const details = markdown.slice(markdown.indexOf("<summary>"));
    const [factTable] = marked.lexer(details).filter((t): t is Tokens.Table => t.type === "table");
    expect(factTable!.header.map((h) => h.text)).toEqual(["Fact", "Changed", "Before", "After"]);
    expect(factTable!.rows).toHaveLength(1);
    expect(factTable!.rows[0]).toHaveLength(4);
    expect(markdown.split("\n").find((line) => line.startsWith("| `ai` "))).toContain("\\@team");
    const html = marked.parse(details, { async: false });
    expect(html).toContain("l’IA | &lt;script&gt;alert(x)&lt;/script&gt; `code` *gras* @team #team");
    // The changed sentences are the briefs' own lines, in code blocks that nothing in them can close.
    for (const brief of report.articles[0].briefs) {
      for (const sentence of brief.sentences) expect(markdown).toContain(`+ ${sentence.new}`);
    }
  });
});

describe("newsbrief diff: the command line", () => {
  it("--help describes --base, --format and --no-verify", async () => {
    const project = await makeProject();
    const run = await runCli(["diff", "--help"], project.root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--base <git-ref>/);
    expect(run.stdout).toMatch(/--format <format>/);
    expect(run.stdout).toMatch(/--no-verify/);
  });

  it("an unknown format is a usage error (exit 2)", async () => {
    const { project } = await repoWith(() => {}, { rebuild: false });
    const run = await runCli(["diff", "--format", "html"], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are markdown, json/);
  });

  it("--no-verify leaves the check out", async () => {
    const { project } = await repoWith((p) => p.apply(CHANGE_ALLOCATION));
    const { report, markdown } = await diff(project, "--no-verify");
    expect(report.summary.verification).toBe("not-run");
    expect(report.articles[0].verification).toEqual({ status: "not-checked", diagnostics: [] });
    expect(report.summary.factsChanged).toBe(1);
    expect(markdown).toContain("| not run |");
  });

  it("a project in a folder of the repository is compared there", async () => {
    const project = await makeProject();
    const sub = "newsroom/briefs";
    for (const folder of ["content", "templates", "locales", "out"]) {
      cpSync(project.path(folder), project.path(`${sub}/${folder}`), { recursive: true });
      project.remove(folder);
    }
    project.write(".gitignore", "node_modules/\n.out.*\n");
    initRepo(project.root);
    project.apply(Object.fromEntries(Object.entries(CHANGE_ALLOCATION).map(([file, change]) => [`${sub}/${file}`, change])));
    expect((await runCli(["--root", project.path(sub), "build", "--no-cache"], project.root)).code).toBe(0);
    const run = await runCli(["--root", project.path(sub), "diff", "--format", "json"], project.root);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ factsChanged: 1, sentencesChanged: 3, verification: "verified" });
    expect(report.articles[0].briefs.map((b: { file: string }) => b.file)).toEqual(LOCALES.map((l) => `out/${SLUG}/${l}.md`));
  });
});

describe("newsbrief diff: git errors", () => {
  it("a ref that does not exist: exit 2 and a clear message", async () => {
    const { project } = await repoWith(() => {}, { rebuild: false });
    const run = await runCli(["diff", "--base", "no-such-branch"], project.root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("newsbrief: no commit `no-such-branch` in this repository (is the branch fetched? CI checkouts need fetch-depth: 0)\n");
  });

  it("a ref that looks like an option is refused, not passed to git", async () => {
    const { project } = await repoWith(() => {}, { rebuild: false });
    const run = await runCli(["diff", "--base=--output=/tmp/x"], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no commit `--output=/tmp/x`");
  });

  it("not a git repository: exit 2", async () => {
    const project = await makeProject();
    const run = await runCli(["diff"], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not inside a git repository/);
  });

  it("--base compares with the merge base of the ref and HEAD", async () => {
    const { project, base } = await repoWith(() => {}, { rebuild: false });
    gitIn(project.root, "checkout", "--quiet", "-b", "feature");
    project.apply(CHANGE_ALLOCATION);
    expect((await runCli(["build", "--no-cache"], project.root)).code).toBe(0);
    commitAll(project.root, "Change an allocation");
    // main moves on after the branch was made: its new commit is not part of the review.
    gitIn(project.root, "checkout", "--quiet", "main");
    writeFileSync(project.path("NOTES.txt"), "unrelated\n");
    commitAll(project.root, "Unrelated");
    gitIn(project.root, "checkout", "--quiet", "feature");
    const { report } = await diff(project, "--base", "main");
    expect(report.base).toEqual({ ref: "main", commit: base });
    expect(report.summary.factsChanged).toBe(1);
    expect(readFileSync(project.path(FACTS), "utf8")).toContain("547400000");
    for (const locale of LOCALES) expect(report.articles[0].briefs.find((b: { locale: string }) => b.locale === locale).sentences).toHaveLength(1);
  });
});
