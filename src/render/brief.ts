/**
 * Rendering one article into its briefs: Markdown with front matter and a
 * complete HTML page per locale. Pure: templates, messages and formatters
 * come in ready, files go out as `{ path, contents }`.
 */
import Handlebars from "handlebars";
import sanitizeHtml from "sanitize-html";
import { stringify } from "yaml";
import type { Article } from "../content/load.ts";
import { LOCALES, type Fact, type Locale } from "../content/schema.ts";
import { FigureFormatter } from "./figures.ts";
import { createMarked, titleAndDescription } from "./markdown.ts";
import { INTL_TAG, type Messages } from "./messages.ts";
import type { BriefTemplate } from "./templates.ts";
import type { OutputFile } from "../types.ts";

/** Everything a run builds once and reuses for every article. */
export interface Renderer {
  render(article: Article, template: BriefTemplate, inputHash: string): OutputFile[];
}

// Every string double-quoted, so that no YAML reader turns a date or a
// number-like title into something else; no line folding.
const FRONT_MATTER_STYLE = { lineWidth: 0, defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" } as const;

const OG_LOCALE: Record<Locale, string> = { fr: "fr_BE", nl: "nl_BE", en: "en_GB" };

/** Builds a renderer: formatters, list formats and the page template, once per run. */
export function createRenderer(catalog: ReadonlyMap<Locale, Messages>, pageTemplate: string): Renderer {
  const marked = createMarked();
  const page = Handlebars.create().compile(pageTemplate, { strict: true });
  const perLocale = LOCALES.map((locale) => {
    const messages = catalog.get(locale);
    if (!messages) throw new Error(`no messages for ${locale}`);
    return { locale, messages, figures: new FigureFormatter(messages), lists: new Intl.ListFormat(INTL_TAG[locale], { type: "conjunction", style: "long" }) };
  });

  return {
    render(article, template, inputHash) {
      const facts = new Map<string, Fact>(article.facts.facts.map((f) => [f.id, f]));
      const files: OutputFile[] = [];
      for (const { locale, messages, figures, lists } of perLocale) {
        const body = tidy(template.render({ article, locale, messages, figures, lists, facts }));
        const { title, description } = titleAndDescription(marked, body);
        const frontMatter = {
          title,
          description,
          lang: locale,
          slug: article.slug,
          translationKey: article.slug,
          date: article.facts.editorial.date,
          ...(article.facts.editorial.tags.length > 0 ? { tags: article.facts.editorial.tags } : {}),
          source: {
            title: article.source.frontMatter.title,
            url: article.source.frontMatter.url ?? null,
            publisher: article.source.frontMatter.publisher ?? null,
            lang: article.source.frontMatter.lang,
          },
          inputHash,
        };
        files.push({ path: `${article.slug}/${locale}.md`, contents: `---\n${stringify(frontMatter, FRONT_MATTER_STYLE)}---\n\n${body}` });
        const html = page({
          charset: "utf-8",
          viewport: new Handlebars.SafeString("width=device-width, initial-scale=1"),
          lang: INTL_TAG[locale],
          ogLocale: OG_LOCALE[locale],
          ogLocaleAlternates: LOCALES.filter((l) => l !== locale).map((l) => OG_LOCALE[l]),
          title,
          description,
          alternates: LOCALES.map((l) => ({ hreflang: INTL_TAG[l], href: `./${l}.html` })),
          jsonLd: jsonLd({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            headline: title,
            description,
            inLanguage: INTL_TAG[locale],
            datePublished: article.facts.editorial.date,
            isBasedOn: {
              "@type": "NewsArticle",
              headline: article.source.frontMatter.title,
              inLanguage: article.source.frontMatter.lang,
              ...(article.source.frontMatter.url ? { url: article.source.frontMatter.url } : {}),
              ...(article.source.frontMatter.publisher ? { publisher: { "@type": "Organization", name: article.source.frontMatter.publisher } } : {}),
            },
          }),
          body: new Handlebars.SafeString(sanitizeBody(marked.parse(body, { async: false })).trimEnd()),
        });
        files.push({ path: `${article.slug}/${locale}.html`, contents: html });
      }
      return files;
    },
  };
}

/**
 * What a brief's body may contain once it is HTML. Dataset text is escaped
 * before it reaches Markdown; this allow-list is the second line of defence.
 */
const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ["h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "em", "strong", "hr", "br", "blockquote", "a", "code"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
};

/** Sanitizes the HTML that marked made of a brief. */
export function sanitizeBody(html: string): string {
  // sanitize-html writes void elements XHTML-style (<hr />); HTML5 wants <hr>.
  return sanitizeHtml(html, BODY_POLICY).replace(/<(hr|br) \/>/g, "<$1>");
}

/** One blank line between blocks at most, LF endings, one trailing newline. */
function tidy(markdown: string): string {
  return `${markdown.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

/** JSON for a `<script>` element: `<`, `>` and `&` escaped so it cannot close the element. */
function jsonLd(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
