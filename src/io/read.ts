/**
 * Reading the project: its inputs (articles, templates, locales) and the
 * output folder as it is, every text decoded strictly.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { fsq, mapLimit } from "./limit.ts";
import path from "node:path";
import { type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { CONFIG_FILE, LOCALES, type ArticleFiles, type LocaleFile, type ProjectPaths, type TemplateFile } from "../types.ts";

/** Files larger than this are refused before they are read (1 MiB). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Everything a build reads. */
export interface ProjectInputs {
  articles: ArticleFiles[];
  templates: TemplateFile[];
  pageTemplate?: TemplateFile;
  locales: LocaleFile[];
  /** The project's settings file (`newsbrief.config.json`), when there is one. */
  config?: { file: string; text: string };
  diagnostics: Diagnostic[];
}

/** Which articles to read: all of them, or only these slugs. */
export interface ReadOptions {
  articles?: ReadonlySet<string>;
  /**
   * Where the slugs of the articles read go, in order, when their texts are
   * not to be kept: the articles are read, so that the problems of reading
   * them are reported, and `articles` of the inputs stays empty.
   */
  readInto?: string[];
}

/** The article folders under content/ (sorted), with the problems met listing them. */
export async function listArticles(paths: ProjectPaths, diagnostics: Diagnostic[]): Promise<string[]> {
  const slugs = (await listDirectory(paths.root, paths.content, diagnostics, "directory")).map((entry) => entry.name);
  if (slugs.length === 0 && !diagnostics.length) diagnostics.push(diagnose(CATALOGUE["content/empty"], {}, { file: paths.content }));
  return slugs;
}

/** Reads one article's two files; undefined (with diagnostics) when either cannot be read. */
export async function readArticle(paths: ProjectPaths, slug: string, diagnostics: Diagnostic[]): Promise<ArticleFiles | undefined> {
  const factsFile = posix(paths.content, slug, "facts.yaml");
  const sourceFile = posix(paths.content, slug, "source.fr.md");
  const [factsText, sourceText] = await Promise.all([readText(paths.root, factsFile, diagnostics), readText(paths.root, sourceFile, diagnostics)]);
  return factsText !== undefined && sourceText !== undefined ? { slug, factsFile, factsText, sourceFile, sourceText } : undefined;
}

/** Size and modification time of a file (an absolute path), or undefined when it is not a regular file. */
export function fileStamp(absolute: string): [number, number] | undefined {
  try {
    const stats = statSync(absolute, { throwIfNoEntry: false });
    return stats?.isFile() ? [stats.size, stats.mtimeMs] : undefined;
  } catch {
    return undefined;
  }
}

/** What every article shares: templates and locales. */
export async function readSharedInputs(paths: ProjectPaths, diagnostics: Diagnostic[]): Promise<Pick<ProjectInputs, "templates" | "pageTemplate" | "locales" | "config">> {
  const templates = await readTemplates(paths, diagnostics);
  const inputs: Pick<ProjectInputs, "templates" | "pageTemplate" | "locales" | "config"> = { templates: templates.templates, locales: [] };
  const configText = (await exists(path.join(paths.root, CONFIG_FILE))) ? await readText(paths.root, CONFIG_FILE, diagnostics) : undefined;
  if (configText !== undefined) inputs.config = { file: CONFIG_FILE, text: configText };
  if (templates.pageTemplate) inputs.pageTemplate = templates.pageTemplate;
  if (await isFolder(path.join(paths.root, paths.locales))) {
    for (const locale of LOCALES) {
      const file = posix(paths.locales, `${locale}.json`);
      const text = await readText(paths.root, file, diagnostics);
      if (text !== undefined) inputs.locales.push({ locale, file, text });
    }
  } else {
    diagnostics.push(diagnose(CATALOGUE["config/missing-folder"], { folder: paths.locales }, { file: paths.locales }));
  }
  return inputs;
}

/**
 * What a file manager leaves in a folder it shows (Finder's .DS_Store and
 * ._ files, Windows' Thumbs.db and desktop.ini): not outputs, and never an
 * orphan that fails a check.
 */
const FOLDER_METADATA = /^(?:\.DS_Store|\._.+|Thumbs\.db|desktop\.ini)$/i;

/** The paths (inside it) of every file of the output folder, sorted. */
export async function listOutputs(paths: ProjectPaths): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await fsq.readdir(dir);
    } catch {
      return;
    }
    await Promise.all(
      entries.map(async (entry) => {
        const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), relative);
        else if (entry.isFile() && !FOLDER_METADATA.test(entry.name)) found.push(relative);
      }),
    );
  };
  await walk(path.join(paths.root, paths.out), "");
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Reads the given files of the output folder (paths inside it); missing ones are left out. */
export async function readOutputFiles(paths: ProjectPaths, relatives: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  await Promise.all(
    relatives.map(async (relative) => {
      try {
        found.set(relative, await fsq.readText(path.join(paths.root, paths.out, ...relative.split("/"))));
      } catch {
        // Not there: the caller reports it.
      }
    }),
  );
  return found;
}

