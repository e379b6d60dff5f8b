/**
 * Rendering one article into its briefs: Markdown with front matter and a
 * complete HTML page per locale. Pure: templates, messages and formatters
 * come in ready, files go out as `{ path, contents }`.
 */
import Handlebars from "handlebars";
import sanitizeHtml from "sanitize-html";
import type { Article } from "../content/load.ts";
import type { SiteConfig } from "../content/config.ts";
import { resolveArticle } from "../resolve/index.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import { FigureFormatter } from "./figures.ts";
import { createMarked, titleAndDescription } from "./markdown.ts";
import { INTL_TAG, type Messages } from "./messages.ts";
import { percentSpacing, templateSyntaxProblem, type BriefTemplate } from "./templates.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { OutputFile } from "../types.ts";
import { writeBriefFile } from "../plan/brief-file.ts";
import { briefPath } from "../plan/layout.ts";

/** Everything a run builds once and reuses for every article. */
export interface Renderer {
  /**
   * The article's files in every locale. With `briefs`, also what each locale's feed item takes from its
   * brief, as the brief's files carry it (the same values, the body as the page's body byte for byte).
   */
  render(article: Article, template: BriefTemplate, inputHash: string, briefs?: Map<Locale, BriefSummary>): OutputFile[];
}

/** What a feed takes from one brief: its front matter's fields, and its body as sanitized HTML. */
export interface BriefSummary {
  translationKey: string;
  title: string;
  description: string;
  date: string;
  /** The dataset's editorial tags. */
  tags: string[];
  /** The body as sanitized HTML: the page's body byte for byte. */
  html: string;
}

const OG_LOCALE: Record<Locale, string> = { fr: "fr_BE", nl: "nl_BE", en: "en_GB" };

/** The most characters a page's meta description has. */
export const MAX_DESCRIPTION = 160;

/** The absolute URL of a brief's page on the site. */
export function pageUrl(site: SiteConfig, slug: string, locale: Locale): string {
  return `${site.baseUrl}${briefPath(slug, locale, "html")}`;
}

/**
 * Builds a renderer: formatters, list formats and the page template, once
 * per run. With `site`, pages carry absolute canonical, Open Graph and
 * alternate URLs, and their JSON-LD names the publisher and the author.
 */
export function createRenderer(catalog: ReadonlyMap<Locale, Messages>, pageTemplate: string, site?: SiteConfig): Renderer {
  const marked = createMarked();
  // Typed by PAGE_VALUES: a value added to a page but not to the list (or the reverse) does not compile.
  const page: (context: Record<PageValue, unknown>) => string = Handlebars.create().compile(pageTemplate, { strict: true });
  const perLocale = LOCALES.map((locale) => {
    const messages = catalog.get(locale);
    if (!messages) throw new Error(`no messages for ${locale}`);
    return { locale, messages, figures: new FigureFormatter(messages), lists: new Intl.ListFormat(INTL_TAG[locale], { type: "conjunction", style: "long" }) };
  });

  return {
    render(article, template, inputHash, briefs) {
      const resolved = resolveArticle(article, template.type);
      const sourceTitle = sourceTitleText(article.source.frontMatter.title);
      const files: OutputFile[] = [];
      for (const { locale, messages, figures, lists } of perLocale) {
        const body = tidy(template.render({ article, locale, messages, figures, lists, resolved, named: new Set() }));
        // One lexing for the title, the description and the HTML (the instance has no hooks to run).
        const tokens = marked.lexer(body);
        const { title, description } = titleAndDescription(marked, tokens);
        const frontMatter = {
          title,
          description,
          lang: locale,
          slug: article.slug,
          translationKey: article.slug,
          date: article.facts.editorial.date,
          ...(article.facts.editorial.tags.length > 0 ? { tags: article.facts.editorial.tags } : {}),
          source: {
            title: sourceTitle,
            url: article.source.frontMatter.url ?? null,
            publisher: article.source.frontMatter.publisher ?? null,
            lang: article.source.frontMatter.lang,
          },
          inputHash,
        };
        files.push({ path: briefPath(article.slug, locale, "md"), contents: writeBriefFile(frontMatter, body) });
        const bodyHtml = sanitizeBody(marked.parser(tokens)).trimEnd();
        briefs?.set(locale, { translationKey: frontMatter.translationKey, title, description, date: frontMatter.date, tags: [...article.facts.editorial.tags], html: bodyHtml });
        const metaDescription = shortenDescription(description, locale);
        const url = site ? pageUrl(site, article.slug, locale) : null;
        const sourceLocale = (LOCALES as readonly string[]).includes(article.source.frontMatter.lang) ? (article.source.frontMatter.lang as Locale) : "fr";
        const html = page({
          charset: "utf-8",
          viewport: new Handlebars.SafeString("width=device-width, initial-scale=1"),
          lang: INTL_TAG[locale],
          ogLocale: OG_LOCALE[locale],
          ogLocaleAlternates: LOCALES.filter((l) => l !== locale).map((l) => OG_LOCALE[l]),
          title,
          description: metaDescription,
          canonical: url,
          alternates: [
            ...LOCALES.map((l) => ({ hreflang: INTL_TAG[l], href: site ? pageUrl(site, article.slug, l) : `./${l}.html` })),
            ...(site ? [{ hreflang: "x-default", href: pageUrl(site, article.slug, sourceLocale) }] : []),
          ],
          jsonLd: jsonLd({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            headline: title,
            description: metaDescription,
            inLanguage: INTL_TAG[locale],
            datePublished: article.facts.editorial.date,
            ...(site
              ? {
                  mainEntityOfPage: { "@type": "WebPage", "@id": url },
                  url,
                  author: { "@type": site.author.type, name: site.author.name },
                  publisher: {
                    "@type": "Organization",
                    name: site.publisher.name,
                    ...(site.publisher.logo ? { logo: { "@type": "ImageObject", url: site.publisher.logo } } : {}),
                  },
                }
              : {}),
            isBasedOn: {
              "@type": "NewsArticle",
              headline: sourceTitle,
              inLanguage: article.source.frontMatter.lang,
              ...(article.source.frontMatter.url ? { url: article.source.frontMatter.url } : {}),
              ...(article.source.frontMatter.publisher ? { publisher: { "@type": "Organization", name: article.source.frontMatter.publisher } } : {}),
            },
          }),
          body: new Handlebars.SafeString(bodyHtml),
        });
        files.push({ path: briefPath(article.slug, locale, "html"), contents: html });
      }
      return files;
    },
  };
}

