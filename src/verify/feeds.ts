/**
 * Verifying the CMS outputs: every text of a JSON feed item (title,
 * summary, content_html) and every title of the manifest goes through the
 * same verification as the brief of its locale. Reads the JSON itself;
 * nothing here comes from the renderer.
 */
import { createHash } from "node:crypto";
import { lineLocator, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import type { Locale } from "../content/schema.ts";
import { verifyArticle, type VerifiedFigure, type VerifyArticle } from "./verify.ts";

const LOCALES: readonly Locale[] = ["fr", "nl", "en"];

/** What {@link verifyCmsOutputs} found. */
export interface CmsVerification {
  /** Figures matched, by the slug of their article. */
  figures: Map<string, VerifiedFigure[]>;
  diagnostics: Diagnostic[];
}

/**
 * Verifies the feeds and the manifest among `files` (keyed by their path in
 * the output folder `out`) against `articles`, by slug. Items and titles of
 * articles not in `articles` are left alone.
 */
export function verifyCmsOutputs(out: string, files: ReadonlyMap<string, string>, articles: ReadonlyMap<string, VerifyArticle>): CmsVerification {
  const result: CmsVerification = { figures: new Map(), diagnostics: [] };
  const add = (slug: string, figures: VerifiedFigure[]) => result.figures.set(slug, [...(result.figures.get(slug) ?? []), ...figures]);
  for (const locale of LOCALES) {
    const relative = `feed.${locale}.json`;
    const text = files.get(relative);
    if (text === undefined) continue;
    const file = `${out}/${relative}`;
    const locate = lineLocator(text);
    const lineOf = (offset: number) => locate(offset).line;
    const feed = parseJson(text, file, result.diagnostics) as { items?: unknown } | undefined;
    if (feed === undefined) continue;
    if (!Array.isArray(feed.items)) {
      result.diagnostics.push(diagnose(CATALOGUE["verify/feed"], { problem: "no-items" }, { file }));
      continue;
    }
    let from = 0;
    for (const raw of feed.items as unknown[]) {
      const item = (raw ?? {}) as Record<string, unknown>;
      const meta = (item._newsbrief ?? {}) as Record<string, unknown>;
      const slug = typeof meta.slug === "string" ? meta.slug : undefined;
      // Looked for after the item before it, so that an item repeating an id is found at its own place.
      const id = typeof item.id === "string" ? JSON.stringify(item.id) : undefined;
      const idAt = id === undefined ? -1 : text.indexOf(id, from);
      if (idAt !== -1) from = idAt + id!.length;
      const article = slug === undefined ? undefined : articles.get(slug);
      if (!article) continue;
      const strings = ["title", "summary", "content_html", "date_published"].map((key) => (typeof item[key] === "string" ? (item[key] as string) : undefined));
      const [title, summary, content, published] = strings;
      if (title === undefined || summary === undefined || content === undefined || meta.locale !== locale) {
        result.diagnostics.push(diagnose(CATALOGUE["verify/feed"], { problem: "fields", id: String(item.id), locale }, { file, line: lineOf(from), column: 1 }));
        continue;
      }
      if (published !== `${article.facts.editorial.date}T00:00:00Z`) {
        result.diagnostics.push(
          diagnose(CATALOGUE["verify/feed"], { problem: "date", id: String(item.id) }, { file, line: lineOf(keyAt(text, "date_published", from)), column: 1, expected: `${article.facts.editorial.date}T00:00:00Z`, actual: String(published) }),
        );
      }
      // One document: title on line 1, summary on line 2, the body after.
      const document = `<title>${escape(title)}</title>\n<meta name="description" content="${escape(summary)}">\n${content}`;
      const lines = [keyAt(text, "title", from), keyAt(text, "summary", from), keyAt(text, "content_html", from)].map((at) => lineOf(at));
      const verification = verifyArticle(article, [{ file, locale, format: "html", contents: document }]);
      add(slug!, verification.figures.map((f) => ({ ...f, line: lines[Math.min(f.line, 3) - 1]! })));
      result.diagnostics.push(...verification.diagnostics.map((d) => relocate(d, lines, `feed item \`${String(item.id)}\``)));
    }
  }
  const manifestText = files.get("manifest.json");
  if (manifestText !== undefined) {
    const file = `${out}/manifest.json`;
    const locate = lineLocator(manifestText);
    const manifest = parseJson(manifestText, file, result.diagnostics) as { articles?: unknown } | undefined;
    let from = 0;
    for (const raw of Array.isArray(manifest?.articles) ? (manifest.articles as unknown[]) : []) {
      const entry = (raw ?? {}) as { slug?: unknown; briefs?: unknown };
      const article = typeof entry.slug === "string" ? articles.get(entry.slug) : undefined;
      for (const b of Array.isArray(entry.briefs) ? (entry.briefs as unknown[]) : []) {
        const brief = (b ?? {}) as { locale?: unknown; title?: unknown };
        if (typeof brief.title !== "string") continue;
        // Looked for after the title before it (verified or not), so that a title repeating it is found at its own entry.
        const key = '"title": ';
        const needle = `${key}${JSON.stringify(brief.title)}`;
        const at = manifestText.indexOf(needle, from);
        if (at !== -1) from = at + needle.length;
        if (!article || !LOCALES.includes(brief.locale as Locale)) continue;
        const { line, column } = at === -1 ? { line: 1, column: 1 } : locate(at + key.length);
        const verification = verifyArticle(article, [{ file, locale: brief.locale as Locale, format: "html", contents: `<title>${escape(brief.title)}</title>` }]);
        add(article.slug, verification.figures.map((f) => ({ ...f, line })));
        // A title alone need not show every required fact.
        result.diagnostics.push(...verification.diagnostics.filter((d) => d.rule !== "verify/missing-fact").map((d) => relocate(d, [line], `manifest title (${String(brief.locale)})`, column)));
      }
    }
  }
  return result;
}

/**
 * Each article's part of a feed (its item) or of the manifest (its entry),
 * by slug, as a hash of its JSON value: two parts with the same hash say the
 * same thing, whatever their spacing. A slug with two parts has the hash "".
 * Nothing when the text is not a feed or a manifest. `relative` is the
 * file's path in the output folder.
 */
export function cmsPartHashes(relative: string, text: string | Uint8Array): Map<string, string> {
  const manifest = relative === "manifest.json";
  const key = manifest ? "articles" : "items";
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  // Part by part where the text is laid out as an object holding the array, one part held at a
  // time (a feed of thousands of items is never one tree, nor one string); the document as a whole otherwise.
  const slices = arraySlices(bytes, key);
  if (slices) {
    const hashes = new Map<string, string>();
    try {
      for (const [start, end] of slices) addPart(hashes, JSON.parse(bytes.toString("utf8", start, end)) as unknown, manifest);
      return hashes;
    } catch {
      // Not JSON after all: as the whole document says.
    }
  }
  const hashes = new Map<string, string>();
  let data: unknown;
  try {
    data = JSON.parse(typeof text === "string" ? text : bytes.toString("utf8"));
  } catch {
    return hashes;
  }
  const parts = (data as Record<string, unknown> | null)?.[key];
  if (Array.isArray(parts)) for (const part of parts as unknown[]) addPart(hashes, part, manifest);
  return hashes;
}

function addPart(hashes: Map<string, string>, part: unknown, manifest: boolean): void {
  const record = (part ?? {}) as Record<string, unknown>;
  const slug = manifest ? record.slug : ((record._newsbrief ?? {}) as Record<string, unknown>).slug;
  if (typeof slug !== "string") return;
  hashes.set(slug, hashes.has(slug) ? "" : createHash("sha256").update(JSON.stringify(part)).digest("base64"));
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Where the elements of the array under `key` are in the JSON object held
 * as UTF-8 `bytes` (the last such key, as `JSON.parse` keeps it): each as
 * its start and end offsets; undefined when the text is not laid out that
 * way. Only the layout is read (the bytes of a multi-byte character are
 * never taken for a bracket or a quote): each element is still to be parsed.
 */
export function arraySlices(bytes: Uint8Array, key: string): Array<[number, number]> | undefined {
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== OPEN_OBJECT) return undefined;
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_OBJECT) return undefined;
  let found: Array<[number, number]> | undefined;
  for (;;) {
    if (bytes[i] !== QUOTE) return undefined;
    const keyEnd = skipString(bytes, i);
    if (keyEnd < 0) return undefined;
    let name: unknown;
    try {
      name = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + i, keyEnd - i).toString("utf8"));
    } catch {
      return undefined;
    }
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) return undefined;
    i = skipSpace(bytes, i + 1);
    if (name === key && bytes[i] === OPEN_ARRAY) {
      found = [];
      i = skipSpace(bytes, i + 1);
      if (bytes[i] === CLOSE_ARRAY) i++;
      else
        for (;;) {
          const end = skipValue(bytes, i);
          if (end < 0) return undefined;
          found.push([i, end]);
          i = skipSpace(bytes, end);
          if (bytes[i] === CLOSE_ARRAY) {
            i++;
            break;
          }
          if (bytes[i] !== COMMA) return undefined;
          i = skipSpace(bytes, i + 1);
        }
    } else {
      if (name === key) found = undefined;
      i = skipValue(bytes, i);
      if (i < 0) return undefined;
    }
    i = skipSpace(bytes, i);
    if (bytes[i] === CLOSE_OBJECT) break;
    if (bytes[i] !== COMMA) return undefined;
    i = skipSpace(bytes, i + 1);
  }
  return skipSpace(bytes, i + 1) === bytes.length ? found : undefined;
}

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i;
}

