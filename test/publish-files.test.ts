/**
 * Publishing into a site folder (the Hugo and Decap targets share this):
 * only changed files are written, dry runs write nothing, prune removes
 * only newsbrief's own files, links are never followed, out/ must pass
 * `check` first, and a failure part-way says what was and was not done.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALES } from "../src/content/schema.ts";
import { lockOutputs } from "../src/io/lock.ts";
import { projectPaths } from "../src/io/paths.ts";
import { loadBriefs } from "../src/publish/briefs.ts";
import { createPublisher, publish } from "../src/publish/index.ts";
import type { PublishOptions } from "../src/publish/types.ts";
import { cleanupProjects, digestTree, FACTS, makeProject, replace, runCli, snapshotTree, SLUG } from "./support/project.ts";

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  cleanupProjects();
});

function emptySite(): string {
  const site = mkdtempSync(path.join(tmpdir(), "newsbrief-site-"));
  temporary.push(site);
  return site;
}

const briefPath = (locale: string) => `content/briefs/${SLUG}/index.${locale}.md`;
const OPTIONS: PublishOptions = { dryRun: false, prune: false, progress: () => {} };

/** The brief inside a page, as the page shows it. */
function pageBodyOf(page: string): string {
  return page.slice(page.indexOf("<article>\n") + "<article>\n".length, page.indexOf("</article>"));
}

/** The table rows a publish printed: action, brief, target. */
function rows(stdout: string): string[][] {
  return stdout
    .split("\n")
    .filter((line) => /^(create|update|skip|delete) /.test(line))
    .map((line) => line.split(/\s{2,}/).slice(0, 3));
}

