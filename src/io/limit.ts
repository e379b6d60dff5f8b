/**
 * Bounded concurrency for file operations: every file operation of a run
 * goes through one gate, so a project of any size never holds more than
 * {@link MAX_OPEN_FILES} files (or directory handles) open at once, however
 * many operations are waiting.
 */
import { link, lstat, mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import type { Dirent, Stats } from "node:fs";
import path from "node:path";

/** How many file operations may be in flight at once. */
export const MAX_OPEN_FILES = 64;

let active = 0;
const waiting: Array<() => void> = [];

/** Runs `op` once fewer than {@link MAX_OPEN_FILES} operations are in flight. */
export async function gated<T>(op: () => Promise<T>): Promise<T> {
  if (active < MAX_OPEN_FILES) active++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await op();
  } finally {
    // Hand the slot to the next waiting operation, or give it back.
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}

/** Maps `items` through `fn` with at most `limit` calls in flight; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The file operations of node:fs/promises that newsbrief uses, each through the gate. */
export const fsq = {
  readText: (file: string) => gated(() => readFile(file, "utf8")),
  readBytes: (file: string) => gated(() => readFile(file)),
  writeText: (file: string, text: string, flag = "w") => gated(() => writeFile(file, text, { encoding: "utf8", flag })),
  lstat: (file: string): Promise<Stats> => gated(() => lstat(file)),
  stat: (file: string): Promise<Stats> => gated(() => stat(file)),
  readdir: (dir: string): Promise<Dirent[]> => gated(() => readdir(dir, { withFileTypes: true })),
  mkdir: (dir: string) => gated(() => mkdir(dir, { recursive: true })),
  link: (from: string, to: string) => gated(() => link(from, to)),
  rename: (from: string, to: string) => gated(() => rename(from, to)),
  unlink: (file: string) => gated(() => unlink(file)),
  /** Removes a file (not a folder), when it is there. */
  removeFile: (file: string) => gated(() => rm(file, { force: true })),
};

/**
 * Removes a folder and everything under it, one bounded operation at a time;
 * a missing folder is fine. A symbolic link is removed itself, never what it
 * points to, at the top as below it.
 */
export async function removeTree(dir: string): Promise<void> {
  const stats = await gated(() => lstat(dir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!stats) return;
  if (!stats.isDirectory()) return fsq.unlink(dir).catch(ignoreMissing);
  return removeFolder(dir);
}

/** {@link removeTree} of a path known to be a folder, not a link to one. */
async function removeFolder(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fsq.readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    if (code === "ENOTDIR") return fsq.unlink(dir);
    throw error;
  }
  await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? removeFolder(full) : fsq.unlink(full).catch(ignoreMissing);
    }),
  );
  await gated(() => rmdir(dir)).catch(ignoreMissing);
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}
