/**
 * The review report as one pull-request comment (GitHub Markdown) or as JSON.
 *
 * Markdown: a hidden marker, a summary table, then one collapsible section
 * per article. Text from content is escaped exactly once, for where it
 * goes: backslash and entity escapes in tables and paragraphs, HTML escapes
 * in `<summary>`, and a fence longer than any run of backticks around code.
 */
import { formatDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import type { ArticleChange, BriefChange, FactChange, FactState, FigureChange, LineChange, ReviewReport, SharedChange } from "./diff.ts";

/** The hidden marker a workflow looks for to find (and update) its own comment. */
export const MARKER = "<!-- newsbrief-diff -->";

/** GitHub refuses comments longer than 65,536 characters; stay well below. */
export const MAX_COMMENT = 60_000;

/** Rows of the summary table; the rest is counted, not listed. */
export const MAX_ROWS = 100;

const LOCALE_NAME: Record<Locale, string> = { fr: "FR", nl: "NL", en: "EN" };

/** Escapes text for GitHub Markdown inline content and table cells. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_{}[\]()#+!|~@:-]/g, (c) => `\\${c}`);
}

/**
 * A code span showing `text` literally: backslashes mean nothing inside one,
 * so the delimiter is a run of backticks longer than any in the text. In a
 * table a `|` must still be written `\|` (GitHub drops the backslash).
 */
export function codeSpan(text: string, inTable = false): string {
  const flat = text.replace(/\r?\n/g, " ");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${ticks}${pad}${inTable ? flat.replace(/\|/g, "\\|") : flat}${pad}${ticks}`;
}

/** Escapes text for HTML content (the `<summary>` line). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A fenced code block whose fence no line of `lines` can close. */
export function codeBlock(lines: readonly string[], language = ""): string {
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...lines.map((l) => l.replace(/\r?\n/g, " ")), fence].join("\n");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function shortCommit(commit: string): string {
  return commit.slice(0, 12);
}

/** The Verification cell of an article that the check did not reach: a broken locale file, template or settings stopped it. */
const NOT_CHECKED = "⚠️ not checked: see the problems outside any article";

/** A removed article's cell when the check stopped before the outputs were compared as a whole. */
const NOT_CHECKED_REMOVED = "⚠️ not checked: the check stopped before it looked for its files in out/";

function verificationCell(article: ArticleChange, report: ReviewReport): string {
  if (report.summary.verification === "not-run") return "not run";
  if (article.verification.status === "failed") return `❌ ${plural(errorsOf(article.verification.diagnostics), "problem")}`;
  if (article.verification.status === "not-checked") return article.status === "removed" ? NOT_CHECKED_REMOVED : NOT_CHECKED;
  return article.status === "removed" ? "✅ outputs removed" : "✅ verified";
}

function errorsOf(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === "error").length;
}

function briefLocales(article: ArticleChange): string {
  if (article.status !== "modified") return LOCALES.filter((l) => article.titles[l] !== undefined).join(", ") || "–";
  return article.briefs.map((b) => b.locale).join(", ") || "–";
}

/** The report as one pull-request comment. */
export function formatMarkdown(report: ReviewReport): string {
  const base = `\`${shortCommit(report.base.commit)}\` (${escapeMarkdown(report.base.ref)})`;
  if (report.articles.length === 0 && report.shared.length === 0 && report.diagnostics.length === 0) {
    return `${MARKER}\nNo brief changes: content, templates, locales and out/ are the same as at ${base}.\n`;
  }
  const head: string[] = [MARKER, "## Brief changes", ""];
  const { articles, factsChanged, sentencesChanged, locales, verification } = report.summary;
  const counts = [
    articles.modified ? `${plural(articles.modified, "article")} changed` : "",
    articles.added ? `${articles.added} added` : "",
    articles.removed ? `${articles.removed} removed` : "",
    `${plural(factsChanged, "fact")} changed`,
    `${plural(sentencesChanged, "sentence")} changed`,
  ].filter(Boolean);
  const notChecked = report.articles.filter((a) => a.verification.status === "not-checked").length;
  const verdict =
    verification === "verified"
      ? "✅ every changed brief is verified and out/ is up to date"
      : verification === "failed"
        ? `❌ \`newsbrief check\` fails: see below${notChecked > 0 ? `; it could not check ${plural(notChecked, "article")}` : ""}`
        : "verification not run";
  head.push(`Compared with ${base}: ${counts.join(", ")}${locales.length ? ` in ${locales.join(", ")}` : ""}. ${verdict}.`, "");

  if (report.articles.length > 0) {
    head.push("| Article | Change | Facts changed | Sentences changed | Locales | Verification |", "|---|---|---|---|---|---|");
    for (const a of report.articles.slice(0, MAX_ROWS)) {
      const sentences = a.briefs.reduce((n, b) => n + b.sentences.length, 0);
      head.push(`| ${codeSpan(a.slug, true)} | ${a.status} | ${a.facts.length} | ${sentences} | ${briefLocales(a)} | ${verificationCell(a, report)} |`);
    }
    if (report.articles.length > MAX_ROWS) head.push("", `${report.articles.length - MAX_ROWS} more article(s) left out of this table: run \`newsbrief diff --format json\` for all of them.`);
    head.push("");
  }
  if (report.shared.length > 0) {
    head.push(`| ${report.shared.some((s) => s.kind === "settings") ? "Template, locale or settings" : "Template or locale"} | Change | Briefs changed |`, "|---|---|---|");
    for (const s of report.shared) head.push(`| ${codeSpan(s.file, true)} | ${s.status}${unreadableText(s)} | ${affects(s)} |`);
    head.push("");
  }

  const sections: string[] = [];
  for (const s of report.shared) if (s.messages.length > 0) sections.push(sharedSection(s));
  const unreadable = { old: unreadableLocales(report, "base"), new: unreadableLocales(report, "working-tree") };
  for (const a of report.articles) sections.push(articleSection(a, unreadable));
  if (report.diagnostics.length > 0) {
    sections.push(["<details open>", "<summary>Problems outside any article</summary>", "", codeBlock(report.diagnostics.flatMap((d) => formatDiagnostic(d).split("\n"))), "", "</details>"].join("\n"));
  }

  let text = head.join("\n");
  let shownSections = 0;
  for (const section of sections) {
    if (text.length + section.length + 200 > MAX_COMMENT) break;
    text += `\n${section}\n`;
    shownSections++;
  }
  if (shownSections < sections.length) {
    text += `\n${sections.length - shownSections} more section(s) left out to fit one comment: run \`newsbrief diff --format json\` for everything.\n`;
  }
  return text;
}

const SIDE_NAME: Record<SharedChange["unreadable"][number], string> = { base: "at the base commit", "working-tree": "in the working tree" };

/** Says on which sides a file cannot be read (its problems are listed outside any article). */
function unreadableText(s: SharedChange): string {
  if (s.unreadable.length === 0) return "";
  return `, cannot be read ${s.unreadable.map((side) => SIDE_NAME[side]).join(" or ")}: see the problems outside any article`;
}

function affects(s: SharedChange): string {
  if (s.articles.length === 0) return "none";
  const names = s.articles.slice(0, 5).map((slug) => codeSpan(slug, true)).join(", ");
  const more = s.articles.length > 5 ? ` and ${s.articles.length - 5} more` : "";
  return `${plural(s.articles.length, "article")} (${s.locales.join(", ")}): ${names}${more}`;
}

function sharedSection(s: SharedChange): string {
  const lines = s.messages.flatMap((m) => [...(m.old === undefined ? [] : [`- ${m.key}: ${m.old}`]), ...(m.new === undefined ? [] : [`+ ${m.key}: ${m.new}`])]);
  return ["<details>", `<summary><code>${escapeHtml(s.file)}</code>: ${plural(s.messages.length, s.kind === "settings" ? "setting" : "message")} changed</summary>`, "", codeBlock(lines, "diff"), "", "</details>"].join("\n");
}

/** The locales whose file cannot be read on one side: the facts table cannot show a fact there as that locale does. */
function unreadableLocales(report: ReviewReport, side: SharedChange["unreadable"][number]): ReadonlySet<Locale> {
  const locales = report.shared.filter((s) => s.kind === "locale" && s.unreadable.includes(side)).flatMap((s) => s.locales);
  return new Set(locales);
}

type Unreadable = { old: ReadonlySet<Locale>; new: ReadonlySet<Locale> };

function articleSection(a: ArticleChange, unreadable: Unreadable): string {
  const sentences = a.briefs.reduce((n, b) => n + b.sentences.length, 0);
  const what =
    a.status === "added" ? "new article" : a.status === "removed" ? "article removed" : [plural(a.facts.length, "fact"), plural(sentences, "sentence")].join(", ");
  const out: string[] = [a.verification.status === "failed" ? "<details open>" : "<details>", `<summary><code>${escapeHtml(a.slug)}</code>: ${escapeHtml(what)}</summary>`, ""];

  const titled = LOCALES.filter((l) => a.titles[l] !== undefined);
  if (a.status !== "modified" && titled.length > 0) {
    out.push(a.status === "added" ? "Briefs:" : "Its briefs were:", "");
    for (const l of titled) out.push(`- ${LOCALE_NAME[l]}: ${escapeMarkdown(a.titles[l]!)}`);
    out.push("");
  }
  if (a.facts.length > 0) {
    out.push("**Facts**", "", "| Fact | Changed | Before | After |", "|---|---|---|---|");
    for (const f of a.facts) out.push(factRow(f, unreadable));
    out.push("");
  }
  if (a.sections.length > 0) out.push(`Also changed in facts.yaml: ${a.sections.map((s) => `\`${s}\``).join(", ")}.`, "");
  if (a.source.length > 0) {
    out.push("**Source** (source.fr.md)", "", codeBlock(diffLines(a.source.map(excerpt)), "diff"), "");
  }
  for (const brief of a.briefs) out.push(...briefSection(brief));
  if (a.shared.length > 0 && a.status === "modified") out.push(`Shared files changed with it: ${a.shared.map((f) => codeSpan(f)).join(", ")}.`, "");
  // A problem found both reading the article and checking it is listed once.
  const key = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
  const problems = [...new Map([...a.diagnostics, ...a.verification.diagnostics].map((d) => [key(d), d])).values()];
  if (problems.length > 0) {
    out.push("**Problems**", "", codeBlock(problems.flatMap((d) => formatDiagnostic(d).split("\n"))), "");
  }
  out.push("</details>");
  return out.join("\n");
}

function factRow(f: FactChange, unreadable: Unreadable): string {
  const label = f.new?.label ?? f.old?.label ?? "";
  const fields = f.change === "changed" ? f.fields.join(", ") : f.change;
  return `| \`${f.id}\` ${escapeMarkdown(label)} | ${escapeMarkdown(fields)} | ${f.old ? stateCell(f.old, f.fields, f.change, unreadable.old) : "–"} | ${f.new ? stateCell(f.new, f.fields, f.change, unreadable.new) : "–"} |`;
}

