/**
 * The Decap CMS target: the briefs become entries of a folder collection
 * with Decap's i18n support, in one of its structures
 * (`multiple_files`: `<folder>/<slug>.<locale>.md`, the default;
 * `multiple_folders`: `<folder>/<locale>/<slug>.md`), and `decapConfig`
 * prints the matching collection for the CMS's `config.yml`.
 */
import { stringify } from "yaml";
import { LOCALES } from "../content/schema.ts";
import { bodyWithoutTitle, fileTarget, HASH_KEY, LOCALE_GROUP as LOCALE, markdownFile, MARK, pattern, siteFrontMatter, SLUG_GROUP as SLUG } from "./files.ts";
import type { Brief, TargetDefinition } from "./types.ts";

export const DECAP_LAYOUTS = ["multiple_files", "multiple_folders"] as const;
export type DecapLayout = (typeof DECAP_LAYOUTS)[number];

/** The collection's folder, relative to the repository. */
export const DECAP_FOLDER = "content/briefs";


export const DECAP_FILE_LAYOUTS = {
  multiple_files: pattern((slug, locale) => `${DECAP_FOLDER}/${slug}.${locale}.md`, new RegExp(`^${DECAP_FOLDER}/${SLUG}\\.${LOCALE}\\.md$`), 1, 2),
  multiple_folders: pattern((slug, locale) => `${DECAP_FOLDER}/${locale}/${slug}.md`, new RegExp(`^${DECAP_FOLDER}/${LOCALE}/${SLUG}\\.md$`), 2, 1),
};

/** A brief as a Decap entry: the collection's fields as front matter, then the body. */
export function decapFile(brief: Brief, draft: boolean): string {
  return markdownFile(siteFrontMatter(brief, draft), bodyWithoutTitle(brief));
}

/**
 * The `config.yml` collection that matches what the target writes: texts
 * that differ per language are `i18n: true`, values shared by the three
 * (date, draft, slug, translation key, tags) `i18n: duplicate`; the hidden
 * newsbrief mark and fingerprint are kept per language.
 */
export function decapConfig(layout: DecapLayout = "multiple_files"): string {
  const config = {
    i18n: { structure: layout, locales: [...LOCALES], default_locale: "fr" },
    collections: [
      {
        name: "briefs",
        label: "Briefs",
        label_singular: "Brief",
        folder: DECAP_FOLDER,
        create: true,
        format: "frontmatter",
        extension: "md",
        slug: "{{fields.slug}}",
        identifier_field: "title",
        i18n: { structure: layout, locales: [...LOCALES], default_locale: "fr" },
        fields: [
          { label: "Title", name: "title", widget: "string", i18n: true },
          { label: "Description", name: "description", widget: "text", i18n: true },
          { label: "Date", name: "date", widget: "datetime", format: "YYYY-MM-DD", date_format: "YYYY-MM-DD", time_format: false, i18n: "duplicate" },
          { label: "Draft", name: "draft", widget: "boolean", default: false, required: false, i18n: "duplicate" },
          { label: "Slug", name: "slug", widget: "string", pattern: ["^[a-z0-9]+(?:-[a-z0-9]+)*$", "lower-case words joined by hyphens"], i18n: "duplicate" },
          { label: "Translation key", name: "translationKey", widget: "string", i18n: "duplicate" },
          { label: "Tags", name: "tags", widget: "list", default: [], required: false, i18n: "duplicate" },
          // Hidden fields are per language: Decap does not duplicate a hidden field into the other languages.
          { label: "Written by newsbrief", name: MARK, widget: "hidden", default: true, i18n: true },
          { label: "newsbrief fingerprint", name: HASH_KEY, widget: "hidden", required: false, i18n: true },
          { label: "Body", name: "body", widget: "markdown", i18n: true },
        ],
      },
    ],
  };
  return `# Decap CMS collection for newsbrief's briefs (newsbrief cms-config decap --layout ${layout}).\n# Add a backend and media_folder of your own.\n${stringify(config, { lineWidth: 0 })}`;
}

export const decapTarget: TargetDefinition = fileTarget({
  name: "decap",
  description: `a Decap CMS repository (<site-dir>/${DECAP_FOLDER}/)`,
  layouts: DECAP_LAYOUTS,
  fileLayouts: DECAP_FILE_LAYOUTS,
  render: decapFile,
});