describe("loadBriefs", () => {
  it("returns one brief per article and locale, sorted, with the page's sanitized body", async () => {
    const project = await makeProject();
    const { briefs, diagnostics } = await loadBriefs(projectPaths(project.root));
    expect(diagnostics).toEqual([]);
    expect(briefs.map((b) => `${b.slug}/${b.locale}`)).toEqual(LOCALES.map((l) => `${SLUG}/${l}`));
    for (const brief of briefs) {
      const markdown = project.read(`out/${SLUG}/${brief.locale}.md`);
      expect(markdown.endsWith(brief.markdown)).toBe(true);
      expect(brief.markdown.startsWith(`# ${brief.title}\n`)).toBe(true);
      expect(brief.date).toBe("2025-03-28");
      expect(brief.translationKey).toBe(SLUG);
      expect(project.read(`out/${SLUG}/${brief.locale}.html`)).toContain(`<article>\n${brief.html}</article>`);
      expect(brief.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(new Set(briefs.map((b) => b.contentHash)).size).toBe(3);
  });

  it("reads each brief's bodies from out/ when asked, and refuses a file changed since the check", async () => {
    const project = await makeProject();
    const paths = projectPaths(project.root);
    const { briefs, diagnostics } = await loadBriefs(paths);
    expect(diagnostics).toEqual([]);
    const nl = briefs.find((b) => b.locale === "nl")!;
    const en = briefs.find((b) => b.locale === "en")!;
    const before = { ...nl };
    expect(before.markdown).toBe(nl.markdown);
    expect(project.read(`out/${SLUG}/nl.html`)).toContain(before.html);
    // The Dutch page changes after the check: its body is refused, the others still read.
    writeFileSync(path.join(project.root, `out/${SLUG}/nl.html`), project.read(`out/${SLUG}/nl.html`).replace("544,7", "545,7"));
    expect(project.read(`out/${SLUG}/nl.html`)).toContain("545,7");
    expect(en.html).toBe(pageBodyOf(project.read(`out/${SLUG}/en.html`)));
    expect(() => nl.html).toThrow(`out/${SLUG}/nl.html: the file changed on disk after it was checked`);
    expect(nl.markdown).toBe(before.markdown);
    // Then its Markdown: a target planning with it stops before writing anything.
    writeFileSync(path.join(project.root, `out/${SLUG}/nl.md`), project.read(`out/${SLUG}/nl.md`).replace("544,7", "545,7"));
    expect(en.markdown.startsWith(`# ${en.title}\n`)).toBe(true);
    expect(() => nl.markdown).toThrow(`out/${SLUG}/nl.md: the file changed on disk after it was checked`);
    const site = emptySite();
    const publisher = createPublisher("hugo", { cwd: project.root, site });
    await expect(publisher.plan(briefs, OPTIONS)).rejects.toThrow(`out/${SLUG}/nl.md: the file changed on disk after it was checked`);
    expect(existsSync(path.join(site, "content"))).toBe(false);
  });

  it("refuses while a build holds out/, and releases its own hold afterwards", async () => {
    const project = await makeProject();
    const paths = projectPaths(project.root);
    const held = await lockOutputs(paths, 0);
    try {
      const { briefs, diagnostics } = await loadBriefs(paths);
      expect(briefs).toEqual([]);
      expect(diagnostics.map((d) => d.rule)).toEqual(["out/locked"]);
    } finally {
      await held.lock!.release();
    }
    expect((await loadBriefs(paths)).briefs).toHaveLength(3);
    const after = await lockOutputs(paths, 0);
    expect(after.lock).toBeDefined();
    await after.lock!.release();
  });

  it("refuses an out/ edited by hand, with the check's diagnostics", async () => {
    const project = await makeProject({ [`out/${SLUG}/nl.md`]: replace("544,7", "545,7") });
    const { briefs, diagnostics } = await loadBriefs(projectPaths(project.root));
    expect(briefs).toEqual([]);
    expect(diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(["out/stale", "verify/unmatched-figure"]));
  });
});

describe("publish --to hugo into a site folder", () => {
  it("writes every brief once, then skips them all without touching the files", async () => {
    const project = await makeProject();
    const site = emptySite();
    const first = await runCli(["publish", "--to", "hugo", site], project.root);
    expect(first.code, first.stderr).toBe(0);
    expect(rows(first.stdout)).toEqual(LOCALES.map((l) => ["create", `${SLUG}/${l}`, briefPath(l)]));
    const stats = LOCALES.map((l) => statSync(path.join(site, briefPath(l))));
    const second = await runCli(["publish", "--to", "hugo", site], project.root);
    expect(second.code, second.stderr).toBe(0);
    expect(rows(second.stdout)).toEqual(LOCALES.map((l) => ["skip", `${SLUG}/${l}`, briefPath(l)]));
    expect(second.stdout).toMatch(/hugo: created 0, updated 0, deleted 0, 3 unchanged\.\n$/);
    LOCALES.forEach((l, i) => {
      const now = statSync(path.join(site, briefPath(l)));
      expect([now.mtimeMs, now.ino], l).toEqual([stats[i]!.mtimeMs, stats[i]!.ino]);
    });
  });

  it("writes Hugo's front matter keys and the body without its title line", async () => {
    const project = await makeProject();
    const site = emptySite();
    expect((await runCli(["publish", "--to", "hugo", "--draft", site], project.root)).code).toBe(0);
    const text = readFileSync(path.join(site, briefPath("en")), "utf8");
    const keys = [...text.split("---\n")[1]!.matchAll(/^([A-Za-z]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(["title", "description", "date", "draft", "lang", "slug", "translationKey", "tags", "newsbrief", "newsbriefHash"]);
    expect(text).toContain('\ndate: "2025-03-28"\ndraft: true\nlang: "en"\n');
    const body = text.slice(text.indexOf("\n---\n\n") + "\n---\n\n".length);
    expect(body.startsWith("The European Commission has approved")).toBe(true);
    expect(project.read(`out/${SLUG}/en.md`).endsWith(body)).toBe(true);
  });

  it("carries the dataset's editorial tags into the briefs, the feeds and every language's page", async () => {
    const project = await makeProject({ [FACTS]: replace("  template: funding-announcement\n", "  template: funding-announcement\n  tags: [cybersecurity, digital-skills]\n") });
    const built = await runCli(["build"], project.root);
    expect(built.code, built.stderr).toBe(0);
    for (const locale of LOCALES) {
      expect(project.read(`out/${SLUG}/${locale}.md`)).toContain('\ndate: "2025-03-28"\ntags:\n  - "cybersecurity"\n  - "digital-skills"\nsource:\n');
      const feed = JSON.parse(project.read(`out/feed.${locale}.json`)) as { items: Array<{ tags?: string[] }> };
      expect(feed.items.map((item) => item.tags)).toEqual([["cybersecurity", "digital-skills"]]);
    }
    const site = emptySite();
    expect((await runCli(["publish", "--to", "hugo", site], project.root)).code).toBe(0);
    for (const locale of LOCALES) expect(readFileSync(path.join(site, briefPath(locale)), "utf8")).toContain('\ntags:\n  - "cybersecurity"\n  - "digital-skills"\n');
    // A tag is a taxonomy term, never a figure.
    const withDigits = await makeProject({ [FACTS]: replace("  template: funding-announcement\n", "  template: funding-announcement\n  tags: [budget-2025]\n") });
    const refused = await runCli(["build"], withDigits.root);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("a tag without digits");
  });

  it("rewrites only the file that differs", async () => {
    const project = await makeProject();
    const site = emptySite();
    await runCli(["publish", "--to", "hugo", site], project.root);
    const edited = path.join(site, briefPath("nl"));
    // Without its fingerprint, a changed file is newsbrief's to rewrite (as files written before fingerprints were).
    writeFileSync(edited, readFileSync(edited, "utf8").replace("Chipsfonds", "Chipfonds").replace(/^newsbriefHash: .*\n/m, ""));
    const before = LOCALES.map((l) => statSync(path.join(site, briefPath(l))).ino);
    const run = await runCli(["publish", "--to", "hugo", site], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(rows(run.stdout).map((r) => r[0])).toEqual(["skip", "update", "skip"]);
    expect(readFileSync(edited, "utf8")).toContain("Chipsfonds");
    const after = LOCALES.map((l) => statSync(path.join(site, briefPath(l))).ino);
    expect([after[0] === before[0], after[1] === before[1], after[2] === before[2]]).toEqual([true, false, true]);
  });

  it("--dry-run lists the plan and writes nothing", async () => {
    const project = await makeProject();
    const site = emptySite();
    mkdirSync(path.join(site, "content"));
    writeFileSync(path.join(site, "content", "about.md"), "---\ntitle: About\n---\n");
    const before = digestTree(snapshotTree(site));
    const run = await runCli(["publish", "--to", "hugo", "--dry-run", "--prune", site], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(rows(run.stdout).map((r) => r[0])).toEqual(["create", "create", "create"]);
    expect(run.stdout).toMatch(/hugo: would create 3, update 0, delete 0, 0 unchanged \(dry run: nothing written\)\.\n$/);
    expect(digestTree(snapshotTree(site))).toEqual(before);
  });

  it("--prune deletes only files newsbrief wrote for articles that are gone", async () => {
    const project = await makeProject();
    const site = emptySite();
    await runCli(["publish", "--to", "hugo", site], project.root);
    const ours = readFileSync(path.join(site, briefPath("fr")), "utf8");
    const plant = (relative: string, text: string) => {
      mkdirSync(path.dirname(path.join(site, relative)), { recursive: true });
      writeFileSync(path.join(site, relative), text);
    };
    plant("content/briefs/old-story/index.fr.md", ours.replaceAll(SLUG, "old-story"));
    plant("content/briefs/old-story/index.nl.md", ours.replaceAll(SLUG, "old-story"));
    plant("content/briefs/hand-made/index.fr.md", ours.replace("newsbrief: true\n", ""));
    plant("content/briefs/marked-false/index.fr.md", ours.replace("newsbrief: true\n", "newsbrief: false\n"));
    plant("content/about.md", ours);
    plant("content/briefs/old-story/photo.jpg", "not text");

    const without = await runCli(["publish", "--to", "hugo", site], project.root);
    expect(rows(without.stdout).map((r) => r[0])).toEqual(["skip", "skip", "skip"]);
    expect(existsSync(path.join(site, "content/briefs/old-story/index.fr.md"))).toBe(true);

    const before = snapshotTree(site);
    const run = await runCli(["publish", "--to", "hugo", "--prune", site], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(rows(run.stdout).filter((r) => r[0] === "delete")).toEqual([
      ["delete", "old-story/fr", "content/briefs/old-story/index.fr.md"],
      ["delete", "old-story/nl", "content/briefs/old-story/index.nl.md"],
    ]);
    const after = snapshotTree(site);
    expect([...before.keys()].filter((k) => !after.has(k))).toEqual(["content/briefs/old-story/index.fr.md", "content/briefs/old-story/index.nl.md"]);
    for (const [file, bytes] of after) expect(bytes.equals(before.get(file)!), file).toBe(true);
  });

  it("switching --layout warns about the briefs of the other layout, and --prune removes them", async () => {
    const project = await makeProject();
    const site = emptySite();
    expect((await runCli(["publish", "--to", "hugo", "--layout", "per-locale-dir", site], project.root)).code).toBe(0);
    const old = LOCALES.map((l) => `content/${l}/briefs/${SLUG}.md`);
    const handMade = `content/fr/briefs/hand-made.md`;
    mkdirSync(path.dirname(path.join(site, handMade)), { recursive: true });
    writeFileSync(path.join(site, handMade), "---\ntitle: Written by hand\n---\n");

    const switched = await runCli(["publish", "--to", "hugo", site], project.root);
    expect(switched.code, switched.stderr).toBe(0);
    expect(rows(switched.stdout).map((r) => r[0])).toEqual(["create", "create", "create"]);
    expect(switched.stderr).toContain(`hugo: warning: 3 brief file(s) written with another layout are still in the site (such as ${[...old].sort()[0]}): add --prune to remove them, or publish with that --layout\n`);
    for (const file of old) expect(existsSync(path.join(site, file)), file).toBe(true);

    const pruned = await runCli(["publish", "--to", "hugo", "--prune", site], project.root);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(rows(pruned.stdout).filter((r) => r[0] === "delete").map((r) => r[2])).toEqual([...old].sort());
    for (const file of old) expect(existsSync(path.join(site, file)), file).toBe(false);
    expect(existsSync(path.join(site, handMade))).toBe(true);
    for (const locale of LOCALES) expect(existsSync(path.join(site, briefPath(locale)))).toBe(true);
    expect((await runCli(["publish", "--to", "hugo", site], project.root)).stderr).not.toContain("warning");
  });

  it("never replaces a file it did not write (no newsbrief mark): exit 3, nothing written", async () => {
    const project = await makeProject();
    const site = emptySite();
    mkdirSync(path.join(site, "content", "briefs", SLUG), { recursive: true });
    writeFileSync(path.join(site, briefPath("en")), "---\ntitle: Written by hand\n---\n\nKeep me.\n");
    const before = digestTree(snapshotTree(site));
    const run = await runCli(["publish", "--to", "hugo", site], project.root);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${briefPath("en")} exists and was not written by newsbrief`);
    expect(digestTree(snapshotTree(site))).toEqual(before);
  });

  it("names every file in the way in one run, not one file per run", async () => {
    const project = await makeProject();
    const site = emptySite();
    mkdirSync(path.join(site, "content", "briefs", SLUG), { recursive: true });
    for (const locale of LOCALES) writeFileSync(path.join(site, briefPath(locale)), `---\ntitle: Written by hand (${locale})\n---\n\nKeep me.\n`);
    const before = digestTree(snapshotTree(site));
    const run = await runCli(["publish", "--to", "hugo", site], project.root);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${LOCALES.length} files exist and were not written by newsbrief: ${LOCALES.map((l) => briefPath(l)).join(", ")}`);
    expect(run.stderr).toContain("move them away, or add the mark");
    expect(digestTree(snapshotTree(site))).toEqual(before);
  });

  it("refuses to write through a symbolic link planted in the site, and writes nothing outside", async () => {
    const project = await makeProject();
    const outside = emptySite();
    for (const planted of ["content", "content/briefs", `content/briefs/${SLUG}`, briefPath("nl")]) {
      const site = emptySite();
      const parts = planted.split("/");
      mkdirSync(path.join(site, ...parts.slice(0, -1)), { recursive: true });
      if (planted.endsWith(".md")) {
        // Create the others first, so that the link is met part-way.
        writeFileSync(path.join(outside, "victim.md"), "untouched\n");
        symlinkSync(path.join(outside, "victim.md"), path.join(site, ...parts));
      } else {
        symlinkSync(outside, path.join(site, ...parts));
      }
      const before = digestTree(snapshotTree(outside));
      const run = await runCli(["publish", "--to", "hugo", site], project.root);
      expect(run.code, `${planted}: ${run.stderr}`).toBe(3);
      expect(run.stderr).toMatch(/symbolic link/);
      expect(run.stderr).toContain("nothing was published");
      expect(digestTree(snapshotTree(outside)), planted).toEqual(before);
      expect(lstatSync(path.join(site, ...parts)).isSymbolicLink()).toBe(true);
    }
  });

  it("reports what was done and not done when the target fails part-way", async () => {
    const project = await makeProject();
    const site = emptySite();
    const paths = projectPaths(project.root);
    const publisher = createPublisher("hugo", { site, cwd: project.root });
    const { briefs } = await loadBriefs(paths);
    const plan = await publisher.plan(briefs, OPTIONS);
    // The site changes between planning and applying: a link appears where the nl brief goes.
    mkdirSync(path.join(site, "content", "briefs", SLUG), { recursive: true });
    symlinkSync("/etc/hostname", path.join(site, briefPath("nl")));
    const result = await publisher.apply(plan, briefs, OPTIONS);
    expect(result.done.map((e) => e.key)).toEqual([`${SLUG}/fr`]);
    expect(result.notDone.map((e) => e.key)).toEqual([`${SLUG}/nl`, `${SLUG}/en`]);
    expect(result.error).toMatch(/index\.nl\.md.*symbolic link/);
    expect(existsSync(path.join(site, briefPath("en")))).toBe(false);
    // The whole flow through publish(): a later run completes what is missing once the link is gone.
    rmSync(path.join(site, briefPath("nl")));
    const again = await publish(paths, publisher, OPTIONS);
    expect(again.result?.done.map((e) => e.action)).toEqual(["skip", "create", "create"]);
  });

  it("exits 1 and writes nothing when out/ is not verified and current", async () => {
    const project = await makeProject({ [`out/${SLUG}/en.md`]: replace("544.7", "545.7") });
    const site = emptySite();
    const run = await runCli(["publish", "--to", "hugo", site], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/out\/eu-digital-europe-2025-2027\/en\.md:\d+:\d+ {2}error {2}.*\[verify\/unmatched-figure\]/);
    expect(run.stderr).toContain("nothing was published");
    expect(snapshotTree(site).size).toBe(0);
  });

  it("exits 2 on usage errors: unknown target, unknown layout, missing site", async () => {
    const project = await makeProject();
    const site = emptySite();
    for (const args of [["--to", "ghost", site], ["--to", "hugo", "--layout", "multiple_files", site], ["--to", "hugo"], ["--to", "hugo", path.join(site, "missing")], [site]]) {
      const run = await runCli(["publish", ...args], project.root);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.length).toBeGreaterThan(0);
    }
    expect(snapshotTree(site).size).toBe(0);
  });

  it("exits 2 on another target's flag instead of ignoring it", async () => {
    const project = await makeProject();
    const site = emptySite();
    for (const [args, flags] of [
      [["--to", "hugo", site, "--status", "publish"], "--status"],
      [["--to", "decap", site, "--url", "https://newsroom.example/", "--status", "draft"], "--url, --status"],
    ] as const) {
      const run = await runCli(["publish", ...args], project.root);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toBe(`newsbrief: the ${args[1]} target takes no ${flags}: drop ${flags.includes(",") ? "them" : "it"}\n`);
    }
    expect(snapshotTree(site).size).toBe(0);
  });

  it("names every problem of the command line in one run, each once", async () => {
    const project = await makeProject();
    const site = emptySite();
    const hugo = await runCli(["publish", "--to", "hugo", path.join(site, "missing"), "--layout", "bogus", "--url", "https://newsroom.example/"], project.root);
    expect(hugo.code).toBe(2);
    expect(hugo.stderr.split("\n").filter(Boolean)).toEqual([
      "newsbrief: unknown layout `bogus` for hugo: expected one of by-filename, per-locale-dir",
      "newsbrief: the hugo target takes no --url: drop it",
      `newsbrief: the site folder ${path.join(site, "missing")} does not exist or is not a folder`,
    ]);
    const wordpress = await runCli(["publish", "--to", "wordpress", site, "--draft"], project.root);
    expect(wordpress.code).toBe(2);
    const lines = wordpress.stderr.split("\n").filter(Boolean);
    // --draft is explained by the target itself, and not refused a second time as another target's flag.
    expect(lines.filter((line) => line.includes("--draft"))).toEqual(["newsbrief: the wordpress target makes drafts by default: drop --draft (or give --status publish)"]);
    expect(lines).toContain("newsbrief: the wordpress target takes no site folder: give the site's address with --url");
    expect(lines).toContain("newsbrief: the wordpress target needs the site's address: newsbrief publish --to wordpress --url https://newsroom.example/");
    expect(lines.some((line) => line.includes("NEWSBRIEF_WP_USER"))).toBe(true);
    expect(lines.some((line) => line.includes("NEWSBRIEF_WP_APP_PASSWORD"))).toBe(true);
    expect(snapshotTree(site).size).toBe(0);
  });
});
