import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, SLUG } from "./support/fixtures.ts";

const BIN = path.join(ROOT, "src", "bin.js");
const ARTICLES = 30;
let project: string;
let before: Map<string, string>;
let after: Map<string, string>;
let buildMs: number;

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

function build(): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, "--root", project, "build", "--no-cache"], { encoding: "utf8" });
  return { status: run.status, stderr: run.stderr };
}

/** Switches every article between the two versions whose outputs we know. */
function setVersion(version: "before" | "after"): void {
  const locale = readFileSync(path.join(ROOT, "locales", "en.json"), "utf8");
  writeFileSync(path.join(project, "locales", "en.json"), version === "before" ? locale : locale.replace('"Key figures"', '"Key numbers"'));
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), "newsbrief-kill-"));
  for (const dir of ["templates", "locales"]) cpSync(path.join(ROOT, dir), path.join(project, dir), { recursive: true });
  for (let i = 0; i < ARTICLES; i++) {
    const target = path.join(project, "content", `${SLUG}-${i}`);
    mkdirSync(target, { recursive: true });
    cpSync(path.join(ROOT, "content", SLUG), target, { recursive: true });
  }
  setVersion("after");
  expect(build().status).toBe(0);
  after = snapshot(path.join(project, "out"));
  setVersion("before");
  const start = performance.now();
  expect(build().status).toBe(0);
  buildMs = performance.now() - start;
  before = snapshot(path.join(project, "out"));
  expect(after.size).toBe(before.size);
  expect(after).not.toEqual(before);
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Resolves once a folder whose name starts with `prefix` appears beside out/, or the child exits. */
function appears(prefix: string, exited: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    void exited.then(() => (done = true));
    const poll = () => {
      if (done || readdirSync(project).some((name) => name.startsWith(prefix))) resolve();
      else setImmediate(poll);
    };
    poll();
  });
}

type Trigger = { after: number } | { appears: string };

describe("a build killed at any moment", () => {
  // Kill points: spread over a whole build, and the moments the staging
  // folder and the old tree first exist (the swap's critical window).
  const triggers: Array<[string, Trigger]> = [
    ["10% into the build", { after: 0.1 }],
    ["40% into the build", { after: 0.4 }],
    ["70% into the build", { after: 0.7 }],
    ["90% into the build", { after: 0.9 }],
    ["while the staging folder is written", { appears: ".out.staging-" }],
    ["between the two renames of the swap", { appears: ".out.old-" }],
  ];

  it.each(triggers)("%s leaves a complete tree, and the next build recovers", async (_name, trigger) => {
    setVersion("after");
    const child = spawn(process.execPath, [BIN, "--root", project, "build", "--no-cache"], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    if ("after" in trigger) await new Promise((resolve) => setTimeout(resolve, buildMs * trigger.after));
    else await appears(trigger.appears, exited);
    child.kill("SIGKILL");
    await exited;

    const out = path.join(project, "out");
    const leftovers = readdirSync(project).filter((name) => name.startsWith(".out."));
    if (existsSync(out)) {
      // out/ is always one whole tree: all old or all new, never a mix.
      const state = snapshot(out);
      expect([before, after]).toContainEqual(state);
    } else {
      // Killed between the two renames: the old tree waits, complete, beside it.
      const old = leftovers.find((name) => name.startsWith(".out.old-"));
      expect(old).toBeDefined();
      expect(snapshot(path.join(project, old!))).toEqual(before);
    }

    // The next build cleans up and completes.
    const next = build();
    expect(next.status, next.stderr).toBe(0);
    expect(snapshot(out)).toEqual(after);
    expect(readdirSync(project).filter((name) => name.startsWith(".out."))).toEqual([]);

    setVersion("before");
    expect(build().status).toBe(0);
    expect(snapshot(out)).toEqual(before);
  });
});
