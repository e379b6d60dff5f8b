/**
 * The one module that touches the file system: reading the project's
 * inputs, reading `out/`, and writing `out/` through a staging folder that
 * replaces it only once everything is rendered and verified.
 */
import { link, lstat, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
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

/**
 * Problems with where the output folder is: it may not be the project root
 * nor contain (or sit inside) an input folder, since a build replaces it whole.
 */
export function checkOutputLocation(paths: ProjectPaths): Diagnostic[] {
  const out = path.resolve(paths.root, paths.out);
  const inputs = [paths.content, paths.templates, paths.locales].map((p) => path.resolve(paths.root, p));
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  if (inside(paths.root, out) || inputs.some((input) => inside(input, out) || inside(out, input))) {
    return [
      diagnostic({
        file: paths.out,
        rule: "config/out-contains-inputs",
        message: "the output folder is replaced whole by every build: it cannot be the project root, contain an input folder or sit inside one",
        expected: "a folder of its own, such as out/",
        actual: paths.out,
      }),
    ];
  }
  return [];
}

/** Fills in the default folder names. */
export function projectPaths(root: string, overrides: Partial<Omit<ProjectPaths, "root">> = {}): ProjectPaths {
  return { root: path.resolve(root), content: "content", templates: "templates", locales: "locales", out: "out", ...overrides };
}

/** Which articles to read: all of them, or only these slugs. */
export interface ReadOptions {
  articles?: ReadonlySet<string>;
}

/** Reads every input of a build; missing or unreadable files become diagnostics. */
export async function readProject(paths: ProjectPaths, options: ReadOptions = {}): Promise<ProjectInputs> {
  const diagnostics: Diagnostic[] = [];
  const read = (relative: string) => readText(paths.root, relative, diagnostics);
  const inputs: ProjectInputs = { articles: [], templates: [], locales: [], diagnostics };

  const slugs = await listDirectory(paths.root, paths.content, diagnostics, "directory");
  for (const slug of slugs) {
    if (options.articles && !options.articles.has(slug)) continue;
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

  if (await isFolder(path.join(paths.root, paths.locales))) {
    for (const locale of LOCALES) {
      const file = posix(paths.locales, `${locale}.json`);
      const text = await read(file);
      if (text !== undefined) inputs.locales.push({ locale, file, text });
    }
  } else {
    diagnostics.push(diagnostic({ file: paths.locales, rule: "config/missing-folder", message: `the folder \`${paths.locales}\` does not exist` }));
  }
  return inputs;
}

/** Reads every file under the output folder (or only under the folders of `options.articles`), keyed by its path inside it. */
export async function readOutputs(paths: ProjectPaths, options: ReadOptions = {}): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const root = path.join(paths.root, paths.out);
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (options.articles && !options.articles.has(relative.split("/")[0]!)) return;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), relative);
        else if (entry.isFile()) found.set(relative, await readFile(path.join(dir, entry.name), "utf8"));
      }),
    );
  };
  await walk(root, "");
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

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
  await rm(staging, { recursive: true, force: true });
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
  if (hadOld) await rm(old, { recursive: true, force: true });
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
      await rm(full, { recursive: true, force: true });
      done.push(`removed ${name} left by an interrupted build`);
    }
  }
  for (const name of leftovers.filter((n) => /\.staging-\d+$/.test(n))) {
    await rm(path.join(parent, name), { recursive: true, force: true });
    done.push(`removed ${name} left by an interrupted build`);
  }
  return done;
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await lstat(dir)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Who holds the output lock. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken (informational, never written to outputs). */
  since: string;
}

/** A held output lock. */
export interface OutputLock {
  release(): Promise<void>;
}

/** The project root must be an existing folder: taking the lock would otherwise create it. */
export async function checkProjectRoot(paths: ProjectPaths): Promise<Diagnostic[]> {
  const stats = await stat(paths.root).catch(() => undefined);
  if (stats?.isDirectory()) return [];
  return [diagnostic({ file: paths.root, rule: "config/missing-folder", message: `the project root \`${paths.root}\` does not exist or is not a folder`, expected: "a folder holding content/, templates/ and locales/ (see --root)" })];
}

/**
 * Takes the lock on the output folder, so that two builds never write it at
 * once. A lock left by a process that no longer runs on this machine is
 * taken over. Waits up to `waitMs` for a live holder, then returns it.
 */
