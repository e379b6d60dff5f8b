/**
 * Throwaway git repositories for the review tests: real `git`, run with
 * argument arrays, isolated from the machine's configuration (no system
 * config, HOME in the temp folder, fixed author and dates).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const made: string[] = [];

/** The environment every git command of the tests runs with, and the one `newsbrief diff` sees. */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: path.join(home, ".gitconfig"),
    GIT_AUTHOR_NAME: "Desk",
    GIT_AUTHOR_EMAIL: "desk@example.org",
    GIT_COMMITTER_NAME: "Desk",
    GIT_COMMITTER_EMAIL: "desk@example.org",
    GIT_AUTHOR_DATE: "2025-03-28T12:00:00Z",
    GIT_COMMITTER_DATE: "2025-03-28T12:00:00Z",
    GIT_TERMINAL_PROMPT: "0",
  };
}

let home: string | undefined;

/**
 * Points this test process's git at an empty HOME and no system config, so
 * that `newsbrief diff` (which runs git with the process environment) does
 * not depend on the machine. Call once per test file, in `beforeAll`.
 */
export function isolateGit(): string {
  home ??= mkdtempSync(path.join(tmpdir(), "newsbrief-home-"));
  Object.assign(process.env, gitEnv(home));
  return home;
}

/** Runs git in `cwd` and returns its stdout, trimmed; throws with stderr when it fails. */
export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: gitEnv(isolateGit()), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Makes `dir` a repository on branch `main` and commits everything in it. */
export function initRepo(dir: string, message = "Initial content"): string {
  gitIn(dir, "init", "--quiet", "--initial-branch=main");
  return commitAll(dir, message);
}

/** Commits every change in `dir`; returns the new commit id. */
export function commitAll(dir: string, message: string): string {
  gitIn(dir, "add", "--all");
  gitIn(dir, "commit", "--quiet", "--allow-empty", "-m", message);
  return gitIn(dir, "rev-parse", "HEAD");
}

/**
 * Publishes `dir` as a bare "origin" and returns a clone of it, as a CI
 * checkout with full history is: `origin/main` exists and HEAD is main.
 */
export function cloneAsCheckout(dir: string): string {
  const parent = mkdtempSync(path.join(tmpdir(), "newsbrief-origin-"));
  made.push(parent);
  const bare = path.join(parent, "origin.git");
  const clone = path.join(parent, "checkout");
  gitIn(parent, "clone", "--quiet", "--bare", dir, bare);
  gitIn(parent, "clone", "--quiet", bare, clone);
  return clone;
}

/** Deletes the folders made by {@link cloneAsCheckout}, and the HOME. */
export function cleanupRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (home) rmSync(home, { recursive: true, force: true });
  home = undefined;
}
