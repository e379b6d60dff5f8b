/**
 * The build cache, kept under node_modules/.cache, and the fingerprint of
 * newsbrief's own sources that invalidates it.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { ProjectPaths } from "../types.ts";

/** What the build cache remembers of each article's last verified build. */
export interface BuildCache {
  entries: Record<string, { key: string; figures: number; files: Record<string, string> }>;
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
    // The whole of src/, one folder up from this one.
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