/** Past the string that opens at `i` (a quote), or -1. */
function skipString(bytes: Uint8Array, i: number): number {
  for (let j = i + 1; j < bytes.length; j++) {
    if (bytes[j] === BACKSLASH) j++;
    else if (bytes[j] === QUOTE) return j + 1;
  }
  return -1;
}

/** Past the value that starts at `i`, or -1: strings skipped whole, brackets counted. */
function skipValue(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first === QUOTE) return skipString(bytes, i);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let j = i; j < bytes.length; j++) {
      const b = bytes[j];
      if (b === QUOTE) {
        j = skipString(bytes, j) - 1;
        if (j < 0) return -1;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < bytes.length && bytes[j] !== COMMA && bytes[j] !== CLOSE_OBJECT && bytes[j] !== CLOSE_ARRAY && bytes[j] !== 0x20 && bytes[j] !== 0x0a && bytes[j] !== 0x0d && bytes[j] !== 0x09) j++;
  return j === i ? -1 : j;
}

function parseJson(text: string, file: string, diagnostics: Diagnostic[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    diagnostics.push(diagnose(CATALOGUE["verify/json"], { reason: error instanceof Error ? error.message : String(error) }, { file }));
    return undefined;
  }
}

/** Points a diagnostic of the one-document check at the feed's own line (and `column`, when known). */
function relocate(d: Diagnostic, lines: readonly number[], where: string, column = 1): Diagnostic {
  const line = d.line > 0 ? lines[Math.min(d.line, lines.length) - 1]! : lines[lines.length - 1]!;
  return { ...d, line, column, message: `${d.message} (${where})` };
}

function keyAt(text: string, key: string, from: number): number {
  const at = text.indexOf(`"${key}":`, from);
  return at === -1 ? from : at;
}


function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
