/**
 * The examples of README.md and docs/provenance.md are what the commands
 * print for the bundled article.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupProjects, makeProject, REPO_ROOT, runCli, SOURCE } from "./support/project.ts";

const README = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const PROVENANCE = readFileSync(path.join(REPO_ROOT, "docs", "provenance.md"), "utf8");

afterAll(() => cleanupProjects());

describe("documented examples", () => {
  it("the Quick start lines are the ones `npm start` prints for the bundled article", async () => {
    const section = README.slice(README.indexOf("`npm start` prints"), README.indexOf("## What it writes"));
    const lines = [...section.matchAll(/`([^`]*(?:source figures|verified)[^`]*)`/g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(0);
    const project = await makeProject();
    const run = await runCli(["build"], project.root);
    expect(run.code, run.stderr).toBe(0);
    for (const line of lines) expect(run.stdout.split("\n")).toContain(line);
  });

  it("the lines of the `extract` example in docs/provenance.md are the ones it prints", async () => {
    const start = PROVENANCE.indexOf("$ newsbrief extract ");
    expect(start).toBeGreaterThan(-1);
    const example = PROVENANCE.slice(start, PROVENANCE.indexOf("```", start)).split("\n");
    const args = example[0]!.replace("$ newsbrief ", "").split(" ");
    expect(args).toEqual(["extract", SOURCE]);
    const project = await makeProject();
    const run = await runCli(args, project.root);
    expect(run.code, run.stderr).toBe(0);
    const shown = example.slice(1).filter((line) => line !== "" && line !== "...");
    expect(shown.length).toBeGreaterThan(2);
    for (const line of shown) expect(run.stdout.split("\n")).toContain(line);
  });
});
