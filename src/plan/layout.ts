/**
 * The layout of a project: where an article's inputs are, and where each
 * output goes in the output folder. One function builds a brief's path and
 * one parses it back; nothing else spells `<slug>/<locale>.<format>`.
 */
import { LOCALES, type Locale, type ProjectPaths } from "../types.ts";

/** The two files of a brief. */
export type BriefFormat = "md" | "html";

/** The path of a brief inside the output folder: `<slug>/<locale>.<format>`. */
export function briefPath(slug: string, locale: Locale, format: BriefFormat): string {
  return `${slug}/${locale}.${format}`;
}

/** A brief path read back: its article, locale and format. */
export interface BriefAddress {
  slug: string;
  locale: Locale;
  format: BriefFormat;
}

const BRIEF_PATH = new RegExp(`^([^/]+)/(${LOCALES.join("|")})\\.(md|html)$`);

/** Reads a path inside the output folder as a brief's; undefined for any other file. */
export function parseBriefPath(relative: string): BriefAddress | undefined {
  const match = BRIEF_PATH.exec(relative);
  return match ? { slug: match[1]!, locale: match[2] as Locale, format: match[3] as BriefFormat } : undefined;
}

/** The manifest's path in the output folder. */
export const MANIFEST_PATH = "manifest.json";

/** The path of a locale's feed in the output folder. */
export function feedPath(locale: Locale): string {
  return `feed.${locale}.json`;
}

/** True for the files of the output folder that gather every article (the feeds and the manifest). */
export function isCmsOutput(relative: string): boolean {
  return relative === MANIFEST_PATH || LOCALES.some((l) => relative === feedPath(l));
}

/** The project-relative paths of an article's inputs and outputs. */
export function articlePaths(paths: ProjectPaths, slug: string): { facts: string; source: string; outputs: Record<Locale, Record<BriefFormat, string>> } {
  const outputs = Object.fromEntries(LOCALES.map((l) => [l, { md: `${paths.out}/${briefPath(slug, l, "md")}`, html: `${paths.out}/${briefPath(slug, l, "html")}` }])) as Record<Locale, Record<BriefFormat, string>>;
  return { facts: `${paths.content}/${slug}/facts.yaml`, source: `${paths.content}/${slug}/source.fr.md`, outputs };
}

/** Whether a path is one a build reads or writes (a content article's two files, a template or a story type's folder files, a locale, an output). */
export function isProjectFile(paths: ProjectPaths, relative: string): boolean {
  const under = (folder: string) => relative.startsWith(`${folder}/`);
  if (under(paths.out)) return true;
  if (under(paths.content)) {
    const rest = relative.slice(paths.content.length + 1).split("/");
    return rest.length === 2 && (rest[1] === "facts.yaml" || rest[1] === "source.fr.md") && !rest[0]!.startsWith(".");
  }
  if (under(paths.templates)) {
    const parts = relative.slice(paths.templates.length + 1).split("/");
    // The page template and single-file story types, or a story type's folder: its template and its definition.
    if (parts.length === 1) return parts[0] === "page.html.hbs" || parts[0]!.endsWith(".md.hbs");
    return parts.length === 2 && parts[0] !== "" && (parts[1] === "brief.md.hbs" || parts[1] === "type.yaml");
  }
  if (under(paths.locales)) return LOCALES.some((l) => relative === `${paths.locales}/${l}.json`);
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