/** What a page template can name: the values every page is rendered with. */
export const PAGE_VALUES = ["alternates", "body", "canonical", "charset", "description", "jsonLd", "lang", "ogLocale", "ogLocaleAlternates", "title", "viewport"] as const;
type PageValue = (typeof PAGE_VALUES)[number];
const BLOCKS = new Set(["if", "unless", "each", "with"]);

/**
 * Checks `templates/page.html.hbs` before any page is rendered: it parses;
 * it uses no partial, decorator or helper but the built-in blocks (`if`,
 * `unless`, `each`, `with`); and what it names outside an `each` or `with`
 * block is one of {@link PAGE_VALUES}. Else a problem would surface only
 * while rendering, as a failed write of out/.
 */
export function checkPageTemplate(file: { file: string; text: string }): Diagnostic[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(file.text);
  } catch (error) {
    return [templateSyntaxProblem(error, file.file, file.text)];
  }
  const diagnostics: Diagnostic[] = [];
  const at = (node: hbs.AST.Node) => ({ file: file.file, line: node.loc.start.line, column: node.loc.start.column + 1 });
  const known = new Set<string>(PAGE_VALUES);
  const name = (path: hbs.AST.Expression, inPage: boolean) => {
    if (path.type !== "PathExpression") return;
    const p = path as hbs.AST.PathExpression;
    if (!inPage || p.data || p.original === "this" || p.depth > 0) return;
    const head = String(p.parts[0] ?? "");
    if (!known.has(head)) {
      diagnostics.push(diagnose(CATALOGUE["template/page-unknown-name"], { name: p.original }, { ...at(p), expected: `one of ${PAGE_VALUES.join(", ")}`, actual: p.original }));
    }
  };
  const walk = (program: hbs.AST.Program | undefined, inPage: boolean): void => {
    for (const node of program?.body ?? []) {
      switch (node.type) {
        case "MustacheStatement": {
          const m = node as hbs.AST.MustacheStatement;
          if (m.params.length > 0 || (m.hash?.pairs.length ?? 0) > 0) {
            diagnostics.push(diagnose(CATALOGUE["template/page-helper"], { name: (m.path as hbs.AST.PathExpression).original ?? "?" }, at(m)));
          } else {
            name(m.path, inPage);
          }
          break;
        }
        case "BlockStatement": {
          const b = node as hbs.AST.BlockStatement;
          const helper = (b.path as hbs.AST.PathExpression).original;
          if (!BLOCKS.has(helper) || b.params.length !== 1 || b.params[0]!.type === "SubExpression") {
            diagnostics.push(diagnose(CATALOGUE["template/page-helper"], { name: helper ?? "?" }, at(b)));
            break;
          }
          name(b.params[0]!, inPage);
          // `each` and `with` change what a name means: inside them, names are the item's.
          const same = helper === "if" || helper === "unless";
          walk(b.program, inPage && same);
          walk(b.inverse, inPage);
          break;
        }
        case "PartialStatement":
        case "PartialBlockStatement":
        case "Decorator":
        case "DecoratorBlock":
          diagnostics.push(diagnose(CATALOGUE["template/unsupported"], {}, at(node)));
          break;
        default:
          break;
      }
    }
  };
  walk(ast, true);
  return diagnostics;
}

