/**
 * Publishing into a folder of Markdown files (a Hugo site, a Decap CMS
 * repository): one file per brief at a path the layout decides, written
 * only when its bytes change, atomically (temporary file, then rename).
 *
 * Safety: every path is built from a validated slug and locale and stays
 * under `<site>/content/`; no symbolic link is followed, whether it is the
 * content folder, a folder on the way or the file itself; a file is only
 * pruned when its front matter carries the `newsbrief: true` mark.
 */
import { statSync } from "node:fs";
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import { compareStrings } from "../diagnostics/diagnostic.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { SLUG_PATTERN } from "./briefs.ts";
import { PublishUsageError } from "./errors.ts";
import type { TargetDefinition } from "./index.ts";
import type { Brief, PlanEntry, Publisher, PublishResult } from "./types.ts";

/** The folder of the site every file-based target writes under. */
export const CONTENT_DIR = "content";

/** The front matter key that marks a file as written by newsbrief (prune deletes only these). */
export const MARK = "newsbrief";

/** Where a layout puts each brief, and how to recognise its files again. */
export interface FileLayout {
  /** `/`-separated path of a brief's file, relative to the site; must start with `content/`. */
  pathOf(slug: string, locale: Locale): string;
  /** The slug and locale of a file this layout would write, or undefined. */
  match(relative: string): { slug: string; locale: Locale } | undefined;
}

/** What a file-based target needs. */
export interface FileTarget {
  name: string;
  /** The site folder (absolute). */
  site: string;
  layout: FileLayout;
  /**
   * The target's other layouts: files newsbrief wrote with one of them are
   * reported (and removed by `--prune`), so that switching layouts does not
   * leave every brief twice in the site.
   */
  otherLayouts?: readonly FileLayout[];
  /** The whole file for a brief. */
  render(brief: Brief): string;
}

/** A write or delete that would leave the content folder or follow a link. */
export class UnsafePathError extends Error {
  override name = "UnsafePathError";
}