/**
 * The texts of a few files of the output folder (`dir`, absolute; paths
 * inside it), read one after the other: a worker of a check reads its
 * articles' files itself, one file open at a time. A file that cannot be
 * read is left out, as {@link readOutputFiles} leaves it out.
 */
export function readOutputFilesSync(dir: string, relatives: readonly string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const relative of relatives) {
    try {
      found[relative] = readFileSync(path.join(dir, ...relative.split("/")), "utf8");
    } catch {
      // Not there: the caller reports it.
    }
  }
  return found;
}

/** The bytes of one file of the output folder (path inside it); undefined when it cannot be read. */
export async function readOutputBytes(paths: ProjectPaths, relative: string): Promise<Buffer | undefined> {
  try {
    return await fsq.readBytes(path.join(paths.root, paths.out, ...relative.split("/")));
  } catch {
    return undefined;
  }
}

/**
 * The bytes of one file of the output folder, read into `reuse.buffer` (grown
 * when the file does not fit), so that the large files a build reads one
 * after the other (the feeds, the manifest) share one buffer rather than
 * each being given fresh memory. The bytes are good until the next read
 * into the same buffer; undefined when the file cannot be read.
 */
export function readOutputBytesInto(paths: ProjectPaths, relative: string, reuse: { buffer?: Buffer }): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(paths.root, paths.out, ...relative.split("/")), "r");
    const size = fstatSync(fd).size;
    if (!reuse.buffer || reuse.buffer.length < size) reuse.buffer = Buffer.allocUnsafeSlow(size + (size >> 3));
    let at = 0;
    for (let read = -1; at < size && read !== 0; at += read) read = readSync(fd, reuse.buffer, at, size - at, at);
    return reuse.buffer.subarray(0, at);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads every input of a build; missing or unreadable files become diagnostics. */
export async function readProject(paths: ProjectPaths, options: ReadOptions = {}): Promise<ProjectInputs> {
  const diagnostics: Diagnostic[] = [];
  const read = (relative: string) => readText(paths.root, relative, diagnostics);
  const inputs: ProjectInputs = { articles: [], templates: [], locales: [], diagnostics };

  const slugs = (await listDirectory(paths.root, paths.content, diagnostics, "directory")).map((entry) => entry.name);
  const wanted = slugs.filter((slug) => !options.articles || options.articles.has(slug));
  const articleFiles = await mapLimit(wanted, 32, async (slug) => {
    const factsFile = posix(paths.content, slug, "facts.yaml");
    const sourceFile = posix(paths.content, slug, "source.fr.md");
    const [factsText, sourceText] = await Promise.all([read(factsFile), read(sourceFile)]);
    if (factsText === undefined || sourceText === undefined) return undefined;
    return options.readInto ? slug : { slug, factsFile, factsText, sourceFile, sourceText };
  });
  for (const files of articleFiles) {
    if (typeof files === "string") options.readInto!.push(files);
    else if (files) inputs.articles.push(files);
  }
  if (slugs.length === 0 && !diagnostics.length) {
    diagnostics.push(diagnose(CATALOGUE["content/empty"], {}, { file: paths.content }));
  }

  const templates = await readTemplates(paths, diagnostics);
  inputs.templates = templates.templates;
  if (templates.pageTemplate) inputs.pageTemplate = templates.pageTemplate;

  if (await isFolder(path.join(paths.root, paths.locales))) {
    for (const locale of LOCALES) {
      const file = posix(paths.locales, `${locale}.json`);
      const text = await read(file);
      if (text !== undefined) inputs.locales.push({ locale, file, text });
    }
  } else {
    diagnostics.push(diagnose(CATALOGUE["config/missing-folder"], { folder: paths.locales }, { file: paths.locales }));
  }
  const configText = (await exists(path.join(paths.root, CONFIG_FILE))) ? await read(CONFIG_FILE) : undefined;
  if (configText !== undefined) inputs.config = { file: CONFIG_FILE, text: configText };
  return inputs;
}

/** Reads every file under the output folder (or only under the folders of `options.articles`), keyed by its path inside it, sorted. */
export async function readOutputs(paths: ProjectPaths, options: ReadOptions = {}): Promise<Map<string, string>> {
  const listed = await listOutputs(paths);
  const wanted = options.articles ? listed.filter((relative) => options.articles!.has(relative.split("/")[0]!)) : listed;
  const read = await readOutputFiles(paths, wanted);
  return new Map(wanted.flatMap((relative) => (read.has(relative) ? [[relative, read.get(relative)!] as const] : [])));
}

