/**
 * Throwaway projects for end-to-end tests: a copy of the real content/,
 * templates/ and locales/ in a fresh temp folder, with an out/ written by one
 * real build, then changed file by file. Also a byte-exact snapshot of a
 * folder and the CLI driven through a fake process.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { main } from "../../src/cli.ts";
import { formatReport, hasErrors } from "../../src/diagnostics/diagnostic.ts";
import { projectPaths } from "../../src/io/paths.ts";
import { build } from "../../src/build/pipeline.ts";
import { ROOT, SLUG } from "./fixtures.ts";

export { SLUG };
/** The repository root. */
export const REPO_ROOT = ROOT;
/** Project-relative paths of the bundled inputs. */
export const FACTS = `content/${SLUG}/facts.yaml`;
export const SOURCE = `content/${SLUG}/source.fr.md`;
export const TEMPLATE = "templates/funding-announcement.md.hbs";
export const PAGE_TEMPLATE = "templates/page.html.hbs";

/** The input folders copied from the repository. */
const INPUT_FOLDERS = ["content", "templates", "locales"] as const;

/**
 * What to do to one file, keyed by its path relative to the project root:
 * new contents (text or raw bytes), `null` to delete it (a folder too), or a
 * function of the current text, which must change it.
 */
export type FileOverride = string | Uint8Array | null | ((text: string) => string);
export type Overrides = Readonly<Record<string, FileOverride>>;

/** A throwaway project. */
export interface Project {
  /** Absolute path of the project root. */
  readonly root: string;
  /** Absolute path of the output folder. */
  readonly out: string;
  /** Absolute path of a project-relative path. */
  path(relative: string): string;
  read(relative: string): string;
  readBytes(relative: string): Buffer;
  exists(relative: string): boolean;
  write(relative: string, contents: string | Uint8Array): void;
  /** Replaces a file's text with `change(text)`; throws when that changes nothing. */
  edit(relative: string, change: (text: string) => string): void;
  /** Deletes a file or a folder; throws when there is nothing there. */
  remove(relative: string): void;
  /** Applies a map of overrides. */
  apply(overrides: Overrides): void;
}

const made: string[] = [];
let base: Promise<string> | undefined;
let baseDir: string | undefined;

/** The pristine project every other one is copied from, built once per test file. */
function baseProject(): Promise<string> {
  base ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "newsbrief-base-"));
    baseDir = dir;
    for (const folder of INPUT_FOLDERS) cpSync(path.join(REPO_ROOT, folder), path.join(dir, folder), { recursive: true });
    const result = await build(projectPaths(dir), { cache: false });
    if (hasErrors(result.diagnostics) || result.files.length === 0) {
      throw new Error(`the real project does not build, so no test project can be made:\n${formatReport(result.diagnostics)}`);
    }
    return dir;
  })();
  return base;
}

/**
 * Makes a project in a fresh temp folder: the real inputs and a valid, built
 * out/, then `overrides` applied in order.
 */
export async function makeProject(overrides: Overrides = {}): Promise<Project> {
  const from = await baseProject();
  const root = mkdtempSync(path.join(tmpdir(), "newsbrief-test-"));
  made.push(root);
  for (const folder of [...INPUT_FOLDERS, "out"]) cpSync(path.join(from, folder), path.join(root, folder), { recursive: true });
  const project = projectAt(root);
  project.apply(overrides);
  return project;
}

/** File helpers over an existing project folder. */
export function projectAt(root: string): Project {
  const abs = (relative: string) => {
    const full = path.resolve(root, relative);
    if (full !== root && !full.startsWith(root + path.sep)) throw new Error(`${relative} is outside the project`);
    return full;
  };
  const project: Project = {
    root,
    out: path.join(root, "out"),
    path: abs,
    read: (relative) => readFileSync(abs(relative), "utf8"),
    readBytes: (relative) => readFileSync(abs(relative)),
    exists: (relative) => existsSync(abs(relative)),
    write(relative, contents) {
      mkdirSync(path.dirname(abs(relative)), { recursive: true });
      writeFileSync(abs(relative), contents);
    },
    edit(relative, change) {
      const before = project.read(relative);
      const after = change(before);
      if (after === before) throw new Error(`the edit of ${relative} changed nothing: the test no longer breaks what it means to`);
      project.write(relative, after);
    },
    remove(relative) {
      if (!existsSync(abs(relative))) throw new Error(`cannot delete ${relative}: it does not exist`);
      rmSync(abs(relative), { recursive: true, force: true });
    },
    apply(overrides) {
      for (const [relative, override] of Object.entries(overrides)) {
        if (override === null) project.remove(relative);
        else if (typeof override === "function") project.edit(relative, override);
        else project.write(relative, override);
      }
    },
  };
  return project;
}

/**
 * An edit that replaces `from` (the first match, or every match of a global
 * RegExp) by `to`, and throws when `from` is not found, so that a test
 * cannot silently stop breaking anything when the real content changes.
 */
export function replace(from: string | RegExp, to: string): (text: string) => string {
  return (text) => {
    const found = typeof from === "string" ? text.includes(from) : new RegExp(from.source, from.flags.replace("g", "")).test(text);
    if (!found) throw new Error(`${String(from)} is not in the file`);
    return typeof from === "string" ? text.replace(from, () => to) : text.replace(from, to);
  };
}

/** Every file under `dir`, keyed by its `/`-separated relative path, with its bytes; empty when `dir` does not exist. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full, relative);
      else files.set(relative, readFileSync(full));
    }
  };
  if (existsSync(dir)) walk(dir, "");
  return files;
}

/**
 * A snapshot as `{ path: sha256 }`, sorted by path: compares fast, and a
 * failing comparison names the files that differ.
 */
export function digestTree(snapshot: ReadonlyMap<string, Buffer>): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const relative of [...snapshot.keys()].sort()) digests[relative] = createHash("sha256").update(snapshot.get(relative)!).digest("hex");
  return digests;
}

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `newsbrief <args>` in-process with a fake process whose working folder is `cwd`. */
export async function runCli(args: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main({
    argv: args,
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** Deletes the projects made so far; with `base: true`, the pristine copy too. */
export function cleanupProjects(options: { base?: boolean } = {}): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (options.base && baseDir) {
    rmSync(baseDir, { recursive: true, force: true });
    baseDir = undefined;
    base = undefined;
  }
}

/** The diagnostic lines of a CLI report: where, how serious, which rule, and the line itself. */
export function reported(stderr: string): Array<{ at: string; severity: string; rule: string; line: string }> {
  return stderr
    .split("\n")
    .map((line) => ({ line, match: /^(\S(?:.*?\S)?)  (error|warning)  .*  \[([a-z-]+\/[a-z-]+)\]$/.exec(line) }))
    .filter((x) => x.match !== null)
    .map(({ line, match }) => ({ at: match![1]!, severity: match![2]!, rule: match![3]!, line }));
}