// Double-quoted strings (no YAML reader turns a date or a number-like title
// into something else), no line folding.
const FRONT_MATTER_STYLE = { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" } as const;

/** Front matter, then the body. */
export function markdownFile(frontMatter: Record<string, unknown>, body: string): string {
  return `---\n${stringify(frontMatter, FRONT_MATTER_STYLE)}---\n\n${body}`;
}

/** The brief's Markdown without its leading `# title` line: sites print the title from the front matter. */
export function bodyWithoutTitle(brief: Brief): string {
  const heading = `# ${brief.title}\n`;
  return brief.markdown.startsWith(heading) ? brief.markdown.slice(heading.length).replace(/^\n+/, "") : brief.markdown;
}

const LOCALE_PATTERN = new RegExp(`^(?:${LOCALES.join("|")})$`);

/** The site folder, resolved; throws {@link PublishUsageError} when it is not an existing folder. */
export function siteFolder(cwd: string, site: string): string {
  const resolved = path.resolve(cwd, site);
  let isFolder = false;
  try {
    isFolder = statSync(resolved).isDirectory();
  } catch {
    // reported below
  }
  if (!isFolder) throw new PublishUsageError(`the site folder ${site} does not exist or is not a folder`);
  return resolved;
}

/** Builds a publisher for `target`. */
export function createFilePublisher(target: FileTarget): Publisher {
  const site = path.resolve(target.site);
  const otherLayouts = target.otherLayouts ?? [];

  const keyOf = (slug: string, locale: string) => `${slug}/${locale}`;

  const relativeOf = (brief: Pick<Brief, "slug" | "locale">): string => {
    if (!SLUG_PATTERN.test(brief.slug)) throw new UnsafePathError(`\`${brief.slug}\` is not a valid slug (lower-case words joined by hyphens)`);
    if (!LOCALE_PATTERN.test(brief.locale)) throw new UnsafePathError(`\`${brief.locale}\` is not a locale`);
    const relative = target.layout.pathOf(brief.slug, brief.locale);
    const parts = relative.split("/");
    if (parts[0] !== CONTENT_DIR || parts.some((p) => p === "" || p === "." || p === "..")) throw new UnsafePathError(`${relative} is not under ${CONTENT_DIR}/`);
    return relative;
  };

  return {
    name: target.name,

    async plan(briefs, options) {
      await checkSite(site);
      const entries: PlanEntry[] = [];
      const wanted = new Set<string>();
      for (const brief of briefs) {
        const relative = relativeOf(brief);
        wanted.add(relative);
        const existing = await readExisting(site, relative);
        const contents = target.render(brief);
        const key = keyOf(brief.slug, brief.locale);
        if (existing === undefined) entries.push({ action: "create", key, target: relative, reason: "new brief" });
        else if (existing === contents) entries.push({ action: "skip", key, target: relative, reason: "unchanged" });
        else if (marked(existing)) entries.push({ action: "update", key, target: relative, reason: "brief changed" });
        else throw new UnsafePathError(`${relative} exists and was not written by newsbrief (no \`${MARK}: true\` in its front matter): move it away, or add the mark to let newsbrief replace it`);
      }
      const otherLayout: string[] = [];
      for (const relative of await listFiles(site, CONTENT_DIR)) {
        if (wanted.has(relative)) continue;
        const found = target.layout.match(relative);
        const foreign = found ? undefined : otherLayouts.map((layout) => layout.match(relative)).find((match) => match !== undefined);
        if (!(options.prune && found) && !foreign) continue;
        const existing = await readExisting(site, relative).catch(() => undefined);
        if (existing === undefined || !marked(existing)) continue;
        if (found) entries.push({ action: "delete", key: keyOf(found.slug, found.locale), target: relative, reason: "its article no longer exists" });
        else if (options.prune) entries.push({ action: "delete", key: keyOf(foreign!.slug, foreign!.locale), target: relative, reason: "written with another layout" });
        else otherLayout.push(relative);
      }
      if (otherLayout.length > 0) {
        options.progress(`warning: ${otherLayout.length} brief file(s) written with another layout are still in the site (such as ${otherLayout[0]}): add --prune to remove them, or publish with that --layout`);
      }
      return entries;
    },

    async apply(plan, briefs, options) {
      const byKey = new Map(briefs.map((b) => [keyOf(b.slug, b.locale), b]));
      const result: PublishResult = { done: [], notDone: [] };
      for (const [index, entry] of plan.entries()) {
        try {
          if (entry.action === "create" || entry.action === "update") {
            const brief = byKey.get(entry.key);
            if (!brief) throw new Error(`no brief ${entry.key} for this plan entry`);
            const relative = relativeOf(brief);
            if (relative !== entry.target) throw new UnsafePathError(`the plan writes ${entry.target}, the layout says ${relative}`);
            await writeAtomically(site, relative, target.render(brief));
          } else if (entry.action === "delete") {
            if (![target.layout, ...otherLayouts].some((layout) => layout.match(entry.target))) throw new UnsafePathError(`${entry.target} is not a file this target writes`);
            const existing = await readExisting(site, entry.target);
            if (existing !== undefined) {
              if (!marked(existing)) throw new UnsafePathError(`${entry.target} does not carry the ${MARK}: true mark any more: it is left alone`);
              await rm(path.join(site, ...entry.target.split("/")));
              await removeEmptyFolders(site, entry.target);
            }
          }
          result.done.push(entry);
          if (entry.action !== "skip") options.progress(`${entry.action} ${entry.target}`);
        } catch (error) {
          result.notDone.push(...plan.slice(index));
          result.error = `${entry.action} ${entry.target}: ${describe(error)}`;
          break;
        }
      }
      return result;
    },
  };
}

/** Whether a file's front matter carries `newsbrief: true`. */
export function marked(contents: string): boolean {
  const match = /^---\n([\s\S]*?\n)---\n/.exec(contents);
  if (!match) return false;
  try {
    const data = parse(match[1]!) as unknown;
    return typeof data === "object" && data !== null && (data as Record<string, unknown>)[MARK] === true;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return error instanceof Error ? (code && !error.message.includes(code) ? `${error.message} (${code})` : error.message) : String(error);
}

/** The site must be an existing folder; its content folder, when there, a real folder. */
async function checkSite(site: string): Promise<void> {
  let stats;
  try {
    stats = await lstat(site);
  } catch {
    throw new UnsafePathError(`the site folder ${site} does not exist`);
  }
  if (stats.isSymbolicLink()) {
    // The folder named on the command line may be a link; what it holds may not.
    stats = await lstat(`${site}/.`);
  }
  if (!stats.isDirectory()) throw new UnsafePathError(`${site} is not a folder`);
}

/**
 * Walks `relative` (a file path under the site) folder by folder without
 * following links: throws on a link or a non-folder on the way. Returns
 * the absolute path of the last folder and whether each exists.
 */
async function checkParents(site: string, relative: string): Promise<{ missingFrom: number; parts: string[] }> {
  const parts = relative.split("/");
  for (let i = 1; i < parts.length; i++) {
    const folder = path.join(site, ...parts.slice(0, i));
    let stats;
    try {
      stats = await lstat(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { missingFrom: i, parts };
      throw error;
    }
    if (stats.isSymbolicLink()) throw new UnsafePathError(`${parts.slice(0, i).join("/")} is a symbolic link: newsbrief does not write through links`);
    if (!stats.isDirectory()) throw new UnsafePathError(`${parts.slice(0, i).join("/")} is not a folder`);
  }
  return { missingFrom: parts.length, parts };
}

/** The text of a file under the site, or undefined when absent; throws on a link or a non-file. */
async function readExisting(site: string, relative: string): Promise<string | undefined> {
  const { missingFrom, parts } = await checkParents(site, relative);
  if (missingFrom < parts.length) return undefined;
  const file = path.join(site, ...parts);
  let stats;
  try {
    stats = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (stats.isSymbolicLink()) throw new UnsafePathError(`${relative} is a symbolic link: newsbrief does not write through links`);
  if (!stats.isFile()) throw new UnsafePathError(`${relative} is not a regular file`);
  return readFile(file, "utf8");
}

/** Writes a temporary file beside the target, then renames it over the target. */
async function writeAtomically(site: string, relative: string, contents: string): Promise<void> {
  const { missingFrom, parts } = await checkParents(site, relative);
  for (let i = missingFrom; i < parts.length; i++) {
    await mkdir(path.join(site, ...parts.slice(0, i)));
  }
  const file = path.join(site, ...parts);
  const existing = await lstat(file).catch(() => undefined);
  if (existing && (existing.isSymbolicLink() || !existing.isFile())) throw new UnsafePathError(`${relative} is a symbolic link or not a regular file: newsbrief does not write through it`);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.newsbrief-${process.pid}.tmp`);
  const handle = await open(temporary, "wx");
  try {
    await handle.writeFile(contents, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes the folders of `relative` left empty by a prune, up to (not including) the content folder. */
async function removeEmptyFolders(site: string, relative: string): Promise<void> {
  const parts = relative.split("/");
  for (let i = parts.length - 1; i > 1; i--) {
    try {
      await rmdir(path.join(site, ...parts.slice(0, i)));
    } catch {
      return;
    }
  }
}

/** Every regular file under `relative` (no link followed), `/`-separated and sorted. */
async function listFiles(site: string, relative: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(site, ...folder.split("/")), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = `${folder}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  const root = await lstat(path.join(site, relative)).catch(() => undefined);
  if (root?.isDirectory()) await walk(relative);
  return found.sort(compareStrings);
}

/** Front matter keys shared by the Hugo and Decap files. */
export function siteFrontMatter(brief: Brief, draft: boolean): Record<string, unknown> {
  return {
    title: brief.title,
    description: brief.description,
    date: brief.date,
    draft,
    slug: brief.slug,
    translationKey: brief.translationKey,
    tags: brief.tags,
    [MARK]: true,
  };
}

/**
 * A target that writes one Markdown file per brief into a site folder:
 * `--layout` picks where the files go, `--draft` marks them as drafts.
 */
export function fileTarget<Layout extends string>(definition: {
  name: string;
  description: string;
  layouts: readonly Layout[];
  fileLayouts: Record<Layout, FileLayout>;
  render: (brief: Brief, draft: boolean) => string;
}): TargetDefinition {
  return {
    name: definition.name,
    description: definition.description,
    layouts: definition.layouts,
    needsSite: true,
    options: [{ flags: "--draft", description: "mark the pages as drafts (hugo, decap)" }],
    create(settings) {
      const layout = (settings.layout ?? definition.layouts[0]) as Layout;
      const draft = settings.draft === true;
      return createFilePublisher({
        name: definition.name,
        site: siteFolder(settings.cwd, settings.site!),
        layout: definition.fileLayouts[layout],
        otherLayouts: definition.layouts.filter((other) => other !== layout).map((other) => definition.fileLayouts[other]),
        render: (brief) => definition.render(brief, draft),
      });
    },
  };
}