/** Whether anything (a file, a folder, a link) is at `file`. */
export async function exists(file: string): Promise<boolean> {
  try {
    await fsq.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Whether the path joined from `parts` is a folder (not a link to one). */
export async function isFolder(...parts: string[]): Promise<boolean> {
  try {
    return (await fsq.lstat(path.join(...parts))).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the templates folder: story types (folders), single-file templates and the page template. */
export async function readTemplates(paths: ProjectPaths, diagnostics: Diagnostic[]): Promise<{ templates: TemplateFile[]; pageTemplate?: TemplateFile }> {
  const read = (relative: string) => readText(paths.root, relative, diagnostics);
  const inputs: { templates: TemplateFile[]; pageTemplate?: TemplateFile } = { templates: [] };
  for (const { name, folder } of await listDirectory(paths.root, paths.templates, diagnostics, "any")) {
    if (folder) {
      // A story type: templates/<name>/brief.md.hbs and its type.yaml.
      const file = posix(paths.templates, name, "brief.md.hbs");
      const definitionFile = posix(paths.templates, name, "type.yaml");
      const [text, definition] = await Promise.all([read(file), read(definitionFile)]);
      if (text !== undefined && definition !== undefined) inputs.templates.push({ name, file, text, definition: { file: definitionFile, text: definition } });
      continue;
    }
    const file = posix(paths.templates, name);
    if (name !== "page.html.hbs" && !name.endsWith(".md.hbs")) continue;
    const text = await read(file);
    if (text === undefined) continue;
    if (name === "page.html.hbs") inputs.pageTemplate = { name: "page", file, text };
    else inputs.templates.push({ name: name.slice(0, -".md.hbs".length), file, text });
  }
  if (!inputs.pageTemplate) diagnostics.push(diagnose(CATALOGUE["config/missing-file"], {}, { file: posix(paths.templates, "page.html.hbs") }));

  return inputs;
}

async function listDirectory(root: string, relative: string, diagnostics: Diagnostic[], kind: "directory" | "file" | "any"): Promise<Array<{ name: string; folder: boolean }>> {
  let entries;
  try {
    entries = await fsq.readdir(path.join(root, relative));
  } catch {
    diagnostics.push(diagnose(CATALOGUE["config/missing-folder"], { folder: relative }, { file: relative }));
    return [];
  }
  for (const entry of entries) {
    if (entry.isSymbolicLink()) {
      diagnostics.push(diagnose(CATALOGUE["content/symlink"], { file: posix(relative, entry.name) }, { file: posix(relative, entry.name) }));
    }
  }
  return entries
    .filter((e) => (kind === "directory" ? e.isDirectory() : kind === "file" ? e.isFile() : e.isDirectory() || e.isFile()) && !e.name.startsWith("."))
    .map((e) => ({ name: e.name, folder: e.isDirectory() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
  /**
   * The file was named on the command line: when it is missing or not a
   * regular file, the problem is with the command (a usage error).
   * @default false
   */
  argument?: boolean;
}

/**
 * Reads one text file safely: no symbolic link, at most {@link MAX_INPUT_BYTES},
 * strict UTF-8. Problems become diagnostics on `display` (the path as the user gave it).
 */
export async function readTextFile(absolute: string, display: string, diagnostics: Diagnostic[], options: DecodeOptions = {}): Promise<string | undefined> {
  const relative = display;
  let stats;
  try {
    stats = await fsq.lstat(absolute);
  } catch {
    diagnostics.push(diagnose(CATALOGUE["content/missing-file"], { file: relative }, { file: relative, ...(options.argument ? { usage: true as const } : {}) }));
    return undefined;
  }
  if (stats.isSymbolicLink() || !stats.isFile()) {
    diagnostics.push(diagnose(CATALOGUE["content/not-a-file"], { file: relative }, { file: relative, ...(options.argument ? { usage: true as const } : {}) }));
    return undefined;
  }
  if (stats.size > MAX_INPUT_BYTES) {
    diagnostics.push(diagnose(CATALOGUE["content/too-large"], { file: relative, max: MAX_INPUT_BYTES }, { file: relative, actual: `${stats.size} bytes` }));
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = await fsq.readBytes(absolute);
  } catch (error) {
    // Permissions, or the file changed between the check above and the read.
    const code = (error as NodeJS.ErrnoException).code ?? "an error";
    diagnostics.push(diagnose(CATALOGUE["content/unreadable"], { file: relative, code }, { file: relative, expected: "a file this user can read", actual: code }));
    return undefined;
  }
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
    // The valid text before the bad byte says its line and column.
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    diagnostics.push(diagnose(CATALOGUE["content/encoding"], { offset }, { file, line, column, expected: "a UTF-8 text file" }));
    return undefined;
  }
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    const line = text.slice(0, nul).split("\n").length;
    diagnostics.push(diagnose(CATALOGUE["content/nul"], {}, { file, line, column: nul - text.lastIndexOf("\n", nul - 1) }));
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

/** A text file shipped with newsbrief itself (not a project file), by its URL. */
export function readPackagedText(url: URL): string {
  return readFileSync(url, "utf8");
}
