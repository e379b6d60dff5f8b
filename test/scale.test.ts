/**
 * Large projects: no run opens more files than the system allows, and the
 * worker pool writes exactly what a single thread writes.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build, check } from "../src/build/pipeline.ts";
import { projectPaths } from "../src/io/paths.ts";
import { FIXTURE_ROOT, ROOT, SLUG } from "./support/fixtures.ts";
import { runCli, snapshotTree as snapshot } from "./support/project.ts";
import { gatherReview, prepareReview } from "../src/build/review.ts";
import { writeReviewPages } from "../src/commands/review.ts";
import { readArticle } from "../src/io/read.ts";
import { compareApart, diffProject } from "../src/review/diff.ts";
import { GitError } from "../src/io/git.ts";
import { initRepo, isolateGit } from "./support/git.ts";
import { reviewFiles } from "../src/review-page/page.ts";

const BIN = path.join(ROOT, "src", "bin.js");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project of `count` copies of the fixture article, each with its own date so that feeds sort them. */
function bigProject(count: number): string {
  const root = mkdtempSync(path.join(tmpdir(), "newsbrief-scale-"));
  made.push(root);
  for (const dir of ["templates", "locales"]) cpSync(path.join(FIXTURE_ROOT, dir), path.join(root, dir), { recursive: true });
  const facts = readFileSync(path.join(FIXTURE_ROOT, "content", SLUG, "facts.yaml"), "utf8");
  const source = readFileSync(path.join(FIXTURE_ROOT, "content", SLUG, "source.fr.md"), "utf8");
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, "content", `article-${String(i).padStart(4, "0")}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "facts.yaml"), facts);
    writeFileSync(path.join(dir, "source.fr.md"), source);
  }
  return root;
}

/** Runs the CLI with at most 256 open files. */
function limited(root: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const command = ["ulimit -n 256;", "exec", JSON.stringify(process.execPath), JSON.stringify(BIN), "--root", JSON.stringify(root), ...args].join(" ");
  const run = spawnSync("bash", ["-c", command], { encoding: "utf8", timeout: 600_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function git(root: string, ...args: string[]): void {
  const run = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", ...args], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
}

describe("a project larger than the open-file limit", () => {
  it("builds, rebuilds, checks and diffs under ulimit -n 256", () => {
    const root = bigProject(300);
    const cold = limited(root, "build");
    expect(cold.stderr).toBe("");
    expect(cold.status).toBe(0);
    expect(cold.stdout).toContain("300 article(s), 1804 file(s)");

    const again = limited(root, "build");
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("out/ already up to date");
    expect(again.stdout).toContain("300 unchanged article(s) reused");

    git(root, "init", "-q", "-b", "main");
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "base");
    const facts = path.join(root, "content", "article-0007", "facts.yaml");
    writeFileSync(facts, readFileSync(facts, "utf8").replace('date: "2025-03-28"', 'date: "2025-03-01"'));
    const one = limited(root, "build");
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain("299 unchanged article(s) reused");

    const checked = limited(root, "check");
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toContain("300 article(s), 1804 file(s)");

    const diff = limited(root, "diff", "--base", "main");
    expect(diff.status, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("article-0007");

    // A message used by every article: everything is checked again.
    const en = path.join(root, "locales", "en.json");
    writeFileSync(en, readFileSync(en, "utf8").replace('"Key figures"', '"Key numbers"'));
    const shared = limited(root, "diff", "--base", "main");
    expect(shared.status, shared.stderr).toBe(0);
  }, 900_000);
});

describe("the worker pool", () => {
  it("writes byte for byte what one thread writes, and check agrees", async () => {
    const pooled = bigProject(12);
    const single = bigProject(12);
    const a = await build(projectPaths(pooled), { jobs: 2, poolFrom: 1, cache: false });
    const b = await build(projectPaths(single), { jobs: 1, cache: false });
    expect(a.diagnostics).toEqual([]);
    expect(b.diagnostics).toEqual([]);
    expect(a.figuresVerified).toBe(b.figuresVerified);
    expect(snapshot(path.join(pooled, "out"))).toEqual(snapshot(path.join(single, "out")));
    const checked = await check(projectPaths(pooled), { jobs: 2, poolFrom: 1 });
    expect(checked.diagnostics).toEqual([]);
    expect(checked.figuresVerified).toBe((await check(projectPaths(single), { jobs: 1 })).figuresVerified);
  }, 300_000);

  it("checks out/ as one thread checks it: hand edits, lint findings and missing files alike", async () => {
    const root = bigProject(12);
    expect((await build(projectPaths(root), { jobs: 1 })).diagnostics).toEqual([]);
    const edited = path.join(root, "out", "article-0003", "fr.md");
    writeFileSync(edited, `${readFileSync(edited, "utf8")}Ajouté à la main: 12 millions d'euros.\n`);
    rmSync(path.join(root, "out", "article-0007", "nl.html"));
    const one = await check(projectPaths(root), { jobs: 1, lint: true, recordOutputs: true });
    const pooled = await check(projectPaths(root), { jobs: 2, poolFrom: 1, lint: true, recordOutputs: true });
    expect(pooled.diagnostics).toEqual(one.diagnostics);
    expect(pooled.figuresVerified).toBe(one.figuresVerified);
    // The hashes of the briefs as read, for publishing: the edited file's as it is now.
    expect([...pooled.outputHashes!]).toEqual([...one.outputHashes!]);
    expect(pooled.outputHashes!.size).toBe(12 * 6 - 1);
    expect(pooled.outputHashes!.get("article-0003/fr.md")).toBe(createHash("sha256").update(readFileSync(edited)).digest("hex"));
    const rules = [...new Set(one.diagnostics.map((d) => `${d.rule} ${d.file.replace(/^.*?out\//, "out/")}`))].sort();
    expect(rules).toEqual([
      "lint/apostrophe out/article-0003/fr.md",
      "lint/fr-space-before-punctuation locales/fr.json",
      "out/missing out/article-0007/nl.html",
      "out/stale out/article-0003/fr.md",
      "verify/style out/article-0003/fr.md",
      "verify/unmatched-figure out/article-0003/fr.md",
    ]);
  }, 300_000);

  it("leaves out/ as it was, and nothing beside it, when one article fails after the workers staged the others", async () => {
    const root = bigProject(12);
    expect((await build(projectPaths(root), { jobs: 2, poolFrom: 1 })).diagnostics).toEqual([]);
    const before = snapshot(path.join(root, "out"));
    const beside = readdirSync(root).sort();
    for (const slug of ["article-0002", "article-0005"]) {
      const facts = path.join(root, "content", slug, "facts.yaml");
      writeFileSync(facts, readFileSync(facts, "utf8").replace('date: "2025-03-28"', 'date: "2025-03-02"'));
    }
    writeFileSync(path.join(root, "content", "article-0009", "facts.yaml"), "title: [unclosed\n");
    const failed = await build(projectPaths(root), { jobs: 2, poolFrom: 1, cache: false });
    expect(failed.diagnostics.some((d) => d.severity === "error" && d.file.includes("article-0009"))).toBe(true);
    expect(failed.changed).toEqual([]);
    expect(snapshot(path.join(root, "out"))).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(beside);
  }, 300_000);
});