function stateCell(state: FactState, fields: readonly string[], change: FactChange["change"], unreadable: ReadonlySet<Locale>): string {
  const parts: string[] = [];
  // A fact shown in no locale (its facts.yaml does not pass the checks) has its problems listed with the article.
  const anyShown = LOCALES.some((l) => state.shown[l] !== undefined);
  for (const l of LOCALES) {
    if (state.shown[l] !== undefined) parts.push(`${LOCALE_NAME[l]} ${escapeMarkdown(state.shown[l]!)}`);
    else if (anyShown && unreadable.has(l)) parts.push(`${LOCALE_NAME[l]} not shown: its locale file cannot be read`);
  }
  parts.push(`exact ${escapeMarkdown(JSON.stringify(state.value))}`);
  if (change !== "changed" || fields.includes("evidence")) parts.push(`evidence: ${state.evidence.map((e) => `“${escapeMarkdown(e)}”`).join(", ") || "none"}`);
  return parts.join("<br>");
}

/** Context kept on each side of a change inside a long source line. */
const CONTEXT = 60;

/**
 * A long changed source line (a whole paragraph) cut down to the part that
 * changed and some context on each side; the JSON keeps the whole lines.
 */
export function excerpt(change: LineChange): LineChange {
  const { old: a, new: b } = change;
  if (a === undefined || b === undefined || Math.max(a.length, b.length) <= 2 * CONTEXT + 40) return change;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  // Cut at spaces, so that no word is shown in part.
  const back = Math.max(0, start - CONTEXT);
  const from = back === 0 ? 0 : a.lastIndexOf(" ", back) + 1;
  const cut = (text: string) => {
    const forward = Math.min(text.length, text.length - end + CONTEXT);
    const space = text.indexOf(" ", forward);
    const to = forward >= text.length || space === -1 ? text.length : space;
    return `${from > 0 ? "…" : ""}${text.slice(from, to)}${to < text.length ? "…" : ""}`;
  };
  return { ...change, old: cut(a), new: cut(b) };
}

