/**
 * The review pages: one self-contained HTML page per article, the French,
 * Dutch and English briefs side by side line by line, the French source
 * beside them, every figure tied to its fact and the fact to its evidence,
 * and every problem shown where it occurs. Pure: data in, files out.
 */
import { createHash } from "node:crypto";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { LOCALES, type Locale } from "../types.ts";
import { SCRIPT, STYLE } from "./assets.ts";
import { escapeHtml, markLine, type Mark } from "./markup.ts";
import type { ReviewArticle, ReviewFact, ReviewIndexEntry, ReviewProject } from "./model.ts";

/**
 * A browser may break a line right after a button, leaving the full stop
 * that follows a figure alone at the start of the next line: a figure's
 * button and the punctuation right after it are kept on one line.
 */
function keepPunctuation(html: string): string {
  return html.replace(/(<button [^>]*>[^<]*<\/button>)([.,;:!?)\]»”’…]+)/g, '<span class="nb">$1$2</span>');
}

/** Options of {@link reviewFiles}. */
export interface ReviewPageOptions {
  /**
   * The URL each page polls for a version, reloading itself when it changes
   * (the pages are served); the policy then allows fetching from the page's own origin.
   */
  reloadUrl?: (page: string) => string;
}

/** A page to write, by its name inside the review folder. */
export interface ReviewFile {
  path: string;
  contents: string;
}

const LANG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };
const LABEL: Record<Locale, string> = { fr: "FR", nl: "NL", en: "EN" };

/** The page of every article and the index. */
export function reviewFiles(project: ReviewProject, options: ReviewPageOptions = {}): ReviewFile[] {
  return [...reviewArticlePages(project, options), { path: "index.html", contents: reviewIndex({ articles: project.articles.map(indexEntryOf), diagnostics: project.diagnostics }, options) }];
}

/** The page of each article of `project`, without the index (a run that writes a batch of articles at a time). */
export function reviewArticlePages(project: ReviewProject, options: ReviewPageOptions = {}): ReviewFile[] {
  return project.articles.map((article) => ({ path: `${article.slug}.html`, contents: reviewPage(article, project.diagnostics, options) }));
}

/** What the index shows of a project: each article's summary and problems, and the problems that belong to none. */
export interface ReviewIndexEntries {
  articles: readonly ReviewIndexEntry[];
  diagnostics: readonly Diagnostic[];
}

/** What the index shows of one reviewed article. */
export function indexEntryOf(article: ReviewArticle): ReviewIndexEntry {
  const briefFiles = new Set(article.briefs.map((b) => b.file));
  const source = { covered: 0, ignored: 0, uncovered: 0 };
  for (const figure of article.sourceFigures) source[figure.status]++;
  return {
    slug: article.slug,
    diagnostics: article.diagnostics,
    ...(article.about ? { about: article.about } : {}),
    ...(article.briefs.length > 0 ? { figures: article.figures.filter((f) => briefFiles.has(f.file)).length } : {}),
    source,
  };
}

