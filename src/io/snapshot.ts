/**
 * The two sides of a review: the project as committed at a base commit (read
 * with git) and as it is in the working tree (decoded by io.ts). git says
 * which files differ, so only those (and what is needed to show them) are
 * read; the base side's texts wanted at once are read in one git process.
 */
import type { Dirent } from "node:fs";
import { fsq } from "./limit.ts";
import path from "node:path";
import { type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { decodeText, MAX_INPUT_BYTES } from "./read.ts";
import { CONFIG_FILE, type ProjectPaths } from "../types.ts";
import { listTree, readBlobs, type TreeEntry } from "./git.ts";
import { isProjectFile } from "../plan/layout.ts";

/** One side of the comparison. */
export interface Side {
  /** The article folders under content/. */
  slugs: ReadonlySet<string>;
  /** Whether a project-relative file is there (readable or not). */
  exists(relative: string): boolean;
  /** The text of a project-relative file, or undefined when it is not there or cannot be decoded. */
  text(relative: string): string | undefined;
  /** Problems met reading the side (decoding, symbolic links, sizes). */
  diagnostics: Diagnostic[];
}

/** The working tree: the files in `wanted` read (and decoded) as a build reads them. */
export async function workingSide(paths: ProjectPaths, wanted: Iterable<string>): Promise<Side> {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  const present = new Set<string>();
  await Promise.all(
    [...new Set(wanted)].map(async (relative) => {
      const full = path.join(paths.root, ...relative.split("/"));
      let stats;
      try {
        stats = await fsq.lstat(full);
      } catch {
        return;
      }
      present.add(relative);
      if (stats.isSymbolicLink() || !stats.isFile()) {
        diagnostics.push(diagnose(CATALOGUE["content/not-a-file"], { file: relative }, { file: relative }));
        return;
      }
      if (stats.size > MAX_INPUT_BYTES) {
        diagnostics.push(diagnose(CATALOGUE["content/too-large"], { file: relative, max: MAX_INPUT_BYTES }, { file: relative, actual: `${stats.size} bytes` }));
        return;
      }
      const text = decodeText(await fsq.readBytes(full), relative, diagnostics);
      if (text !== undefined) texts.set(relative, text);
    }),
  );
  let entries: Dirent[] = [];
  try {
    entries = await fsq.readdir(path.join(paths.root, paths.content));
  } catch {
    // No content folder: no articles.
  }
  const slugs = new Set(entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name));
  return { slugs, exists: (relative) => present.has(relative), text: (relative) => texts.get(relative), diagnostics };
}

/**
 * The project at `commit`: the files of its tree, listed by one
 * `git ls-tree`. {@link loadBase} reads the texts wanted, all at once.
 */
export interface BaseIndex {
  entries: ReadonlyMap<string, TreeEntry>;
}

/** Lists the project's files at `commit` (paths relative to the project root). */
export async function indexBase(paths: ProjectPaths, commit: string): Promise<BaseIndex> {
  const entries = await listTree(paths.root, commit, [paths.content, paths.templates, paths.locales, paths.out], [CONFIG_FILE]);
  return { entries: new Map(entries.map((e) => [e.path, e])) };
}

/** Reads the texts of `wanted` (project-relative paths) at the base commit, in one git process, and returns the base side. */
export async function loadBase(paths: ProjectPaths, index: BaseIndex, wanted: Iterable<string>): Promise<Side> {
  const diagnostics: Diagnostic[] = [];
  const slugs = new Set<string>();
  for (const relative of index.entries.keys()) {
    if (!isProjectFile(paths, relative) || !relative.startsWith(`${paths.content}/`)) continue;
    slugs.add(relative.slice(paths.content.length + 1).split("/")[0]!);
  }
  const toRead = [...new Set(wanted)].filter((relative) => index.entries.has(relative));
  const links = toRead.filter((relative) => index.entries.get(relative)!.mode === "120000");
  const blobsWanted = toRead.filter((relative) => index.entries.get(relative)!.mode !== "120000");
  const blobs = await readBlobs(paths.root, blobsWanted.map((relative) => index.entries.get(relative)!.oid));
  const texts = new Map<string, string>();
  for (const relative of blobsWanted) {
    const text = decodeText(blobs.get(index.entries.get(relative)!.oid)!, `${relative} (base)`, diagnostics);
    if (text !== undefined) texts.set(relative, text);
  }
  for (const relative of links) {
    diagnostics.push(diagnose(CATALOGUE["content/symlink"], { file: relative, base: true }, { file: `${relative} (base)` }));
  }
  return { slugs, exists: (relative) => index.entries.has(relative), text: (relative) => texts.get(relative), diagnostics };
}