export async function lockOutputs(paths: ProjectPaths, waitMs = 0): Promise<{ lock?: OutputLock; heldBy?: LockOwner; tookOver?: LockOwner }> {
  const outDir = path.join(paths.root, paths.out);
  const file = path.join(path.dirname(outDir), `.${path.basename(outDir)}.lock`);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  let tookOver: LockOwner | undefined;
  for (;;) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const handle = await open(file, "wx");
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      const lock: OutputLock = { release: () => rm(file, { force: true }) };
      return tookOver ? { lock, tookOver } : { lock };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = await readLockOwner(file);
    if (!owner || (owner.host === me.host && !isRunning(owner.pid))) {
      // Stale: its process is gone (or the file is unreadable). Take it over.
      await rm(file, { force: true });
      if (owner) tookOver = owner;
      continue;
    }
    if (Date.now() >= deadline) return { heldBy: owner };
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(10, deadline - Date.now()))));
  }
}

async function readLockOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as Partial<LockOwner>;
    if (typeof data.pid === "number" && typeof data.host === "string") return { pid: data.pid, host: data.host, since: String(data.since ?? "") };
  } catch {
    // A lock being written right now reads as empty: treat as held briefly.
    return { pid: -1, host: "", since: "" };
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

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
    const root = fileURLToPath(new URL(".", import.meta.url));
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

async function listDirectory(root: string, relative: string, diagnostics: Diagnostic[], kind: "directory" | "file"): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true });
  } catch {
    diagnostics.push(diagnostic({ file: relative, rule: "config/missing-folder", message: `the folder \`${relative}\` does not exist` }));
    return [];
  }
  for (const entry of entries) {
    if (entry.isSymbolicLink()) {
      diagnostics.push(diagnostic({ file: posix(relative, entry.name), rule: "content/symlink", message: `\`${posix(relative, entry.name)}\` is a symbolic link: links are not followed, put the files themselves here` }));
    }
  }
  return entries
    .filter((e) => (kind === "directory" ? e.isDirectory() : e.isFile()) && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

async function readText(root: string, relative: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  return readTextFile(path.join(root, relative), relative, diagnostics);
}

/** How {@link decodeText} treats line endings and a byte order mark. */
export interface DecodeOptions {
  /**
   * Drop a BOM and turn CRLF into LF. Turn it off to keep the text exactly as
   * read (the BOM as U+FEFF), so that offsets into it are offsets into the file.
   * @default true
   */
  normalize?: boolean;
}

/**
 * Reads one text file safely: no symbolic link, at most {@link MAX_INPUT_BYTES},
 * strict UTF-8. Problems become diagnostics on `display` (the path as the user gave it).
 */
export async function readTextFile(absolute: string, display: string, diagnostics: Diagnostic[], options: DecodeOptions = {}): Promise<string | undefined> {
  const relative = display;
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
  return decodeText(bytes, relative, diagnostics, options);
}

/**
 * Decodes UTF-8 strictly: invalid bytes and NUL are errors with their byte
 * offset; unless `options.normalize` is false, a BOM is dropped and CRLF
 * line endings become LF.
 */
export function decodeText(bytes: Uint8Array, file: string, diagnostics: Diagnostic[], options: DecodeOptions = {}): string | undefined {
  const normalize = options.normalize ?? true;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: !normalize }).decode(bytes);
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
  return normalize ? text.replace(/\r\n?/g, "\n") : text;
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

/**
 * Creates the folder of a new article under the content folder and writes
 * its files. An existing folder (or anything else by that name) is never
 * touched; if a write fails, the new folder is removed again.
 */
export async function createArticleFolder(paths: ProjectPaths, slug: string, files: ReadonlyArray<{ name: string; contents: string }>): Promise<Diagnostic[]> {
  const relative = posix(paths.content, slug);
  if (!(await isFolder(path.join(paths.root, paths.content)))) {
    return [diagnostic({ file: paths.content, rule: "config/missing-folder", message: `the folder \`${paths.content}\` does not exist` })];
  }
  const folder = path.join(paths.root, relative);
  try {
    await mkdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [
      code === "EEXIST"
        ? diagnostic({ file: relative, rule: "new/exists", message: `\`${relative}\` already exists: nothing was overwritten; choose another slug or remove the folder first` })
        : diagnostic({ file: relative, rule: "new/write-failed", message: `could not create \`${relative}\` (${code ?? String(error)})` }),
    ];
  }
  try {
    for (const file of files) await writeFile(path.join(folder, file.name), file.contents, { flag: "wx" });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    return [diagnostic({ file: relative, rule: "new/write-failed", message: `could not write \`${relative}\` (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was left behind` })];
  }
  return [];
}