function diffLines(changes: readonly LineChange[]): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    lines.push(`@@ line ${c.line} @@`);
    if (c.old !== undefined) lines.push(`- ${c.old}`);
    if (c.new !== undefined) lines.push(`+ ${c.new}`);
  }
  return lines;
}

function briefSection(b: BriefChange): string[] {
  const changes = [...b.frontMatter, ...b.sentences];
  if (changes.length === 0) {
    return [`**${LOCALE_NAME[b.locale]}** ${codeSpan(b.file)}: ${b.htmlChanged ? "only the HTML page changed" : "only the input hash changed"}.`, ""];
  }
  const out = [`**${LOCALE_NAME[b.locale]}** ${codeSpan(b.file)}`, "", codeBlock(diffLines(changes), "diff"), ""];
  const figures = changes.flatMap((c) => c.figures);
  if (figures.length > 0) out.push(`Figures: ${figures.map(figureText).join("; ")}.`, "");
  return out;
}

function figureText(f: FigureChange): string {
  const what = f.old !== undefined && f.new !== undefined ? `${escapeMarkdown(f.old)} → ${escapeMarkdown(f.new)}` : f.old !== undefined ? `${escapeMarkdown(f.old)} removed` : `${escapeMarkdown(f.new!)} added`;
  return f.fact ? `${what} (\`${f.fact}\`)` : what;
}

