/**
 * The two sides of a review: the project as committed at a base commit (read
 * with git) and as it is in the working tree (decoded by io.ts). git says
 * which files differ, so only those (and what is needed to show them) are
 * read; the base side's texts are read all at once, in one git process.
 */
import type { Dirent } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { decodeText, MAX_INPUT_BYTES } from "./read.ts";
import { type ProjectPaths } from "../types.ts";
import { listTree, readBlobs, type TreeEntry } from "./git.ts";

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
        stats = await lstat(full);
      } catch {
        return;
      }
      present.add(relative);
      if (stats.isSymbolicLink() || !stats.isFile()) {
        diagnostics.push(diagnostic({ file: relative, rule: "content/not-a-file", message: `\`${relative}\` is a symbolic link or not a regular file: it is not read` }));
        return;
      }
      if (stats.size > MAX_INPUT_BYTES) {
        diagnostics.push(diagnostic({ file: relative, rule: "content/too-large", message: `\`${relative}\` is larger than ${MAX_INPUT_BYTES} bytes`, actual: `${stats.size} bytes` }));
        return;
      }
      const text = decodeText(await readFile(full), relative, diagnostics);
      if (text !== undefined) texts.set(relative, text);
    }),
  );
  let entries: Dirent[] = [];
  try {
    entries = await readdir(path.join(paths.root, paths.content), { withFileTypes: true });
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
  const entries = await listTree(paths.root, commit, [paths.content, paths.templates, paths.locales, paths.out]);
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
    diagnostics.push(diagnostic({ file: `${relative} (base)`, rule: "content/symlink", message: `\`${relative}\` is a symbolic link at the base commit: it is not read` }));
  }
  return { slugs, exists: (relative) => index.entries.has(relative), text: (relative) => texts.get(relative), diagnostics };
}

/** Whether a path is one a build reads or writes (a content article's two files, a template, a locale, an output). */
export function isProjectFile(paths: ProjectPaths, relative: string): boolean {
  const parts = relative.split("/");
  const under = (folder: string) => relative.startsWith(`${folder}/`);
  if (under(paths.out)) return true;
  if (under(paths.content)) {
    const rest = relative.slice(paths.content.length + 1).split("/");
    return rest.length === 2 && (rest[1] === "facts.yaml" || rest[1] === "source.fr.md") && !rest[0]!.startsWith(".");
  }
  if (under(paths.templates)) {
    const name = relative.slice(paths.templates.length + 1);
    return !name.includes("/") && (name === "page.html.hbs" || name.endsWith(".md.hbs"));
  }
  if (under(paths.locales)) return LOCALES.some((l) => relative === `${paths.locales}/${l}.json`) && parts.length > 0;
  return false;
}

/** The article folder a project-relative content or output path belongs to. */
export function slugOf(paths: ProjectPaths, relative: string): string | undefined {
  for (const folder of [paths.content, paths.out]) {
    if (relative.startsWith(`${folder}/`)) {
      const rest = relative.slice(folder.length + 1).split("/");
      if (rest.length >= 2 && rest[0]) return rest[0];
    }
  }
  return undefined;
}

/** The project-relative paths of an article's inputs and outputs. */
export function articlePaths(paths: ProjectPaths, slug: string): { facts: string; source: string; outputs: Record<Locale, { md: string; html: string }> } {
  const outputs = Object.fromEntries(LOCALES.map((l) => [l, { md: `${paths.out}/${slug}/${l}.md`, html: `${paths.out}/${slug}/${l}.html` }])) as Record<Locale, { md: string; html: string }>;
  return { facts: `${paths.content}/${slug}/facts.yaml`, source: `${paths.content}/${slug}/source.fr.md`, outputs };
}
