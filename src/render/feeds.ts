/**
 * CMS-ready outputs made from the briefs of every article: a JSON Feed 1.1
 * per locale (`feed.<locale>.json`) and `manifest.json`.
 *
 * They are a pure function of the per-article files (`<slug>/<locale>.md`
 * and `.html`), so an article reused from the build cache contributes
 * exactly like a freshly rendered one. The feed's `content_html` is the
 * brief's Markdown body through the same marked + sanitizer pipeline as the
 * page's body, so it is the page's body byte for byte.
 *
 * The manifest covers every file of the output folder except itself: each
 * brief's `.md` and `.html` and the three feeds, with their SHA-256.
 */
import { createHash } from "node:crypto";
import { parse } from "yaml";
import { compareStrings } from "../diagnostics.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import type { OutputFile } from "./brief.ts";
import { sanitizeBody } from "./brief.ts";
import { createMarked } from "./markdown.ts";
import { INTL_TAG, type Messages } from "./messages.ts";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";
export const MANIFEST_PATH = "manifest.json";
/** The message that names each locale's feed. */
export const FEED_TITLE_KEY = "feed.title";

/** The path of a locale's feed in the output folder. */
export function feedPath(locale: Locale): string {
  return `feed.${locale}.json`;
}

/** True for the files of the output folder made by {@link cmsOutputs}. */
export function isCmsOutput(relative: string): boolean {
  return relative === MANIFEST_PATH || LOCALES.some((l) => relative === feedPath(l));
}

/** What a feed and the manifest know of one brief. */
interface BriefData {
  slug: string;
  locale: Locale;
  translationKey: string;
  title: string;
  description: string;
  date: string;
  markdownPath: string;
  htmlPath: string;
  body: string;
}

/**
 * The feeds and the manifest for `files` (the per-article outputs). `titles`
 * gives each locale's feed title. Files that are not briefs are ignored.
 */
export function cmsOutputs(files: readonly OutputFile[], titles: Readonly<Record<Locale, string>>): OutputFile[] {
  const byPath = new Map(files.map((f) => [f.path, f.contents]));
  const briefs: BriefData[] = [];
  for (const file of files) {
    const match = /^([^/]+)\/(fr|nl|en)\.md$/.exec(file.path);
    if (!match) continue;
    const [, slug, locale] = match as unknown as [string, string, Locale];
    const htmlPath = `${slug}/${locale}.html`;
    if (!byPath.has(htmlPath)) continue;
    const brief = readBrief(file.contents);
    if (!brief) continue;
    briefs.push({ ...brief, slug, locale, markdownPath: file.path, htmlPath });
  }
  briefs.sort((a, b) => compareStrings(a.slug, b.slug) || LOCALES.indexOf(a.locale) - LOCALES.indexOf(b.locale));

  const marked = createMarked();
  const feeds: OutputFile[] = LOCALES.map((locale) => {
    const items = briefs
      .filter((b) => b.locale === locale)
      .sort((a, b) => compareStrings(b.date, a.date) || compareStrings(a.slug, b.slug))
      .map((b) => ({
        id: `${b.translationKey}/${b.locale}`,
        url: b.htmlPath,
        title: b.title,
        summary: b.description,
        content_html: sanitizeBody(marked.parse(b.body, { async: false })).trimEnd(),
        date_published: `${b.date}T00:00:00Z`,
        language: INTL_TAG[locale],
        _newsbrief: { translationKey: b.translationKey, locale: b.locale, slug: b.slug },
      }));
    const feed = { version: JSON_FEED_VERSION, title: titles[locale], language: INTL_TAG[locale], items };
    return { path: feedPath(locale), contents: `${JSON.stringify(feed, null, 2)}\n` };
  });

  const hash = (contents: string) => `sha256:${createHash("sha256").update(contents).digest("hex")}`;
  const slugs = [...new Set(briefs.map((b) => b.slug))];
  const manifest = {
    manifestVersion: 1,
    covers: "every file of this folder except manifest.json itself",
    articles: slugs.map((slug) => {
      const own = briefs.filter((b) => b.slug === slug);
      return {
        slug,
        translationKey: own[0]!.translationKey,
        date: own[0]!.date,
        locales: own.map((b) => b.locale),
        briefs: own.map((b) => ({
          locale: b.locale,
          title: b.title,
          files: [
            { path: b.markdownPath, hash: hash(byPath.get(b.markdownPath)!) },
            { path: b.htmlPath, hash: hash(byPath.get(b.htmlPath)!) },
          ],
        })),
      };
    }),
    feeds: feeds.map((f, i) => ({ locale: LOCALES[i], path: f.path, hash: hash(f.contents) })),
  };
  return [...feeds, { path: MANIFEST_PATH, contents: `${JSON.stringify(manifest, null, 2)}\n` }];
}

/** The feed title of each locale, from its messages. */
export function feedTitles(catalog: ReadonlyMap<Locale, Messages>): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, catalog.get(l)!.format(FEED_TITLE_KEY)])) as Record<Locale, string>;
}

function readBrief(contents: string): Omit<BriefData, "slug" | "locale" | "markdownPath" | "htmlPath"> | undefined {
  const match = /^---\n([\s\S]*?\n)---\n\n?([\s\S]*)$/.exec(contents);
  if (!match) return undefined;
  const data = parse(match[1]!) as Record<string, unknown> | null;
  const text = (key: string) => (typeof data?.[key] === "string" ? (data[key] as string) : undefined);
  const [title, description, date, translationKey] = [text("title"), text("description"), text("date"), text("translationKey")];
  if (title === undefined || description === undefined || date === undefined || translationKey === undefined) return undefined;
  return { title, description, date, translationKey, body: match[2]! };
}