describe("the review pages of a project larger than a batch", () => {
  it("are those of the whole project reviewed at once, index included", async () => {
    const root = bigProject(205);
    // One article with a problem of its own, in the last batch: it shows on its page and in the index.
    const facts = path.join(root, "content", "article-0204", "facts.yaml");
    writeFileSync(facts, readFileSync(facts, "utf8").replace('date: "2025-03-28"', 'date: "2025-02-30"'));
    const run = await runCli(["review", "--quiet"], root);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe("206 review page(s) written to review/ (open review/index.html).\n");
    const whole = reviewFiles(await gatherReview(projectPaths(root)));
    expect(whole).toHaveLength(206);
    for (const file of whole) expect(readFileSync(path.join(root, "review", file.path), "utf8"), file.path).toBe(file.contents);
    expect(readdirSync(path.join(root, "review")).sort()).toEqual(whole.map((f) => f.path).sort());
    expect(readFileSync(path.join(root, "review", "index.html"), "utf8")).toContain("article-0204");
  }, 300_000);
});

describe("the review pages, written a batch at a time", () => {
  it("report an article that can no longer be read on the index, and write every other page", async () => {
    const root = bigProject(4);
    const paths = projectPaths(root);
    const { inputs, reviewer } = await prepareReview(paths);
    const order = inputs.articles.map((files) => files.slug);
    expect(order).toEqual(["article-0000", "article-0001", "article-0002", "article-0003"]);
    // article-0002's source goes away between the first read and its batch.
    const read: typeof readArticle = (p, slug, diagnostics) => {
      if (slug === "article-0002") rmSync(path.join(root, "content", slug, "source.fr.md"));
      return readArticle(p, slug, diagnostics);
    };
    const run = await writeReviewPages(paths, "review", order, reviewer, { read });
    expect(run.written).toBe(4);
    expect(run.entries.map((e) => e.slug)).toEqual(["article-0000", "article-0001", "article-0003"]);
    expect(run.general.map((d) => [d.severity, d.file])).toEqual([["error", "content/article-0002/source.fr.md"]]);
    expect(readdirSync(path.join(root, "review")).sort()).toEqual(["article-0000.html", "article-0001.html", "article-0003.html", "index.html"]);
    const index = readFileSync(path.join(root, "review", "index.html"), "utf8");
    expect(index).toContain("Problems of the project");
    expect(index).toContain("content/article-0002/source.fr.md");
  });
});

