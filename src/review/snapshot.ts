/**
 * The two sides of a review: the project as committed at a base commit (read
 * with git) and as it is in the working tree (read with io.ts). Each side is
 * an index of object ids, so unchanged files are found without reading them
 * twice; the base side's texts are read on demand, all in one git process.
 */
import path from "node:path";
import { diagnostic, type Diagnostic } from "../diagnostics.ts";
import type { ArticleFiles } from "../content/load.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { decodeText, readOutputs, readProject, type ProjectPaths } from "../io.ts";
import { blobId, git, GitError, listTree, readBlobs, type TreeEntry } from "../git.ts";

/** One side of the comparison. */
export interface Side {
  /** Object id of every input and output file, keyed by project-relative path. */
  oids: ReadonlyMap<string, string>;
  /** The article folders (slugs) that hold at least one file. */
  slugs: ReadonlySet<string>;
  /** The text of a project-relative file, or undefined when it is not there or cannot be decoded. */
  text(relative: string): string | undefined;
  /** Problems met reading the side (decoding, symbolic links). */
  diagnostics: Diagnostic[];
}

/** The working tree, read like a build reads it. */
export async function workingSide(paths: ProjectPaths): Promise<Side> {
  const [inputs, outputs] = await Promise.all([readProject(paths), readOutputs(paths)]);
  const texts = new Map<string, string>();
  const slugs = new Set<string>();
  for (const article of inputs.articles) {
    texts.set(article.factsFile, article.factsText);
    texts.set(article.sourceFile, article.sourceText);
    slugs.add(article.slug);
  }
  for (const file of [...inputs.templates, ...(inputs.pageTemplate ? [inputs.pageTemplate] : []), ...inputs.locales]) texts.set(file.file, file.text);
  for (const [relative, text] of outputs) texts.set(`${paths.out}/${relative}`, text);
  const oids = new Map([...texts].map(([relative, text]) => [relative, blobId(text)]));
  // An article folder with a missing file is still an article that exists.
  for (const d of inputs.diagnostics) {
    const slug = slugOf(paths, d.file);
    if (slug) slugs.add(slug);
  }
  const diagnostics = inputs.diagnostics.filter((d) => d.severity === "error" && !d.rule.startsWith("config/"));
  return { oids, slugs, text: (relative) => texts.get(relative), diagnostics };
}

/**
 * The project at `commit`: the files of its tree, listed by one
 * `git ls-tree`. {@link loadBase} reads the texts wanted, all at once.
 */
export interface BaseIndex {
  entries: ReadonlyMap<string, TreeEntry>;
  /** Where the project root is inside the repository (`` or `sub/dir/`). */
  prefix: string;
}

/** Lists the project's files at `commit`. */
export async function indexBase(paths: ProjectPaths, commit: string): Promise<BaseIndex> {
  const prefixResult = await git(paths.root, ["rev-parse", "--show-prefix"]);
  if (prefixResult.code !== 0) throw new GitError(`${paths.root} is not inside a git repository`);
  const prefix = prefixResult.stdout.toString("utf8").trim();
  const entries = await listTree(paths.root, commit, [paths.content, paths.templates, paths.locales, paths.out]);
  return { entries: new Map(entries.map((e) => [e.path, e])), prefix };
}

/** Reads the texts of `wanted` (project-relative paths) at the base commit, and returns the base side. */
export async function loadBase(paths: ProjectPaths, index: BaseIndex, wanted: Iterable<string>): Promise<Side> {
  const diagnostics: Diagnostic[] = [];
  const oids = new Map<string, string>();
  const slugs = new Set<string>();
  const links = new Set<string>();
  for (const [relative, entry] of index.entries) {
    if (!isProjectFile(paths, relative)) continue;
    const slug = slugOf(paths, relative);
    if (slug) slugs.add(slug);
    if (entry.mode === "120000") {
      links.add(relative);
      continue;
    }
    oids.set(relative, entry.oid);
  }
  const toRead = [...new Set(wanted)].filter((relative) => oids.has(relative));
  const blobs = await readBlobs(paths.root, toRead.map((relative) => oids.get(relative)!));
  const texts = new Map<string, string>();
  for (const relative of toRead) {
    const file = `${relative} (base)`;
    const text = decodeText(blobs.get(oids.get(relative)!)!, file, diagnostics);
    if (text !== undefined) texts.set(relative, text);
  }
  for (const relative of links) {
    diagnostics.push(diagnostic({ file: `${relative} (base)`, rule: "content/symlink", message: `\`${relative}\` is a symbolic link at the base commit: it is not read` }));
  }
  return { oids, slugs, text: (relative) => texts.get(relative), diagnostics };
}

/** Whether a path is one a build reads or writes (a content article's two files, a template, a locale, an output). */
function isProjectFile(paths: ProjectPaths, relative: string): boolean {
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

/** The files of an article on one side, when both are there. */
export function articleFiles(paths: ProjectPaths, side: Side, slug: string): ArticleFiles | undefined {
  const factsFile = `${paths.content}/${slug}/facts.yaml`;
  const sourceFile = `${paths.content}/${slug}/source.fr.md`;
  const factsText = side.text(factsFile);
  const sourceText = side.text(sourceFile);
  if (factsText === undefined || sourceText === undefined) return undefined;
  return { slug, factsFile, factsText, sourceFile, sourceText };
}

/** The project-relative paths of an article's inputs and outputs. */
export function articlePaths(paths: ProjectPaths, slug: string): { facts: string; source: string; outputs: Record<Locale, { md: string; html: string }> } {
  const outputs = Object.fromEntries(LOCALES.map((l) => [l, { md: `${paths.out}/${slug}/${l}.md`, html: `${paths.out}/${slug}/${l}.html` }])) as Record<Locale, { md: string; html: string }>;
  return { facts: `${paths.content}/${slug}/facts.yaml`, source: `${paths.content}/${slug}/source.fr.md`, outputs };
}

/** A path shown in reports: relative to the project root, with forward slashes. */
export function shown(relative: string): string {
  return relative.split(path.sep).join("/");
}
