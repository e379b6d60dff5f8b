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
export function cmsPartHashes(relative: string, text: string): Map<string, string> {
  const hashes = new Map<string, string>();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return hashes;
  }
  const manifest = relative === "manifest.json";
  const parts = (data as Record<string, unknown> | null)?.[manifest ? "articles" : "items"];
  if (!Array.isArray(parts)) return hashes;
  for (const part of parts as unknown[]) {
    const record = (part ?? {}) as Record<string, unknown>;
    const slug = manifest ? record.slug : ((record._newsbrief ?? {}) as Record<string, unknown>).slug;
    if (typeof slug !== "string") continue;
    hashes.set(slug, hashes.has(slug) ? "" : createHash("sha256").update(JSON.stringify(part)).digest("base64"));
  }
  return hashes;
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
