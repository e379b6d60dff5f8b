/**
 * CMS-ready outputs made from the briefs of every article: a JSON Feed 1.1
 * per locale (`feed.<locale>.json`) and `manifest.json`.
 *
 * They are a pure function of the per-article files (`<slug>/<locale>.md`
 * and `.html`), so an article reused from the build cache contributes
 * exactly like a freshly rendered one. The feed's `content_html` is the
 * brief's Markdown body through the same marked + sanitizer pipeline as the
 * page's body, so it is the page's body byte for byte; a build keeps it by
 * the Markdown file's hash, so an unchanged brief is not converted again.
 *
 * With the site's settings, the feeds give the site's home page, their own
 * URL and each item's absolute URL; without, item URLs are relative to the
 * output folder.
 *
 * The manifest covers every file of the output folder except itself: each
 * brief's `.md` and `.html` and the three feeds, with their SHA-256.
 */
import { createHash } from "node:crypto";
import { briefFields, readBriefFile } from "../plan/brief-file.ts";
import { briefPath, feedPath, MANIFEST_PATH, parseBriefPath } from "../plan/layout.ts";
import { compareStrings } from "../diagnostics/diagnostic.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import type { OutputFile } from "../types.ts";
import type { SiteConfig } from "../content/config.ts";
import { sanitizeBody, type BriefSummary } from "./brief.ts";
import { createMarked } from "./markdown.ts";
import { INTL_TAG, type Messages } from "./messages.ts";

export const JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";
/** The message that names each locale's feed. */
export const FEED_TITLE_KEY = "feed.title";


/**
 * What a feed takes from one brief's Markdown file. It depends on that
 * file's bytes alone, so it is kept by their SHA-256 (see {@link FeedMemo}).
 */
export type FeedBrief = BriefSummary;

/**
 * Feed data by `sha256:<hex>` of the Markdown file it was read from. A build
 * passes the data of the articles it reuses from its cache, so that their
 * bodies do not go through marked and the sanitizer again, and keeps what
 * this run read for the next one.
 */
export type FeedMemo = Map<string, FeedBrief>;

/** What a feed and the manifest know of one brief. */
interface BriefData extends FeedBrief {
  slug: string;
  locale: Locale;
  markdownPath: string;
  htmlPath: string;
}

/**
 * The feeds and the manifest for `files` (the per-article outputs). `titles`
 * gives each locale's feed title. Files that are not briefs are ignored.
 */
export function cmsOutputs(files: readonly OutputFile[], titles: Readonly<Record<Locale, string>>, memo: FeedMemo = new Map(), site?: SiteConfig): OutputFile[] {
  const byPath = new Map(files.map((f) => [f.path, f.contents]));
  const hashes = new Map<string, string>();
  const hash = (path: string) => {
    let known = hashes.get(path);
    if (known === undefined) hashes.set(path, (known = contentHash(byPath.get(path)!)));
    return known;
  };
  let marked: ReturnType<typeof createMarked> | undefined;
  const briefs: BriefData[] = [];
  for (const file of files) {
    const address = parseBriefPath(file.path);
    if (!address || address.format !== "md") continue;
    const { slug, locale } = address;
    const htmlPath = briefPath(slug, locale, "html");
    if (!byPath.has(htmlPath)) continue;
    const key = hash(file.path);
    let brief = memo.get(key);
    if (!brief) {
      const read = readBrief(file.contents);
      if (!read) continue;
      marked ??= createMarked();
      const { body, ...data } = read;
      brief = { ...data, html: sanitizeBody(marked.parse(body, { async: false })).trimEnd() };
      memo.set(key, brief);
    }
    briefs.push({ ...brief, slug, locale, markdownPath: file.path, htmlPath });
  }
  briefs.sort((a, b) => compareStrings(a.slug, b.slug) || LOCALES.indexOf(a.locale) - LOCALES.indexOf(b.locale));

  const feeds: OutputFile[] = LOCALES.map((locale) => {
    const items = briefs
      .filter((b) => b.locale === locale)
      .sort((a, b) => compareStrings(b.date, a.date) || compareStrings(a.slug, b.slug))
      .map((b) => feedItemText(b, b.slug, b.locale, b.htmlPath, site));
    return { path: feedPath(locale), contents: feedText(locale, titles[locale], items, site) };
  });

  const bySlug = new Map<string, ManifestBrief[]>();
  for (const brief of briefs) {
    const own = bySlug.get(brief.slug);
    const entry: ManifestBrief = { locale: brief.locale, title: brief.title, translationKey: brief.translationKey, date: brief.date, md: hash(brief.markdownPath), html: hash(brief.htmlPath) };
    if (own) own.push(entry);
    else bySlug.set(brief.slug, [entry]);
  }
  const manifest = manifestText(bySlug, feeds.map((f) => contentHash(f.contents)));
  return [...feeds, { path: MANIFEST_PATH, contents: manifest }];
}

/** What the manifest knows of one brief: its title and the `sha256:` hashes of its two files. */
export interface ManifestBrief {
  locale: Locale;
  title: string;
  translationKey: string;
  date: string;
  md: string;
  html: string;
}

/**
 * One feed item as it stands in its feed's `items` array: indented for its
 * place, without the separating comma. Feeds are put together from these
 * ({@link feedText}), so that a build can reuse the items of unchanged briefs.
 */