/**
 * What a brief's body may contain once it is HTML. Dataset text is escaped
 * before it reaches Markdown; this allow-list is the second line of defence.
 */
const LANG_TAGS = ["p", "li", "em", "strong", "blockquote", "q", "span"] as const;
/** A language tag (`fr`, `nl-BE`): anything else is dropped from a `lang` attribute. */
const LANG_VALUE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const keepValidLang: sanitizeHtml.Transformer = (tagName, attribs) => {
  const { lang, ...rest } = attribs;
  return { tagName, attribs: lang !== undefined && LANG_VALUE.test(lang) ? { ...rest, lang } : rest };
};

const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ["h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "em", "strong", "hr", "br", "blockquote", "q", "span", "a", "code"],
  // A passage in another language than the page's (a quote left in French) keeps its `lang`.
  allowedAttributes: { a: ["href"], ...Object.fromEntries(LANG_TAGS.map((tag) => [tag, ["lang"]])) },
  transformTags: Object.fromEntries(LANG_TAGS.map((tag) => [tag, keepValidLang])),
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

/**
 * Words that open a phrase of their own (prepositions, conjunctions): a
 * description cut right before one ends on a whole phrase ("… pour le
 * programme de travail pluriannuel…") rather than in the middle of one.
 */
const PHRASE_OPENERS: Record<Locale, RegExp> = {
  fr: /^(?:de|du|des|pour|avec|dans|sur|par|en|à|au|aux|et|ou|qui|que|dont|contre|entre|selon|sans|vers|afin|lors|depuis)$/,
  nl: /^(?:van|voor|met|in|op|aan|bij|uit|en|of|die|dat|om|tot|over|naar|door|te|tegen|sinds)$/,
  en: /^(?:of|for|with|in|on|at|by|to|and|or|which|that|from|as|into|under|over|against|since)$/,
};

/**
 * A meta description of at most {@link MAX_DESCRIPTION} characters: the
 * text itself when short enough, else cut with an ellipsis at the last
 * clause (a comma or a semicolon); failing that, in `locale`, at the last
 * word boundary before a word that opens a phrase, not inside a name (after
 * a capitalised word) nor right after a figure; failing that, at the last
 * word boundary that leaves no figure cut in two. The verifier reads the
 * result like any other text of the page.
 */
export function shortenDescription(text: string, locale?: Locale, max = MAX_DESCRIPTION): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max);
  // Not after a word with a digit: "1 232 | 726" or "1,2 | milliard" would leave half a figure.
  const figureAround = (at: number) => /\d\S*$/.test(text.slice(0, at));
  const cut = (at: number) => `${text.slice(0, at).replace(/[\s,;:]+$/, "")}…`;
  const last = (boundary: RegExp, from: number, fits: (at: number) => boolean) => {
    let best = -1;
    for (const match of room.matchAll(boundary)) if (match.index >= from && fits(match.index)) best = match.index;
    return best;
  };
  const clause = last(/[,;](?=\s)/g, max / 3, () => true);
  if (clause !== -1) return cut(clause);
  if (locale) {
    const opener = PHRASE_OPENERS[locale];
    const phrase = last(/ /g, max / 2, (at) => {
      const next = /^ (\S+)/.exec(text.slice(at))?.[1] ?? "";
      const before = text.slice(0, at).split(/\s+/).slice(-2);
      // Not inside a name ("du Programme | pour une Europe"), nor after the words of a figure ("1,2 milliard | de francs").
      return opener.test(next) && !/^\p{Lu}/u.test(before.at(-1) ?? "") && !before.some((word) => /\d/.test(word));
    });
    if (phrase !== -1) return cut(phrase);
  }
  const word = last(/ /g, max / 3, (at) => !figureAround(at));
  if (word !== -1) return cut(word);
  return `${room.slice(0, max - 1).trimEnd()}…`;
}

/** One blank line between blocks at most, LF endings, one trailing newline. */
/**
 * The French source's title as the briefs cite it: its words as written,
 * with the no-break space French puts between a figure and `%` (as the
 * briefs' own `figure.percent` writes it) where the source has an ordinary
 * space or none: web titles rarely carry it, and a line must not break
 * between the two.
 */
export function sourceTitleText(title: string): string {
  return percentSpacing(title, "fr");
}

function tidy(markdown: string): string {
  return `${markdown.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

/** JSON for a `<script>` element: `<`, `>` and `&` escaped so it cannot close the element. */
function jsonLd(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