/** The report as JSON, keys in a fixed order (see README, "Reviewing changes"). */
export function formatJson(report: ReviewReport): string {
  const diag = (d: Diagnostic) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    ...(d.path === undefined ? {} : { path: d.path }),
    ...(d.expected === undefined ? {} : { expected: d.expected }),
    ...(d.actual === undefined ? {} : { actual: d.actual }),
  });
  const shown = (s: FactState["shown"]) => Object.fromEntries(LOCALES.filter((l) => s[l] !== undefined).map((l) => [l, s[l]]));
  const state = (s: FactState | undefined) => (s ? { value: s.value, shown: shown(s.shown), label: s.label, evidence: s.evidence } : null);
  const line = (c: LineChange) => ({ line: c.line, old: c.old ?? null, new: c.new ?? null, figures: c.figures.map((f) => ({ old: f.old ?? null, new: f.new ?? null, fact: f.fact ?? null })) });
  const ordered = {
    version: report.version,
    base: { ref: report.base.ref, commit: report.base.commit },
    summary: {
      articles: { modified: report.summary.articles.modified, added: report.summary.articles.added, removed: report.summary.articles.removed },
      factsChanged: report.summary.factsChanged,
      sentencesChanged: report.summary.sentencesChanged,
      locales: report.summary.locales,
      verification: report.summary.verification,
    },
    shared: report.shared.map((s) => ({ file: s.file, kind: s.kind, status: s.status, unreadable: s.unreadable, messages: s.messages.map((m) => ({ key: m.key, old: m.old ?? null, new: m.new ?? null })), articles: s.articles, locales: s.locales })),
    articles: report.articles.map((a) => ({
      slug: a.slug,
      status: a.status,
      titles: shown(a.titles),
      facts: a.facts.map((f) => ({ id: f.id, change: f.change, fields: f.fields, old: state(f.old), new: state(f.new) })),
      sections: a.sections,
      source: a.source.map(line),
      briefs: a.briefs.map((b) => ({ locale: b.locale, file: b.file, frontMatter: b.frontMatter.map(line), sentences: b.sentences.map(line), htmlChanged: b.htmlChanged })),
      shared: a.shared,
      diagnostics: a.diagnostics.map(diag),
      verification: { status: a.verification.status, diagnostics: a.verification.diagnostics.map(diag) },
    })),
    diagnostics: report.diagnostics.map(diag),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