/** Counts of errors and warnings. */
function counts(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  return { errors, warnings: diagnostics.length - errors };
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

function shell(page: string, title: string, body: string, options: ReviewPageOptions): string {
  const reloadUrl = options.reloadUrl?.(page);
  const policy = [
    "default-src 'none'",
    `style-src ${sha256(STYLE)}`,
    `script-src ${sha256(SCRIPT)}`,
    ...(reloadUrl ? ["connect-src 'self'"] : []),
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const reload = reloadUrl ? ` data-reload="${escapeHtml(reloadUrl)}"` : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body${reload}>
<a class="skip" href="#main">Skip to the content</a>
${body}
<div id="tip" role="tooltip" hidden></div>
<p id="live" class="sr" aria-live="polite"></p>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function statusLine(diagnostics: readonly Diagnostic[]): string {
  const { errors, warnings } = counts(diagnostics);
  const status = errors === 0 ? `<span class="status-ok">passes</span>` : `<span class="status-failed">fails: ${errors} error(s)</span>`;
  return `${status}${warnings > 0 ? `, ${warnings} warning(s)` : ""}`;
}

function issue(d: Diagnostic, id?: string, link?: string): string {
  const where = `${d.file}${d.line > 0 ? `:${d.line}${d.column > 0 ? `:${d.column}` : ""}` : ""}`;
  const extra = [d.expected !== undefined ? `expected ${d.expected}` : "", d.actual !== undefined ? `found ${d.actual}` : ""].filter(Boolean).join("; ");
  const place = link ? `<a href="#${escapeHtml(link)}">${escapeHtml(where)}</a>` : escapeHtml(where);
  return `<li class="${d.severity}"${id ? ` id="${escapeHtml(id)}"` : ""}><span class="sr">${d.severity}: </span>${place} <code>${escapeHtml(d.rule)}</code> ${escapeHtml(d.message)}${extra ? ` (${escapeHtml(extra)})` : ""}</li>`;
}

function issues(list: readonly Diagnostic[]): string {
  return list.length === 0 ? "" : `<ul class="issues">${list.map((d) => issue(d)).join("")}</ul>`;
}

/** Failing articles named above the index's table at most; the table marks every one. */
const MAX_FAILING_NAMED = 20;

/** The index: every article with its status, and the problems that belong to none. */
export function reviewIndex(project: ReviewIndexEntries, options: ReviewPageOptions = {}): string {
  const all = [...project.diagnostics, ...project.articles.flatMap((a) => a.diagnostics)];
  const failing = project.articles.filter((a) => counts(a.diagnostics).errors > 0);
  const rows = project.articles.map((a) => {
    const title = a.about?.title !== undefined ? `<a href="${escapeHtml(a.slug)}.html" lang="fr-BE">${escapeHtml(a.about.title)}</a><br><code>${escapeHtml(a.slug)}</code>` : `<a href="${escapeHtml(a.slug)}.html"><code>${escapeHtml(a.slug)}</code></a>`;
    const { covered, ignored, uncovered } = a.source;
    const total = covered + ignored + uncovered;
    const source = total === 0 ? "–" : `${covered} of ${total} covered${ignored > 0 ? `, ${ignored} ignored` : ""}${uncovered > 0 ? `, <span class="status-failed">${uncovered} not covered</span>` : ""}`;
    // On a phone the cells stack, each after its column's name.
    return `<tr${counts(a.diagnostics).errors > 0 ? ' class="failing"' : ""}><td>${title}</td><td data-label="Date">${escapeHtml(a.about?.date ?? "–")}</td><td data-label="Story type">${escapeHtml(a.about?.template ?? "–")}</td><td class="n" data-label="Figures tied">${a.figures ?? "–"}</td><td data-label="Source figures">${source}</td><td data-label="Status">${statusLine(a.diagnostics)}</td></tr>`;
  });
  const named = failing.slice(0, MAX_FAILING_NAMED).map((a) => `<a href="${escapeHtml(a.slug)}.html"><code>${escapeHtml(a.slug)}</code></a>`);
  const more = failing.length > named.length ? ` and ${failing.length - named.length} more (marked in the table)` : "";
  const failingLine = failing.length > 0 ? `<p>Failing: ${named.join(", ")}${more}</p>\n` : "";
  const body = `<header><h1>Review</h1><p class="summary">${project.articles.length} article(s): ${statusLine(all)}</p></header>
<main id="main">
${project.diagnostics.length > 0 ? `<h2>Problems of the project</h2>\n${issues(project.diagnostics)}\n` : ""}<h2>Articles</h2>
${failingLine}<table class="articles">
<thead><tr><th scope="col">Article</th><th scope="col">Date</th><th scope="col">Story type</th><th scope="col">Figures tied</th><th scope="col">Source figures</th><th scope="col">Status</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</main>`;
  return shell("index.html", "Review: every article", body, options);
}

/** Where each diagnostic is shown: on a brief's line, a source line, a fact, or only in the list. */
interface Placement {
  brief: Map<string, Diagnostic[]>;
  source: Map<number, Diagnostic[]>;
  fact: Map<string, Diagnostic[]>;
  anchor: Map<Diagnostic, string>;
}

function place(article: ReviewArticle, diagnostics: readonly Diagnostic[]): Placement {
  const placement: Placement = { brief: new Map(), source: new Map(), fact: new Map(), anchor: new Map() };
  const add = <K>(map: Map<K, Diagnostic[]>, key: K, d: Diagnostic) => map.set(key, [...(map.get(key) ?? []), d]);
  const factsByLine = [...article.facts].sort((a, b) => a.line - b.line);
  const sourceLines = article.files.sourceText.split("\n").length;
  for (const d of diagnostics) {
    const brief = article.briefs.find((b) => b.file === d.file);
    // A problem in an input's text (a lint finding) is shown at the brief line where that text shows.
    const shown = d.shownAt ? article.briefs.find((b) => b.file === d.shownAt!.file) : undefined;
    if (brief && d.line >= brief.bodyLine) {
      add(placement.brief, `${brief.locale}:${d.line}`, d);
      placement.anchor.set(d, `L-${brief.locale}-${d.line}`);
    } else if (shown && d.shownAt!.line >= shown.bodyLine) {
      add(placement.brief, `${shown.locale}:${d.shownAt!.line}`, d);
      placement.anchor.set(d, `L-${shown.locale}-${d.shownAt!.line}`);
    } else if (d.file === article.files.sourceFile && d.line > 0 && d.line <= sourceLines) {
      add(placement.source, d.line, d);
      placement.anchor.set(d, `S-${d.line}`);
    } else if (d.file === article.files.factsFile && d.line > 0) {
      const fact = factsByLine.filter((f) => f.line <= d.line).at(-1);
      const next = fact ? factsByLine[factsByLine.indexOf(fact) + 1] : undefined;
      if (fact && (!next || d.line < next.line)) {
        add(placement.fact, fact.id, d);
        placement.anchor.set(d, `fact-${fact.id}`);
      }
    }
  }
  return placement;
}

/** One article's review page. `general` are the problems that belong to no article. */
export function reviewPage(article: ReviewArticle, general: readonly Diagnostic[], options: ReviewPageOptions = {}): string {
  const diagnostics = [...general, ...article.diagnostics];
  const placement = place(article, diagnostics);
  const list = diagnostics.map((d) => issue(d, undefined, placement.anchor.get(d))).join("\n");
  const body = `<header>
<h1>Review: ${escapeHtml(article.slug)}</h1>
<p class="summary">${statusLine(diagnostics)} · ${article.figures.filter((f) => article.briefs.some((b) => b.file === f.file)).length} figure(s) of the briefs tied to their facts · <a href="index.html">all articles</a></p>
</header>
<main id="main">
<section id="problems" aria-labelledby="problems-h">
<h2 id="problems-h">Problems (${diagnostics.length})</h2>
${diagnostics.length === 0 ? "<p>None: every figure is verified and traced to the source.</p>" : `<ul class="issues">\n${list}\n</ul>`}
</section>
<div class="layout">
${briefsTable(article, placement)}
${sourcePanel(article, placement)}
</div>
${factsPanel(article, placement)}
</main>`;
  return shell(`${article.slug}.html`, `Review: ${article.slug}`, body, options);
}

function briefsTable(article: ReviewArticle, placement: Placement): string {
  if (article.briefs.length === 0) {
    return `<section id="briefs" aria-labelledby="briefs-h"><h2 id="briefs-h">Briefs</h2><p>The briefs could not be rendered: see the problems above.</p></section>`;
  }
  const bodies = LOCALES.map((locale) => {
    const brief = article.briefs.find((b) => b.locale === locale);
    if (!brief) return { locale, first: 0, lines: [] as string[] };
    return { locale, first: brief.bodyLine, lines: brief.markdown.split("\n").slice(brief.bodyLine - 1) };
  });
  const rows = Math.max(...bodies.map((b) => b.lines.length));
  const out: string[] = [];
  for (let row = 0; row < rows; row++) {
    const cells = bodies.map(({ locale, first, lines }) => {
      const text = lines[row] ?? "";
      const line = first + row;
      const brief = article.briefs.find((b) => b.locale === locale);
      const found = brief ? placement.brief.get(`${locale}:${line}`) ?? [] : [];
      const figures = brief ? article.figures.filter((f) => f.file === brief.file && f.line === line) : [];
      return { locale, text, line, found, figures };
    });
    if (cells.every((c) => c.text.trim() === "" && c.found.length === 0)) continue;
    const heading = cells.some((c) => /^#{1,6} /.test(c.text));
    const tds = cells.map(({ locale, text, line, found, figures }) => {
      const marks: Mark[] = figures.map((f) => ({
        start: f.column - 1,
        end: f.column - 1 + f.text.length,
        layer: 1,
        wrap: (inner) => `<button type="button" class="fig" data-fact="${escapeHtml(f.factId)}" aria-pressed="false" aria-describedby="fact-${escapeHtml(f.factId)}">${inner}</button>`,
      }));

      const marker = /^(#{1,6} |- |\d+\. )/.exec(text)?.[0].length ?? 0;
      if (marker > 0) marks.push({ start: 0, end: marker, layer: 0, wrap: (inner) => `<span class="md" aria-hidden="true">${inner}</span>` });
      return `<td lang="${LANG[locale]}" id="L-${locale}-${line}" data-label="${LABEL[locale]} ${line}">${keepPunctuation(markLine(text, marks))}${issues(found)}</td>`;
    });
    out.push(`<tr${heading ? ' class="h"' : ""}><td class="ln">${cells[0]!.line}</td>${tds.join("")}</tr>`);
  }
  const files = article.briefs.map((b) => `<code>${escapeHtml(b.file)}</code>`).join(", ");
  return `<section id="briefs" aria-labelledby="briefs-h">
<h2 id="briefs-h">Briefs, line by line</h2>
<p class="summary">From ${files}; each figure is a button: hover or focus it to see its fact, press it to find the fact in every language and its evidence in the source.</p>
<table>
<thead><tr><th scope="col" class="ln">Line</th>${LOCALES.map((l) => `<th scope="col" lang="en">${LABEL[l]}</th>`).join("")}</tr></thead>
<tbody>
${out.join("\n")}
</tbody>
</table>
</section>`;
}

function sourcePanel(article: ReviewArticle, placement: Placement): string {
  const text = article.files.sourceText;
  const lines = text.split("\n");
  const offset = article.sourceBodyOffset;
  const items: string[] = [];
  let start = 0;
  lines.forEach((line, index) => {
    const number = index + 1;
    const end = start + line.length;
    const marks: Mark[] = [];
    const within = (s: number, e: number) => s + offset < end && e + offset > start;
    const evidence = new Map<string, string[]>();
    for (const span of article.evidence) {
      if (!within(span.start, span.end)) continue;
      const key = `${span.start}:${span.end}`;
      evidence.set(key, [...(evidence.get(key) ?? []), span.factId]);
    }
    for (const [key, ids] of evidence) {
      const [s, e] = key.split(":").map(Number) as [number, number];
      const names = [...new Set(ids)].join(" ");
      marks.push({ start: s + offset - start, end: e + offset - start, layer: 0, wrap: (inner) => `<mark class="ev" data-evidence="${escapeHtml(names)}">${inner}</mark>` });
    }
    for (const figure of article.sourceFigures) {
      if (!within(figure.start, figure.end)) continue;
      const note =
        figure.status === "ignored"
          ? `<span class="note">(ignored: ${escapeHtml(figure.reason ?? "")})</span>`
          : figure.status === "uncovered"
            ? `<span class="note err">(not covered by any fact)</span>`
            : undefined;
      const covered = figure.status === "covered" ? ` data-covered="${escapeHtml((figure.factIds ?? []).join(" "))}"` : "";
      marks.push({
        start: figure.start + offset - start,
        end: figure.end + offset - start,
        layer: 1,
        wrap: (inner) => `<span class="sf ${figure.status}"${covered}>${inner}</span>`,
        ...(note ? { after: note } : {}),
      });
    }
    const found = placement.source.get(number) ?? [];
    items.push(`<li id="S-${number}">${markLine(line, marks)}${issues(found)}</li>`);
    start = end + 1;
  });
  return `<section id="source" aria-labelledby="source-h" lang="fr">
<h2 id="source-h" lang="en">Source (FR): <code>${escapeHtml(article.files.sourceFile)}</code></h2>
<ol>
${items.join("\n")}
</ol>
</section>`;
}

/**
 * A stored number as an editor reads it: its whole part in groups of three
 * digits (312 400 000), apart by narrow no-break spaces; the digits are
 * those stored. Anything else (a date, a text) is shown as it is.
 */
function grouped(value: string | number): string {
  const match = /^(-?)(\d{5,})(\.\d+)?$/.exec(String(value));
  return match ? `${match[1]}${match[2]!.replace(/\B(?=(\d{3})+$)/g, "\u202f")}${match[3] ?? ""}` : String(value);
}

function describeFact(fact: ReviewFact): string[] {
  const lines = [`${fact.type}: ${grouped(fact.value)}${fact.currency ? ` ${fact.currency}` : ""}${fact.unit ? ` (${fact.unit})` : ""}`];
  if (fact.precision !== undefined) lines.push(`precision: known to ${grouped(fact.precision)}`);
  if (fact.approx) lines.push("approximate (the briefs hedge it)");
  if (fact.bound) lines.push(`bound: ${fact.bound}`);
  for (const quotation of fact.evidence) lines.push(`evidence: “${quotation}”`);
  return lines;
}

function factsPanel(article: ReviewArticle, placement: Placement): string {
  if (article.facts.length === 0) {
    return `<section aria-labelledby="facts-h"><h2 id="facts-h">Facts</h2><p>The facts could not be read: see the problems above.</p></section>`;
  }
  const cards = article.facts.map((fact) => {
    const uses = article.figures.filter((f) => f.factId === fact.id).length;
    const problems = placement.fact.get(fact.id) ?? [];
    const details = [...describeFact(fact), `${uses} figure(s) in the briefs; ${article.files.factsFile}:${fact.line}`];
    return `<div class="fact" id="fact-${escapeHtml(fact.id)}"><dt><code>${escapeHtml(fact.id)}</code></dt>${details.map((d) => `<dd>${escapeHtml(d)}</dd>`).join("")}${problems.length > 0 ? `<dd>${issues(problems)}</dd>` : ""}</div>`;
  });
  return `<section aria-labelledby="facts-h">
<h2 id="facts-h">Facts (<code>${escapeHtml(article.files.factsFile)}</code>)</h2>
<dl class="facts">
${cards.join("\n")}
</dl>
</section>`;
}
