/**
 * Publishing into a folder of Markdown files (a Hugo site, a Decap CMS
 * repository): one file per brief at a path the layout decides, written
 * only when its bytes change, atomically (temporary file, then rename).
 *
 * Safety: every path is built from a validated slug and locale and stays
 * under `<site>/content/`; no symbolic link is followed, whether it is the
 * content folder, a folder on the way or the file itself; a file is only
 * pruned when its front matter carries the `newsbrief: true` mark.
 *
 * Hand edits: every file carries a fingerprint of what newsbrief wrote
 * (`newsbriefHash`). A file whose fingerprint no longer matches was edited
 * since (in a CMS, by hand): an update keeps its texts (title, description,
 * body and any key newsbrief does not write) and sets only the values shared
 * by the three languages (date, draft, slug, translationKey, tags), so that
 * they stay identical across the three files; the run says so. Deleting the
 * file lets newsbrief write it whole again.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { checkSite, isFolderSync, listFiles, readExisting, removeSiteFile, UnsafePathError, writeAtomically } from "../io/site.ts";
import { readBriefFile, writeBriefFile } from "../plan/brief-file.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { SLUG_PATTERN } from "./briefs.ts";
import { PublishUsageError } from "./errors.ts";
import type { Brief, PlanEntry, Publisher, PublishResult, TargetDefinition } from "./types.ts";

export { UnsafePathError };

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

/** The front matter key holding the fingerprint of what newsbrief wrote. */
export const HASH_KEY = "newsbriefHash";

/** The front matter keys whose values the three languages of a brief share: newsbrief keeps them in step. */
export const SHARED_KEYS = ["date", "draft", "slug", "translationKey", "tags", MARK] as const;

/** Front matter, then the body, written like a brief's, with the fingerprint of both. */
export function markdownFile(frontMatter: Record<string, unknown>, body: string): string {
  return writeBriefFile({ ...frontMatter, [HASH_KEY]: fingerprint(frontMatter, body) }, body);
}

/**
 * The fingerprint of a file's values: its front matter (the fingerprint
 * aside, keys in any order) and its body (trailing blank lines aside), so that
 * a CMS that re-serializes a file without changing it leaves it intact.
 */
