/**
 * The one module that touches the file system: reading the project's
 * inputs, reading `out/`, and writing `out/` through a staging folder that
 * replaces it only once everything is rendered and verified.
 */
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { diagnostic, type Diagnostic } from "./diagnostics.ts";
import type { ArticleFiles } from "./content/load.ts";
import { LOCALES } from "./content/schema.ts";
import type { LocaleFile } from "./render/messages.ts";
import type { TemplateFile } from "./render/templates.ts";
import type { OutputFile } from "./render/brief.ts";

/** Files larger than this are refused before they are read (1 MiB). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Where a project's folders are. */
export interface ProjectPaths {
  /** The project root; every other path is relative to it. */
  root: string;
  /** @default "content" */
  content: string;
  /** @default "templates" */
  templates: string;
  /** @default "locales" */
  locales: string;
  /** @default "out" */
  out: string;
}

/** Everything a build reads. */
export interface ProjectInputs {
  articles: ArticleFiles[];
  templates: TemplateFile[];
  pageTemplate?: TemplateFile;
  locales: LocaleFile[];
  diagnostics: Diagnostic[];
}

/** Fills in the default folder names. */
export function projectPaths(root: string, overrides: Partial<Omit<ProjectPaths, "root">> = {}): ProjectPaths {
  return { root: path.resolve(root), content: "content", templates: "templates", locales: "locales", out: "out", ...overrides };
}

/** Reads every input of a build; missing or unreadable files become diagnostics. */
export async function readProject(paths: ProjectPaths): Promise<ProjectInputs> {
  const diagnostics: Diagnostic[] = [];
  const read = (relative: string) => readText(paths.root, relative, diagnostics);
  const inputs: ProjectInputs = { articles: [], templates: [], locales: [], diagnostics };

  const slugs = await listDirectory(paths.root, paths.content, diagnostics, "directory");
  for (const slug of slugs) {
    const factsFile = posix(paths.content, slug, "facts.yaml");
    const sourceFile = posix(paths.content, slug, "source.fr.md");
    const [factsText, sourceText] = await Promise.all([read(factsFile), read(sourceFile)]);
    if (factsText !== undefined && sourceText !== undefined) inputs.articles.push({ slug, factsFile, factsText, sourceFile, sourceText });
  }
  if (slugs.length === 0 && !diagnostics.length) {
    diagnostics.push(diagnostic({ file: paths.content, rule: "content/empty", severity: "warning", message: "no articles: add a folder with facts.yaml and source.fr.md" }));
  }

  for (const name of await listDirectory(paths.root, paths.templates, diagnostics, "file")) {
    const file = posix(paths.templates, name);
    const text = await read(file);
    if (text === undefined) continue;
    if (name === "page.html.hbs") inputs.pageTemplate = { name: "page", file, text };
    else if (name.endsWith(".md.hbs")) inputs.templates.push({ name: name.slice(0, -".md.hbs".length), file, text });
  }
  if (!inputs.pageTemplate) diagnostics.push(diagnostic({ file: posix(paths.templates, "page.html.hbs"), rule: "config/missing-file", message: "the HTML page template is missing" }));

  for (const locale of LOCALES) {
    const file = posix(paths.locales, `${locale}.json`);
    const text = await read(file);
    if (text !== undefined) inputs.locales.push({ locale, file, text });
  }
  return inputs;
}

/** Reads every file under the output folder, keyed by its path inside it. */
export async function readOutputs(paths: ProjectPaths): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const root = path.join(paths.root, paths.out);
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), relative);
      else if (entry.isFile()) found.set(relative, await readFile(path.join(dir, entry.name), "utf8"));
    }
  };
  await walk(root, "");
  return found;
}

/**
 * Replaces the output folder with exactly `files`: they are written to a
 * staging folder beside it, which is then swapped in with two renames. The
 * old folder is removed last, so a crash leaves either the old or the new
 * tree complete. Returns the paths whose contents changed.
 */
export async function writeOutputs(paths: ProjectPaths, files: readonly OutputFile[]): Promise<string[]> {
  const outDir = path.join(paths.root, paths.out);
  const previous = await readOutputs(paths);
  const changed = files.filter((f) => previous.get(f.path) !== f.contents).map((f) => f.path);
  const removed = [...previous.keys()].filter((p) => !files.some((f) => f.path === p));
  if (changed.length === 0 && removed.length === 0) return [];
  const stamp = `${process.pid}`;
  const staging = path.join(paths.root, `.out.staging-${stamp}`);
  const old = path.join(paths.root, `.out.old-${stamp}`);
  await rm(staging, { recursive: true, force: true });
  for (const file of files) {
    const target = path.join(staging, ...file.path.split("/"));
    if (!target.startsWith(staging + path.sep)) throw new Error(`output path escapes the output folder: ${file.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents, "utf8");
  }
  await mkdir(staging, { recursive: true });
  let hadOld = true;
  try {
    await rename(outDir, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadOld = false;
  }
  await rename(staging, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
  return [...changed, ...removed].sort();
}

async function listDirectory(root: string, relative: string, diagnostics: Diagnostic[], kind: "directory" | "file"): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true });
  } catch {
    diagnostics.push(diagnostic({ file: relative, rule: "config/missing-folder", message: `the folder \`${relative}\` does not exist` }));
    return [];
  }
  return entries
    .filter((e) => (kind === "directory" ? e.isDirectory() : e.isFile()) && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

async function readText(root: string, relative: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const absolute = path.join(root, relative);
  let stats;
  try {
    stats = await lstat(absolute);
  } catch {
    diagnostics.push(diagnostic({ file: relative, rule: "content/missing-file", message: `\`${relative}\` is missing` }));
    return undefined;
  }
  if (stats.isSymbolicLink() || !stats.isFile()) {
    diagnostics.push(diagnostic({ file: relative, rule: "content/not-a-file", message: `\`${relative}\` is a symbolic link or not a regular file: it is not read` }));
    return undefined;
  }
  if (stats.size > MAX_INPUT_BYTES) {
    diagnostics.push(diagnostic({ file: relative, rule: "content/too-large", message: `\`${relative}\` is larger than ${MAX_INPUT_BYTES} bytes`, actual: `${stats.size} bytes` }));
    return undefined;
  }
  const bytes = await readFile(absolute);
  return decodeText(bytes, relative, diagnostics);
}

/**
 * Decodes UTF-8 strictly: invalid bytes and NUL are errors with their byte
 * offset; a BOM is dropped and CRLF line endings become LF.
 */
export function decodeText(bytes: Uint8Array, file: string, diagnostics: Diagnostic[]): string | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    diagnostics.push(diagnostic({ file, rule: "content/encoding", message: `invalid UTF-8 at byte ${offset}`, expected: "a UTF-8 text file" }));
    return undefined;
  }
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    const line = text.slice(0, nul).split("\n").length;
    diagnostics.push(diagnostic({ file, line, column: nul - text.lastIndexOf("\n", nul - 1), rule: "content/nul", message: "the file contains a NUL character" }));
    return undefined;
  }
  return text.replace(/\r\n?/g, "\n");
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}

function posix(...parts: string[]): string {
  return parts.join("/");
}
