/**
 * A --root that is missing or is a file: a usage error, and nothing is
 * created (taking the lock on out/ must not make the root folder).
 */
import { existsSync, mkdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupProjects, digestTree, makeProject, reported, runCli, snapshotTree } from "./support/project.ts";

afterAll(() => cleanupProjects());

describe("a --root that is not a folder", () => {
  it("build: exit 2 and the missing root is not created", async () => {
    const project = await makeProject();
    const run = await runCli(["--root", "missing", "build"], project.root);
    expect(run.code, run.stderr).toBe(2);
    expect(reported(run.stderr).map((d) => d.rule)).toEqual(["config/missing-folder"]);
    expect(existsSync(project.path("missing"))).toBe(false);
  });

  it("build: a file as root is a usage error, not another build holding out/", async () => {
    const project = await makeProject();
    project.write("notes.txt", "x\n");
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["--root", "notes.txt", "build", "--wait", "0"], project.root);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).not.toContain("out/locked");
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("publish: the missing root is not created", async () => {
    const project = await makeProject();
    mkdirSync(project.path("site"));
    const run = await runCli(["--root", "missing", "publish", "--to", "hugo", "site"], project.root);
    expect(run.code, run.stderr).toBe(2);
    expect(reported(run.stderr).map((d) => d.rule)).toEqual(["config/missing-folder"]);
    expect(run.stderr).not.toContain("is not verified");
    expect(existsSync(project.path("missing"))).toBe(false);
  });

  it("publish: a missing content folder is a usage error, as for check", async () => {
    const project = await makeProject();
    mkdirSync(project.path("site"));
    const checked = await runCli(["--content", "nowhere", "check"], project.root);
    const run = await runCli(["--content", "nowhere", "publish", "--to", "hugo", "site"], project.root);
    expect([checked.code, run.code]).toEqual([2, 2]);
    expect(snapshotTree(project.path("site")).size).toBe(0);
  });
});
