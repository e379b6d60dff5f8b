/**
 * The Hugo target: the briefs become pages of a multilingual Hugo site,
 * linked as translations by their file names (`by-filename`, the default:
 * `content/briefs/<slug>/index.<locale>.md`) or by their language's content
 * folder (`per-locale-dir`: `content/<locale>/briefs/<slug>.md`, with
 * `contentDir` set per language in the site's configuration).
 */
import { bodyWithoutTitle, fileTarget, LOCALE_GROUP as LOCALE, markdownFile, pattern, siteFrontMatter, SLUG_GROUP as SLUG, type FileLayout } from "./files.ts";
import type { Brief, TargetDefinition } from "./types.ts";

export const HUGO_LAYOUTS = ["by-filename", "per-locale-dir"] as const;
export type HugoLayout = (typeof HUGO_LAYOUTS)[number];


/** Where each layout puts a brief. */
export const HUGO_FILE_LAYOUTS: Record<HugoLayout, FileLayout> = {
  "by-filename": pattern((slug, locale) => `content/briefs/${slug}/index.${locale}.md`, new RegExp(`^content/briefs/${SLUG}/index\\.${LOCALE}\\.md$`), 1, 2),
  "per-locale-dir": pattern((slug, locale) => `content/${locale}/briefs/${slug}.md`, new RegExp(`^content/${LOCALE}/briefs/${SLUG}\\.md$`), 2, 1),
};

/** A brief as a Hugo content file: Hugo's front matter keys, then the Markdown body. */
export function hugoFile(brief: Brief, draft: boolean): string {
  // Hugo takes the language from the file name or folder; `lang` says it to readers of the file too.
  const { title, description, date, draft: isDraft, ...rest } = siteFrontMatter(brief, draft);
  return markdownFile({ title, description, date, draft: isDraft, lang: brief.locale, ...rest }, bodyWithoutTitle(brief));
}

export const hugoTarget: TargetDefinition = fileTarget({
  name: "hugo",
  description: "a Hugo site's content folder (<site-dir>/content/)",
  layouts: HUGO_LAYOUTS,
  fileLayouts: HUGO_FILE_LAYOUTS,
  render: hugoFile,
});
