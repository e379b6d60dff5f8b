/**
 * Writing the output folder: the new tree is staged beside it and swapped
 * in whole, and a build that was killed half-way is cleaned up.
 */
import { link, lstat, mkdir, readdir, rename, writeFile } from "node:fs/promises";
import { removeTree } from "./limit.ts";
import path from "node:path";
import type { OutputFile, ProjectPaths } from "../types.ts";

/**
 * Replaces the output folder with exactly `files`. They are put together in
 * a staging folder beside it (unchanged files hard-linked from the current
 * tree, changed ones written), which is then swapped in with two renames;
 * the old tree is removed last, so a crash leaves either the old or the new
 * tree complete. Returns the paths that changed or disappeared.
 */
export async function writeOutputs(paths: ProjectPaths, files: readonly OutputFile[], previous: ReadonlyMap<string, string>): Promise<string[]> {
  const outDir = path.join(paths.root, paths.out);
  const wanted = new Set(files.map((f) => f.path));
  const changed = files.filter((f) => previous.get(f.path) !== f.contents).map((f) => f.path);
  const removed = [...previous.keys()].filter((p) => !wanted.has(p));
  if (changed.length === 0 && removed.length === 0) return [];
  const { staging, old } = sideFolders(paths, process.pid);
  await removeTree(staging);
  await mkdir(staging, { recursive: true });
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(staging, ...file.path.split("/"));
    if (!target.startsWith(staging + path.sep)) throw new Error(`output path escapes the output folder: ${file.path}`);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    if (previous.get(file.path) === file.contents) {
      try {
        await link(path.join(outDir, ...file.path.split("/")), target);
        continue;
      } catch {
        // Hard links can fail across devices or file systems: write instead.
      }
    }
    await writeFile(target, file.contents, "utf8");
  }
  let hadOld = true;
  try {
    await rename(outDir, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadOld = false;
  }
  await rename(staging, outDir);
  if (hadOld) await removeTree(old);
  return [...changed, ...removed].sort();
}

/** The staging and old-tree folders of a build by process `pid`, beside the output folder. */
function sideFolders(paths: ProjectPaths, pid: number): { staging: string; old: string } {
  const outDir = path.join(paths.root, paths.out);
  const base = path.join(path.dirname(outDir), `.${path.basename(outDir)}`);
  return { staging: `${base}.staging-${pid}`, old: `${base}.old-${pid}` };
}

/**
 * Cleans up after a build that was killed: a staging folder is removed; an
 * old tree is put back when the output folder is missing (the build died
 * between its two renames), and removed otherwise. Run under the lock.
 * Returns what it did, for the log.
 */
export async function recoverOutputs(paths: ProjectPaths): Promise<string[]> {
  const outDir = path.join(paths.root, paths.out);
  const parent = path.dirname(outDir);
  const prefix = `.${path.basename(outDir)}.`;
  const done: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return done;
  }
  const leftovers = entries.filter((name) => name.startsWith(prefix) && /\.(staging|old)-\d+$/.test(name)).sort();
  let outExists = await exists(outDir);
  for (const name of leftovers.filter((n) => /\.old-\d+$/.test(n))) {
    const full = path.join(parent, name);
    if (!outExists) {
      await rename(full, outDir);
      outExists = true;
      done.push(`restored ${paths.out}/ from an interrupted build`);
    } else {
      await removeTree(full);
      done.push(`removed ${name} left by an interrupted build`);
    }
  }
  for (const name of leftovers.filter((n) => /\.staging-\d+$/.test(n))) {
    await removeTree(path.join(parent, name));
    done.push(`removed ${name} left by an interrupted build`);
  }
  return done;
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `files` under `dir` (relative to the project root), replacing any
 * file of the same name and leaving everything else there; returns the
 * project-relative paths written.
 */
export async function writePreview(paths: ProjectPaths, dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const root = path.resolve(paths.root, dir);
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(root, ...file.path.split("/"));
    if (!target.startsWith(root + path.sep)) throw new Error(`preview path escapes the preview folder: ${file.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents, "utf8");
    written.push(`${dir}/${file.path}`);
  }
  return written;
}

/** Replaces a project file's text atomically: a temporary file beside it, then a rename. */
export async function replaceProjectFile(paths: ProjectPaths, relative: string, text: string): Promise<void> {
  const target = path.join(paths.root, ...relative.split("/"));
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.newsbrief.tmp`);
  await writeFile(temporary, text, { encoding: "utf8", flag: "w" });
  await rename(temporary, target);
}
