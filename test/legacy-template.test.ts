/**
 * A version-1 project with a single-file template (`templates/<name>.md.hbs`,
 * no `type.yaml`) and its old locale strings keeps building byte-identically:
 * test/fixtures/legacy/ holds such a project and the out/ it built before
 * story types. Only its `inputHash` lines (and the manifest's hashes of those
 * files) were brought up to date since, when the key came to cover only what
 * a brief uses.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { digestTree, runCli, snapshotTree } from "./support/project.ts";
import { ROOT } from "./support/fixtures.ts";

const LEGACY = path.join(ROOT, "test/fixtures/legacy");
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("a version-1 project with a single-file template", () => {
  it("builds byte-identically to the out/ recorded for it", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsbrief-legacy-"));
    made.push(root);
    for (const folder of ["content", "templates", "locales"]) cpSync(path.join(LEGACY, folder), path.join(root, folder), { recursive: true });
    const run = await runCli(["build"], root);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(digestTree(snapshotTree(path.join(root, "out")))).toEqual(digestTree(snapshotTree(path.join(LEGACY, "out"))));
  });
});
