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

/** Front matter, then the body: a site's file is written like a brief's. */
export const markdownFile = writeBriefFile;

/** The brief's Markdown without its leading `# title` line: sites print the title from the front matter. */
export function bodyWithoutTitle(brief: Brief): string {
  const heading = `# ${brief.title}\n`;
  return brief.markdown.startsWith(heading) ? brief.markdown.slice(heading.length).replace(/^\n+/, "") : brief.markdown;
}

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
