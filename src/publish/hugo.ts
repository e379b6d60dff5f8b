/**
 * The Hugo target: the briefs become pages of a multilingual Hugo site,
 * linked as translations by their file names (`by-filename`, the default:
 * `content/briefs/<slug>/index.<locale>.md`) or by their language's content
 * folder (`per-locale-dir`: `content/<locale>/briefs/<slug>.md`, with
 * `contentDir` set per language in the site's configuration).
 */
import { stringify } from "yaml";
import { LOCALES, type Locale } from "../content/schema.ts";
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

/** The formats `cms-config hugo --format` prints; the first is the default (Hugo's own). */
export const HUGO_CONFIG_FORMATS = ["toml", "yaml"] as const;
export type HugoConfigFormat = (typeof HUGO_CONFIG_FORMATS)[number];

/** Each language as the site names it, in the order of its menus (the weight). */
const HUGO_LANGUAGES: Record<Locale, { languageName: string; languageCode: string }> = {
  fr: { languageName: "Français", languageCode: "fr-BE" },
  nl: { languageName: "Nederlands", languageCode: "nl-BE" },
  en: { languageName: "English", languageCode: "en-GB" },
};

/**
 * The site configuration that matches what the Hugo target writes: French
 * as the default language (served at the root), the three languages with
 * their names and weights, and for `per-locale-dir` each language's
 * `contentDir`. Hugo links the three pages of a brief as translations by
 * their file names or folders, and by the `translationKey` each carries.
 */
export function hugoConfig(layout: HugoLayout = "by-filename", format: HugoConfigFormat = "toml"): string {
  const languages = Object.fromEntries(
    LOCALES.map((locale, index) => [
      locale,
      { ...HUGO_LANGUAGES[locale], weight: index + 1, ...(layout === "per-locale-dir" ? { contentDir: `content/${locale}` } : {}) },
    ]),
  );
  const header = [
    `Hugo site configuration for newsbrief's briefs (newsbrief cms-config hugo --layout ${layout} --format ${format}).`,
    `Matches \`newsbrief publish --to hugo --layout ${layout}\`; merge it into your site's configuration (keep your baseURL, title and theme).`,
  ];
  const comment = (prefix: string) => header.map((line) => `${prefix} ${line}\n`).join("");
  if (format === "yaml") {
    return `${comment("#")}${stringify({ defaultContentLanguage: "fr", defaultContentLanguageInSubdir: false, languages }, { lineWidth: 0 })}`;
  }
  const lines = [`defaultContentLanguage = ${tomlValue("fr")}`, "defaultContentLanguageInSubdir = false"];
  for (const [locale, settings] of Object.entries(languages)) {
    lines.push("", `[languages.${locale}]`, ...Object.entries(settings).map(([key, value]) => `${key} = ${tomlValue(value)}`));
  }
  return `${comment("#")}${lines.join("\n")}\n`;
}

/** A TOML string (basic, escaped) or integer. */
function tomlValue(value: string | number): string {
  return typeof value === "number" ? String(value) : JSON.stringify(value);
}