describe("the review pages, reviewed by worker threads", () => {
  /** A project of five articles, one whose figure no longer matches its source; the slugs read, and the reviewer. */
  async function reviewProject() {
    const root = bigProject(5);
    const facts = path.join(root, "content", "article-0003", "facts.yaml");
    writeFileSync(facts, readFileSync(facts, "utf8").replace(/value: 1232726898\b/, "value: 1232726899"));
    const paths = projectPaths(root);
    const order: string[] = [];
    const { inputs, reviewer } = await prepareReview(paths, { readInto: order });
    return { root, paths, order, inputs, reviewer };
  }

  it("writes, byte for byte, the pages this thread writes, and reports the same problems", async () => {
    const { root, paths, order, inputs, reviewer } = await reviewProject();
    expect(order).toEqual(["article-0000", "article-0001", "article-0002", "article-0003", "article-0004"]);
    // The texts were read, not kept.
    expect(inputs.articles).toEqual([]);
    const here = await writeReviewPages(paths, "here", order, reviewer, { batch: 2 });
    const apart = await writeReviewPages(paths, "apart", order, reviewer, { batch: 2, threads: { jobs: 2, poolFrom: 1, preset: { paths, inputs, lint: true } } });
    expect(apart.batchesApart).toBe(3);
    expect(apart.retried).toEqual([]);
    expect(here.batchesApart).toBe(0);
    expect({ ...apart, batchesApart: 0 }).toEqual(here);
    expect(here.written).toBe(6);
    expect(here.entries.find((e) => e.slug === "article-0003")!.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(here.entries.filter((e) => e.slug !== "article-0003").every((e) => !e.diagnostics.some((d) => d.severity === "error"))).toBe(true);
    const pages = snapshot(path.join(root, "here"));
    expect([...pages.keys()]).toEqual([...order.map((slug) => `${slug}.html`), "index.html"]);
    expect(snapshot(path.join(root, "apart"))).toEqual(pages);
  });

  it("report an article removed since the first read on the index, as this thread does", async () => {
    const { root, paths, order, inputs, reviewer } = await reviewProject();
    rmSync(path.join(root, "content", "article-0001", "facts.yaml"));
    const apart = await writeReviewPages(paths, "apart", order, reviewer, { batch: 2, threads: { jobs: 2, poolFrom: 1, preset: { paths, inputs, lint: true } } });
    expect(apart.entries.map((e) => e.slug)).toEqual(["article-0000", "article-0002", "article-0003", "article-0004"]);
    expect(apart.general.map((d) => [d.severity, d.file])).toEqual([["error", "content/article-0001/facts.yaml"]]);
    expect(apart.batchesApart).toBe(3);
    expect(await writeReviewPages(paths, "here", order, reviewer, { batch: 2 })).toEqual({ ...apart, batchesApart: 0 });
    expect(snapshot(path.join(root, "apart"))).toEqual(snapshot(path.join(root, "here")));
  });

  it("review here the batches a worker fails on, losing no page", async () => {
    const { root, paths, order, reviewer } = await reviewProject();
    // A worker given nothing to make its reviewer of fails every batch.
    const apart = await writeReviewPages(paths, "apart", order, reviewer, { batch: 2, threads: { jobs: 2, poolFrom: 1, preset: undefined as never } });
    expect(apart.written).toBe(6);
    expect(apart.batchesApart).toBe(0);
    // Why is said once, with the number of articles it concerns.
    expect(apart.retried).toHaveLength(1);
    expect(apart.retried[0]!.articles).toBe(5);
    expect(apart.retried[0]!.reason).toBe("a review worker needs the project's shared inputs");
    expect(await writeReviewPages(paths, "here", order, reviewer, { batch: 2 })).toEqual({ ...apart, retried: [] });
    expect(snapshot(path.join(root, "apart"))).toEqual(snapshot(path.join(root, "here")));
  });
});

describe("diff, a batch of articles at a time", () => {
  it("reports what comparing every article at once reports, in this thread or in a worker of its own", async () => {
    isolateGit();
    const root = bigProject(5);
    expect((await build(projectPaths(root), { jobs: 1 })).diagnostics).toEqual([]);
    writeFileSync(path.join(root, ".gitignore"), "node_modules/\n");
    initRepo(root);
    // A Dutch message every article uses, and one article's date.
    const nl = path.join(root, "locales", "nl.json");
    writeFileSync(nl, readFileSync(nl, "utf8").replace('"heading": "De belangrijkste cijfers"', '"heading": "De kerncijfers"'));
    const facts = path.join(root, "content", "article-0003", "facts.yaml");
    writeFileSync(facts, readFileSync(facts, "utf8").replace('date: "2025-03-28"', 'date: "2025-04-02"'));
    expect((await build(projectPaths(root), { jobs: 1 })).diagnostics).toEqual([]);
    const whole = await diffProject(projectPaths(root), { base: "main" });
    expect(whole.articles.map((a) => a.slug)).toEqual(["article-0000", "article-0001", "article-0002", "article-0003", "article-0004"]);
    expect(whole.shared.map((s) => [s.file, s.articles.length])).toEqual([["locales/nl.json", 5]]);
    expect(whole.articles.find((a) => a.slug === "article-0003")!.sections).not.toEqual([]);
    // A batch at a time, in this thread and in a worker thread of its own.
    for (const options of [{ batch: 1 }, { batch: 2 }, { batch: 2, apartFrom: 1 }, { apartFrom: 0 }]) {
      expect(await diffProject(projectPaths(root), { base: "main", ...options }), JSON.stringify(options)).toEqual(whole);
    }
  }, 120_000);

  it("fails in its own thread as it fails here: a git failure as a GitError, anything else as an error", async () => {
    isolateGit();
    const root = bigProject(1);
    writeFileSync(path.join(root, ".gitignore"), "node_modules/\n");
    initRepo(root);
    const paths = projectPaths(root);
    // The base lists a locale file whose object git does not have.
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const index = { entries: new Map([["locales/fr.json", { path: "locales/fr.json", mode: "100644", oid: missing }]]) };
    const gitFails = compareApart({ paths, reaching: true, batch: 2, index, differing: ["locales/fr.json"] });
    await expect(gitFails).rejects.toBeInstanceOf(GitError);
    await expect(gitFails).rejects.toThrow(`object ${missing} is missing from the repository`);
    // A task it cannot read fails with the worker's message, not as git's.
    const broken = compareApart({ paths, reaching: true, batch: 2, index: { entries: new Map() }, differing: null as never });
    await expect(broken).rejects.toThrow(/null/);
    await expect(broken).rejects.not.toBeInstanceOf(GitError);
  }, 60_000);
});

describe("an incremental build", () => {
  it("writes what a build from nothing writes", async () => {
    const root = bigProject(20);
    expect((await build(projectPaths(root), { jobs: 1 })).diagnostics).toEqual([]);
    const facts = path.join(root, "content", "article-0003", "facts.yaml");
    writeFileSync(facts, readFileSync(facts, "utf8").replace('date: "2025-03-28"', 'date: "2025-03-01"'));
    rmSync(path.join(root, "content", "article-0011"), { recursive: true });
    const patched = await build(projectPaths(root), { jobs: 1 });
    expect(patched.diagnostics).toEqual([]);
    expect(patched.cached).toBe(18);
    expect(patched.changed.some((p) => p.startsWith("article-0011/"))).toBe(true);
    const incremental = snapshot(path.join(root, "out"));
    expect((await build(projectPaths(root), { jobs: 1, cache: false })).diagnostics).toEqual([]);
    expect(incremental).toEqual(snapshot(path.join(root, "out")));
    expect((await check(projectPaths(root), { jobs: 1 })).diagnostics).toEqual([]);
    // Again from what an incremental build recorded (where each feed item sits): one more article moves in the feeds.
    const other = path.join(root, "content", "article-0007", "facts.yaml");
    writeFileSync(other, readFileSync(other, "utf8").replace('date: "2025-03-28"', 'date: "2025-04-02"'));
    expect((await build(projectPaths(root), { jobs: 1, cache: false })).diagnostics).toEqual([]);
    const fromNothing = snapshot(path.join(root, "out"));
    writeFileSync(other, readFileSync(other, "utf8").replace('date: "2025-04-02"', 'date: "2025-03-28"'));
    expect((await build(projectPaths(root), { jobs: 1 })).cached).toBe(18);
    writeFileSync(other, readFileSync(other, "utf8").replace('date: "2025-03-28"', 'date: "2025-04-02"'));
    const again = await build(projectPaths(root), { jobs: 1 });
    expect(again.cached).toBe(18);
    expect(snapshot(path.join(root, "out"))).toEqual(fromNothing);
  }, 300_000);
});
