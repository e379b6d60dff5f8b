/**
 * The build cache, kept under node_modules/.cache, and the fingerprint of
 * newsbrief's own sources that invalidates it.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { ProjectPaths } from "../types.ts";

/** Size and modification time (ms) of a file, as recorded when it was written or read. */
export type Stamp = [number, number];

/** What the build cache remembers of one article's last verified build. */
export interface IndexEntry {
  /** Hash of everything its outputs depend on, newsbrief itself included. */
  key: string;
  figures: number;
  /** Its outputs, by path in the output folder: `[sha256, size, mtime]` when written. */
  files: Record<string, [string, number, number]>;
  /** Its two input files as last read: stamps and the hash of their texts. */
  inputs?: { facts: Stamp; source: Stamp; inputHash: string };
  coverage?: { slug: string; figures: number; covered: number; ignored: number };
  /** What the manifest lists of it. */
  briefs?: Array<{ locale: "fr" | "nl" | "en"; title: string; translationKey: string; date: string; md: string; html: string }>;
  /** Where its item sits in each locale's feed file (UTF-16 offsets), with its date. */
  feed?: Record<string, [number, number, string]>;
}

/**
 * The build cache: every article's last verified build and an index of the
 * output folder (size, modification time and hash of every file, recorded
 * when written), so that an unchanged project is recognised without reading it.
 */
export interface BuildCache {
  entries: Record<string, IndexEntry>;
  /** The feeds and the manifest, as for {@link IndexEntry.files}. */
  cms?: Record<string, [string, number, number]>;
  /** The hash of the templates and locales the entries were built with. */
  shared?: string;
}

function cacheFile(paths: ProjectPaths): string {
  const id = createHash("sha256").update(`${paths.root}\0${paths.content}\0${paths.out}`).digest("hex").slice(0, 16);
  return path.join(paths.root, "node_modules", ".cache", "newsbrief", `build-${id}.json`);
}

/** Reads the build cache; a missing or unreadable cache is an empty one. */
export async function readBuildCache(paths: ProjectPaths): Promise<BuildCache> {
  try {
    const data = JSON.parse(await readFile(cacheFile(paths), "utf8")) as BuildCache;
    return data && typeof data.entries === "object" && data.entries ? data : { entries: {} };
  } catch {
    return { entries: {} };
  }
}

/** Writes the build cache; failing to write it never fails a build. */
export async function writeBuildCache(paths: ProjectPaths, cache: BuildCache): Promise<void> {
  const file = cacheFile(paths);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(cache));
    await rename(temporary, file);
  } catch {
    // The cache is an optimisation only.
  }
}

let fingerprint: Promise<string> | undefined;

/** A hash of newsbrief's own source files, so that a change to the code invalidates the build cache. */
export function sourceFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash("sha256");
    // The whole of src/ (or, when run compiled, dist/), one folder up from this one.
    const root = fileURLToPath(new URL("..", import.meta.url));
    const walk = async (dir: string): Promise<void> => {
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) hash.update(`${path.relative(root, full)}\0`).update(await readFile(full));
      }
    };
    await walk(root);
    return hash.digest("hex");
  })();
  return fingerprint;
}