export function feedItemText(brief: FeedBrief, slug: string, locale: Locale, htmlPath: string = briefPath(slug, locale, "html"), site?: SiteConfig): string {
  const item = {
    id: `${brief.translationKey}/${locale}`,
    url: site ? `${site.baseUrl}${htmlPath}` : htmlPath,
    title: brief.title,
    summary: brief.description,
    content_html: brief.html,
    date_published: `${brief.date}T00:00:00Z`,
    ...(brief.tags.length > 0 ? { tags: brief.tags } : {}),
    language: INTL_TAG[locale],
    _newsbrief: { translationKey: brief.translationKey, locale, slug },
  };
  return `    ${JSON.stringify(item, null, 2).replace(/\n/g, "\n    ")}`;
}

/** A locale's feed from its items' texts ({@link feedItemText}), already in feed order (newest first, then by slug). */
export function feedText(locale: Locale, title: string, items: readonly string[], site?: SiteConfig): string {
  return [...feedPieces(locale, title, items, site)].join("");
}

/**
 * The same feed as {@link feedText}, piece by piece, for writing a large
 * feed without holding it whole: each item's text is a piece of its own, as
 * given (a string, or the bytes of an item kept from the feed on disk), and
 * everything between items is a string.
 */
export function* feedPieces<Item extends string | Uint8Array>(locale: Locale, title: string, items: Iterable<Item>, site?: SiteConfig): Generator<string | Item> {
  const home = site ? `  "home_page_url": ${JSON.stringify(site.baseUrl)},\n  "feed_url": ${JSON.stringify(`${site.baseUrl}${feedPath(locale)}`)},\n` : "";
  const head = `{\n  "version": ${JSON.stringify(JSON_FEED_VERSION)},\n  "title": ${JSON.stringify(title)},\n${home}  "language": ${JSON.stringify(INTL_TAG[locale])},\n  "items": `;
  let first = true;
  for (const item of items) {
    yield first ? `${head}[\n` : ",\n";
    yield item;
    first = false;
  }
  yield first ? `${head}[]\n}\n` : "\n  ]\n}\n";
}

/** The manifest, from each article's briefs (by slug, in slug order; briefs in locale order) and the feeds' hashes in locale order. */
export function manifestText(articles: Iterable<[string, readonly ManifestBrief[]]>, feedHashes: readonly string[]): string {
  const texts = function* () {
    for (const [slug, briefs] of articles) yield manifestArticleText(slug, briefs);
  };
  return [...manifestPieces(texts(), feedHashes)].join("");
}

/** One article's entry as it stands in the manifest's `articles` array: indented for its place, without the separating comma. */
export function manifestArticleText(slug: string, briefs: readonly ManifestBrief[]): string {
  const article = {
    slug,
    translationKey: briefs[0]!.translationKey,
    date: briefs[0]!.date,
    locales: briefs.map((b) => b.locale),
    briefs: briefs.map((b) => ({
      locale: b.locale,
      title: b.title,
      files: [
        { path: briefPath(slug, b.locale, "md"), hash: b.md },
        { path: briefPath(slug, b.locale, "html"), hash: b.html },
      ],
    })),
  };
  return `    ${JSON.stringify(article, null, 2).replaceAll("\n", "\n    ")}`;
}

/**
 * The same manifest as {@link manifestText}, piece by piece, from its
 * articles' texts ({@link manifestArticleText}, or their bytes as kept from
 * the manifest on disk), each a piece of its own, for writing a large one
 * without holding it whole. The text is what `JSON.stringify` with an
 * indent of two gives for the whole manifest.
 */
export function* manifestPieces<Article extends string | Uint8Array>(articles: Iterable<Article>, feedHashes: readonly string[]): Generator<string | Article> {
  const head = `{\n  "manifestVersion": 1,\n  "covers": ${JSON.stringify("every file of this folder except manifest.json itself")},\n  "articles": `;
  let first = true;
  for (const article of articles) {
    yield first ? `${head}[\n` : ",\n";
    yield article;
    first = false;
  }
  const feeds = LOCALES.map((locale, i) => ({ locale, path: feedPath(locale), hash: feedHashes[i]! }));
  yield `${first ? `${head}[]` : "\n  ]"},\n  "feeds": ${JSON.stringify(feeds, null, 2).replaceAll("\n", "\n  ")}\n}\n`;
}

/** What a feed takes from a brief's Markdown file, its body through marked and the sanitizer; undefined when the file cannot be read as a brief. */
export function feedBriefOf(contents: string, marked: ReturnType<typeof createMarked> = createMarked()): FeedBrief | undefined {
  const read = readBrief(contents);
  if (!read) return undefined;
  const { body, ...data } = read;
  return { ...data, html: sanitizeBody(marked.parse(body, { async: false })).trimEnd() };
}

/** `sha256:<hex>` of a file's contents, as the manifest gives it. */
export function contentHash(contents: string): string {
  return `sha256:${createHash("sha256").update(contents).digest("hex")}`;
}

/** The feed title of each locale, from its messages. */
export function feedTitles(catalog: ReadonlyMap<Locale, Messages>): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, catalog.get(l)!.format(FEED_TITLE_KEY)])) as Record<Locale, string>;
}

function readBrief(contents: string): (Omit<FeedBrief, "html"> & { body: string }) | undefined {
  const file = readBriefFile(contents);
  if (typeof file === "string") return undefined;
  const fields = briefFields(file.frontMatter);
  if (!fields) return undefined;
  const { title, description, date, translationKey, tags } = fields;
  return { title, description, date, translationKey, tags, body: file.body };
}