export function fingerprint(frontMatter: Record<string, unknown>, body: string): string {
  const { [HASH_KEY]: _, ...values } = frontMatter;
  return `sha256:${createHash("sha256").update(`${canonical(values)}\n${body.trimEnd()}`).digest("hex").slice(0, 32)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString().slice(0, 10));
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Whether a file newsbrief wrote was edited since: its fingerprint no longer matches (a file without one is not). */
export function handEdited(contents: string): boolean {
  const file = readBriefFile(contents);
  if (typeof file === "string") return false;
  const recorded = file.frontMatter[HASH_KEY];
  return typeof recorded === "string" && recorded !== fingerprint(file.frontMatter, file.body);
}

/**
 * An edited file brought in step with newsbrief's version: the shared values
 * from `fresh`, everything else (texts, body, its own keys, the old
 * fingerprint, so that it stays recognisably edited) from `edited`.
 */
export function keepEdits(edited: string, fresh: string): string {
  const mine = readBriefFile(edited);
  const theirs = readBriefFile(fresh);
  if (typeof mine === "string" || typeof theirs === "string") return fresh;
  const frontMatter = { ...mine.frontMatter };
  for (const key of SHARED_KEYS) {
    if (key in theirs.frontMatter) frontMatter[key] = theirs.frontMatter[key];
    else delete frontMatter[key];
  }
  return writeBriefFile(frontMatter, mine.body);
}

/** The brief's Markdown without its leading `# title` line: sites print the title from the front matter. */
export function bodyWithoutTitle(brief: Brief): string {
  const heading = `# ${brief.title}\n`;
  return brief.markdown.startsWith(heading) ? brief.markdown.slice(heading.length).replace(/^\n+/, "") : brief.markdown;
}

/** Files named in one message at most; the rest are counted. */
const MAX_NAMED = 10;

const LOCALE_PATTERN = new RegExp(`^(?:${LOCALES.join("|")})$`);

/** The site folder, resolved; throws {@link PublishUsageError} when it is not an existing folder. */
export function siteFolder(cwd: string, site: string): string {
  const resolved = path.resolve(cwd, site);
  if (!isFolderSync(resolved)) throw new PublishUsageError(`the site folder ${site} does not exist or is not a folder`);
  return resolved;
}

/** A layout from a path builder and the pattern that reads its paths back. */
export function pattern(pathOf: FileLayout["pathOf"], regex: RegExp, slugGroup: number, localeGroup: number): FileLayout {
  return {
    pathOf,
    match(relative) {
      const found = regex.exec(relative);
      return found ? { slug: found[slugGroup]!, locale: found[localeGroup] as Locale } : undefined;
    },
  };
}

/** A layout path's locale, as a regular expression group. */
export const LOCALE_GROUP = `(${LOCALES.join("|")})`;
/** A layout path's slug, as a regular expression group. */
export const SLUG_GROUP = "([a-z0-9]+(?:-[a-z0-9]+)*)";

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
      const edited: string[] = [];
      const unmarked: string[] = [];
      for (const brief of briefs) {
        const relative = relativeOf(brief);
        wanted.add(relative);
        const existing = await readExisting(site, relative);
        const contents = target.render(brief);
        const key = keyOf(brief.slug, brief.locale);
        if (existing === undefined) entries.push({ action: "create", key, target: relative, reason: "new brief" });
        else if (existing === contents) entries.push({ action: "skip", key, target: relative, reason: "unchanged" });
        else if (marked(existing) && handEdited(existing)) {
          edited.push(relative);
          if (keepEdits(existing, contents) === existing) entries.push({ action: "skip", key, target: relative, reason: "edited since newsbrief wrote it: kept as is" });
          else entries.push({ action: "update", key, target: relative, reason: "edited since newsbrief wrote it: its texts kept, shared values updated" });
        } else if (marked(existing)) entries.push({ action: "update", key, target: relative, reason: "brief changed" });
        else unmarked.push(relative);
      }
      // Every file in the way is named at once, not one per run.
      if (unmarked.length > 0) {
        const shown = unmarked.slice(0, MAX_NAMED);
        const more = unmarked.length > shown.length ? ` and ${unmarked.length - shown.length} more` : "";
        const which = unmarked.length === 1 ? `${shown[0]} exists and was not written by newsbrief` : `${unmarked.length} files exist and were not written by newsbrief: ${shown.join(", ")}${more}`;
        throw new UnsafePathError(`${which} (no \`${MARK}: true\` in ${unmarked.length === 1 ? "its" : "their"} front matter): move ${unmarked.length === 1 ? "it" : "them"} away, or add the mark to let newsbrief replace ${unmarked.length === 1 ? "it" : "them"}`);
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
      if (edited.length > 0) {
        options.progress(`note: ${edited.length} brief file(s) were edited since newsbrief wrote them (such as ${edited[0]}): their texts are kept, only the values shared by the three languages are set; delete a file to have newsbrief write it whole again`);
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
            const fresh = target.render(brief);
            const existing = entry.action === "update" ? await readExisting(site, relative) : undefined;
            await writeAtomically(site, relative, existing !== undefined && marked(existing) && handEdited(existing) ? keepEdits(existing, fresh) : fresh);
          } else if (entry.action === "delete") {
            if (![target.layout, ...otherLayouts].some((layout) => layout.match(entry.target))) throw new UnsafePathError(`${entry.target} is not a file this target writes`);
            const existing = await readExisting(site, entry.target);
            if (existing !== undefined) {
              if (!marked(existing)) throw new UnsafePathError(`${entry.target} does not carry the ${MARK}: true mark any more: it is left alone`);
              await removeSiteFile(site, entry.target);
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
  const file = readBriefFile(contents);
  return typeof file !== "string" && file.frontMatter[MARK] === true;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return error instanceof Error ? (code && !error.message.includes(code) ? `${error.message} (${code})` : error.message) : String(error);
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
