/**
 * The progress line of long runs: done/total, rate and time left on one
 * terminal line, never when stderr is not a terminal or with --quiet; and
 * the runs that take long (check, diff, publish, review) report it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { progressOf, terminalProgress, type ProgressReporter } from "../src/build/progress.ts";
import { check } from "../src/build/pipeline.ts";
import { gatherReview } from "../src/build/review.ts";
import { projectPaths } from "../src/io/paths.ts";
import { createPublisher, publish } from "../src/publish/index.ts";
import { diffProject } from "../src/review/diff.ts";
import { initRepo, isolateGit } from "./support/git.ts";
import { cleanupProjects, makeProject, replace, SLUG } from "./support/project.ts";

const sites: string[] = [];
afterAll(() => {
  cleanupProjects();
  for (const site of sites) rmSync(site, { recursive: true, force: true });
});

/** A reporter that records each stage: its label, its total and how many steps were ticked before it was done. */
function recorder(): { reporter: ProgressReporter; stages: Array<{ label: string; total: number; ticks: number; done: boolean }> } {
  const stages: Array<{ label: string; total: number; ticks: number; done: boolean }> = [];
  return {
    stages,
    reporter: (label, total) => {
      const stage = { label, total, ticks: 0, done: false };
      stages.push(stage);
      return {
        tick: () => void stage.ticks++,
        done: () => void (stage.done = true),
      };
    },
  };
}

describe("the progress line", () => {
  it("shows done of total, the rate and the time left, redrawn at most five times a second, then clears its line", () => {
    let now = 0;
    const written: string[] = [];
    const progress = terminalProgress((text) => written.push(text), () => now)("check", 60)!;
    for (let i = 0; i < 6; i++) {
      now += 100;
      progress.tick();
    }
    progress.done();
    expect(written).toEqual([
      "\rcheck: 2/60 articles, 10/s, 6 s left\x1b[K",
      "\rcheck: 4/60 articles, 10/s, 6 s left\x1b[K",
      "\rcheck: 6/60 articles, 10/s, 6 s left\x1b[K",
      "\r\x1b[K",
    ]);
  });

  it("counts the rate from the first article done, says minutes when there are more than sixty seconds left, and shows nothing for short stages", () => {
    let now = 0;
    const written: string[] = [];
    const reporter = terminalProgress((text) => written.push(text), () => now);
    expect(reporter("check", 49)).toBeUndefined();
    const long = reporter("check", 10_000)!;
    // The first article done (after the workers started) shows no rate yet; the rate is counted from it.
    now = 5000;
    long.tick();
    now = 6000;
    long.tick();
    expect(written).toEqual(["\rcheck: 1/10000 articles\x1b[K", "\rcheck: 2/10000 articles, 1/s, 166 min 38 s left\x1b[K"]);
  });

  it("is drawn on a terminal only, and not with --quiet", () => {
    const stderr = () => {};
    expect(progressOf({ stderr, isTTY: false })).toBeUndefined();
    expect(progressOf({ stderr })).toBeUndefined();
    expect(progressOf({ stderr, isTTY: true }, true)).toBeUndefined();
    expect(progressOf({ stderr, isTTY: true })).toBeTypeOf("function");
  });
});

describe("the runs that report their progress", () => {
  it("check, review and publish tick once per article, and say when they are done", async () => {
    const project = await makeProject();
    const paths = projectPaths(project.root);

    const checked = recorder();
    expect((await check(paths, { progress: checked.reporter })).diagnostics).toEqual([]);
    expect(checked.stages).toEqual([{ label: "check", total: 1, ticks: 1, done: true }]);

    const reviewed = recorder();
    await gatherReview(paths, { progress: reviewed.reporter });
    expect(reviewed.stages).toEqual([{ label: "review", total: 1, ticks: 1, done: true }]);

    const published = recorder();
    const site = mkdtempSync(path.join(tmpdir(), "newsbrief-site-"));
    sites.push(site);
    const run = await publish(paths, createPublisher("hugo", { site, cwd: project.root }), { dryRun: true, prune: false, progress: () => {} }, published.reporter);
    expect(run.diagnostics).toEqual([]);
    expect(run.plan).toHaveLength(3);
    expect(published.stages).toEqual([{ label: "check", total: 1, ticks: 1, done: true }]);
  });

  it("diff reports the verification of the changed articles", async () => {
    isolateGit();
    const project = await makeProject();
    initRepo(project.root);
    project.apply({ [`content/${SLUG}/facts.yaml`]: replace('date: "2025-03-28"', 'date: "2025-03-27"') });
    const diffed = recorder();
    const report = await diffProject(projectPaths(project.root), { base: "main", progress: diffed.reporter });
    expect(report.articles.map((a) => a.slug)).toEqual([SLUG]);
    // out/ was not built again: the changed article fails its verification, and the progress was still shown and cleared.
    expect(report.summary.verification).toBe("failed");
    expect(diffed.stages).toEqual([{ label: "check", total: 1, ticks: 1, done: true }]);
  });
});
