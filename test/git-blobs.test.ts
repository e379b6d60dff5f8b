/**
 * Reading the base side of a comparison: every blob asked for comes back
 * whole from one `git cat-file --batch`, whatever its size and bytes, and a
 * missing object is a git problem.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitError, readBlobs } from "../src/io/git.ts";
import { isolateGit } from "./support/git.ts";
import compare from "../src/review/compare-worker.ts";
import { projectPaths } from "../src/io/paths.ts";

let repo: string;
beforeAll(() => {
  isolateGit();
  repo = mkdtempSync(path.join(tmpdir(), "newsbrief-blobs-"));
  execFileSync("git", ["init", "-q"], { cwd: repo });
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** Stores `bytes` as a blob; its object id. */
function store(bytes: Buffer): string {
  return execFileSync("git", ["hash-object", "-w", "--stdin"], { cwd: repo, input: bytes }).toString("utf8").trim();
}

describe("readBlobs", () => {
  it("gives back every blob byte for byte: empty, with newlines and spaces, larger than a pipe's chunk", async () => {
    const large = Buffer.alloc(300_000);
    for (let i = 0; i < large.length; i++) large[i] = (i * 31 + 7) % 256;
    const contents = [Buffer.alloc(0), Buffer.from("line\n\nmissing 12 34\n"), large, Buffer.from("Le budget : 544,7 millions d’euros\n"), Buffer.from("\n")];
    const oids = contents.map(store);
    // Asked twice, read once.
    const blobs = await readBlobs(repo, [...oids, oids[1]!]);
    expect(blobs.size).toBe(contents.length);
    for (const [i, oid] of oids.entries()) expect(blobs.get(oid)!.equals(contents[i]!), `blob ${i}`).toBe(true);
  });

  it("rejects an object the repository does not hold", async () => {
    const known = store(Buffer.from("known\n"));
    await expect(readBlobs(repo, [known, "0123456789abcdef0123456789abcdef01234567"])).rejects.toThrow(GitError);
    await expect(readBlobs(repo, ["0123456789abcdef0123456789abcdef01234567"])).rejects.toThrow(/missing/);
  });

  it("a blob missing when a large diff compares in its own thread comes back as a git problem, not a crash", async () => {
    const facts = "content/an-article/facts.yaml";
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const outcome = await compare({
      paths: projectPaths(repo),
      reaching: false,
      batch: 1,
      index: { entries: new Map([[facts, { path: facts, mode: "100644", oid: missing }]]) },
      differing: [facts],
    });
    expect(outcome).toEqual({ git: true, message: expect.stringContaining(missing) });
  });

  it("asks nothing of git for no blob", async () => {
    expect((await readBlobs(path.join(repo, "not-a-repository"), [])).size).toBe(0);
  });
});
