import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_ROOT, ROOT, SLUG } from "./support/fixtures.ts";

const BIN = path.join(ROOT, "src", "bin.js");
const ARTICLES = 30;
let project: string;
let before: Map<string, string>;
let after: Map<string, string>;

/** path → sha256 of every file under `dir`. */
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: "utf8", withFileTypes: false }).sort();
  const map = new Map<string, string>();
  for (const name of files) {
    const full = path.join(dir, name);
    try {
      map.set(name, createHash("sha256").update(readFileSync(full)).digest("hex"));
    } catch {
      // a directory
    }
  }
  return map;
}

function build(): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, "--root", project, "build", "--no-cache"], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Switches every article between the two versions whose outputs we know. */
function setVersion(version: "before" | "after"): void {
  const locale = readFileSync(path.join(FIXTURE_ROOT, "locales", "en.json"), "utf8");
  writeFileSync(path.join(project, "locales", "en.json"), version === "before" ? locale : locale.replace('"Key figures"', '"Key numbers"'));
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), "newsbrief-kill-"));
  for (const dir of ["templates", "locales"]) cpSync(path.join(FIXTURE_ROOT, dir), path.join(project, dir), { recursive: true });
  for (let i = 0; i < ARTICLES; i++) {
    const target = path.join(project, "content", `${SLUG}-${i}`);
    mkdirSync(target, { recursive: true });
    cpSync(path.join(FIXTURE_ROOT, "content", SLUG), target, { recursive: true });
  }
  setVersion("after");
  expect(build().status).toBe(0);
  after = snapshot(path.join(project, "out"));
  setVersion("before");
  expect(build().status).toBe(0);
  before = snapshot(path.join(project, "out"));
  expect(after.size).toBe(before.size);
  expect(after).not.toEqual(before);
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** How many files a folder holds, its subfolders included; 0 when it is gone. */
function countFiles(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
  } catch {
    return 0;
  }
}

/** The first entry beside out/ whose name starts with `prefix`. */
function beside(prefix: string): string | undefined {
  return readdirSync(project).find((name) => name.startsWith(prefix));
}

/**
 * A moment of a build, recognised from the files the build makes: the test
 * polls for it and kills the build as soon as it is seen. `seen` says what
 * was there, for the failure message.
 */
interface KillPoint {
  /** What the folder beside out/ looks like at that moment, or undefined while it is not there yet. */
  seen(): string | undefined;
  /** Whether out/ may already hold the new tree at that moment. */
  swapped: boolean;
}

const killPoints: Array<[string, KillPoint]> = [
  [
    "as soon as the build holds the lock, before anything is staged",
    {
      // Once the lock names its owner: a lock file killed while still empty is another matter (see hostile.test.ts).
      seen: () => {
        const lock = path.join(project, ".out.lock");
        const owner = existsSync(lock) ? readFileSync(lock, "utf8") : "";
        return owner.endsWith("}") && !beside(".out.staging-") ? `lock ${owner}` : undefined;
      },
      swapped: false,
    },
  ],
  ["as soon as the staging folder appears", { seen: () => beside(".out.staging-") && `staging ${beside(".out.staging-")}`, swapped: false }],
  [
    "with the staging folder half written",
    {
      seen: () => {
        const staging = beside(".out.staging-");
        const files = staging ? countFiles(path.join(project, staging)) : 0;
        return files >= before.size / 2 && files < before.size ? `staging ${staging} with ${files} of ${before.size} files` : undefined;
      },
      swapped: false,
    },
  ],
  ["while the old tree is being removed, after the swap", { seen: () => beside(".out.old-") && `old tree ${beside(".out.old-")}`, swapped: true }],
];

/** The line a build prints when it has finished writing out/. */
const COMPLETED = /\d+ article\(s\), \d+ file\(s\), \d+ figure\(s\) verified/;

describe("a build killed at any moment", () => {
  it.each(killPoints)("%s leaves a complete tree, and the next build recovers", async (_name, point) => {
    setVersion("after");
    const child = spawn(process.execPath, [BIN, "--root", project, "build", "--no-cache"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.resume();
    let running = true;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (code, signal) => {
        running = false;
        resolve({ code, signal });
      }),
    );
    // Poll for the kill point; the build must still be running when it is seen.
    const seen = await new Promise<string | undefined>((resolve) => {
      const poll = () => {
        const state = point.seen();
        if (state !== undefined) {
          child.kill("SIGKILL");
          resolve(state);
        } else if (!running) resolve(undefined);
        else setTimeout(poll, 1);
      };
      poll();
    });
    const ended = await exited;

    // The kill landed mid-build: the moment was seen while the build ran,
    // the build died of the signal, and never said it had finished.
    expect(seen, "the build ended before the kill point was seen").toBeDefined();
    expect(ended, `killed at: ${seen}`).toEqual({ code: null, signal: "SIGKILL" });
    expect(stdout).not.toMatch(COMPLETED);

    const out = path.join(project, "out");
    const leftovers = readdirSync(project).filter((name) => name.startsWith(".out."));
    if (existsSync(out)) {
      // out/ is always one whole tree: all old or all new, never a mix;
      // all old unless the swap had happened.
      const state = snapshot(out);
      expect(point.swapped ? [before, after] : [before]).toContainEqual(state);
    } else {
      // Killed between the two renames: the old tree waits, complete, beside it.
      const old = leftovers.find((name) => name.startsWith(".out.old-"));
      expect(old).toBeDefined();
      expect(snapshot(path.join(project, old!))).toEqual(before);
    }

    // The next build cleans up and completes.
    const next = build();
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).toMatch(COMPLETED);
    expect(snapshot(out)).toEqual(after);
    expect(readdirSync(project).filter((name) => name.startsWith(".out."))).toEqual([]);

    setVersion("before");
    expect(build().status).toBe(0);
    expect(snapshot(out)).toEqual(before);
  }, 300_000);
});
