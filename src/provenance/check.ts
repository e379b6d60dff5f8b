/**
 * Provenance: every fact traced to the words of the French source, and every
 * figure of the source accounted for. Pure: takes a loaded article and a
 * figure reader, returns diagnostics and the source's coverage.
 */
import { diagnostic, show, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose, phrase, type Phrased } from "../diagnostics/report.ts";
import type { Article } from "../content/load.ts";
import { computeChange } from "../content/rules.ts";
import type { Fact } from "../content/schema.ts";
import type { Measure } from "../content/story-type.ts";
import { agreement, directionAfter, directionBefore, endsOfFiguresBefore, showValue, signedWordsOf, signWordsBefore, writtenStep, type Agreement, type FigureReader, type SignWords, type SourceFigure } from "./consistency.ts";
import { findQuotation, normalizeQuotation, overlaps, positionFinder, type Span } from "./text.ts";

/** How many figures of an article's source the facts account for. */
export interface SourceCoverage {
  slug: string;
  /** Figures the extractor reads in the source body (labels not counted). */
  figures: number;
  /** Figures that some fact's evidence covers. */
  covered: number;
  /** Figures left out through the `ignore` list. */
  ignored: number;
}

/** Where a fact's evidence stands in the source body (code-unit offsets into `source.body`). */
export interface EvidenceSpan extends Span {
  factId: string;
}

/** A figure of the source body and what accounts for it. */
export interface SourceFigureStatus extends Span {
  text: string;
  /** `covered` by the evidence of `factIds`, `ignored` for `reason`, or `uncovered` (an error). */
  status: "covered" | "ignored" | "uncovered";
  factIds?: string[];
  reason?: string;
}

/** What {@link checkProvenance} found. */
export interface ProvenanceResult {
  diagnostics: Diagnostic[];
  coverage: SourceCoverage;
  /** Every place where an evidence quotation was found, in source order. */
  evidence: EvidenceSpan[];
  /** Every figure of the body (labels not counted), in source order, with what accounts for it. */
  figures: SourceFigureStatus[];
}

/**
 * Checks that each evidence text of each fact stands in the source body and
 * reads as the fact's value, and that every figure of the body is the
 * evidence of a fact or is listed under `ignore` with a reason.
 */
export function checkProvenance(article: Article, read: FigureReader, measures?: Readonly<Record<string, Measure>>): ProvenanceResult {
  const { facts, source, files } = article;
  const byId = new Map(facts.facts.map((f) => [f.id, f]));
  // A change between two facts is checked against the value they give.
  const changeValue = (fact: Fact): number | undefined => {
    if (fact.type !== "change" || fact.value !== undefined || fact.from === undefined || fact.to === undefined) return undefined;
    const [from, to] = [byId.get(fact.from)?.value, byId.get(fact.to)?.value];
    return typeof from === "number" && typeof to === "number" ? computeChange(fact.unit, from, to) : undefined;
  };
  const body = source.body;
  const plain = normalizeQuotation(body);
  const figures = read(body).filter((f) => f.unit !== "label");
  const position = positionFinder(body, source.bodyLine);
  const sourceAt = (offset: number) => {
    const { line, column } = position(offset);
    return `${files.sourceFile}:${line}:${column}`;
  };
  const diagnostics: Diagnostic[] = [];
  const report = (path: readonly PropertyKey[], problem: Phrased, expected: string, actual: string) => {
    diagnostics.push(diagnostic({ file: files.factsFile, ...article.locate(path), ...problem, path: path.map(String).join("."), expected, actual }));
  };
  // The words of gain and of loss of each measure that has words for below zero (its labels, and the lexicon's words).
  const signed = new Map(Object.entries(measures ?? {}).map(([id, measure]) => [id, signedWordsOf(measure)] as const));
  // The words that give an amount of such a measure its sign (“une perte de 3 millions”): only money facts
  // with a measure are judged; a fact with a free `label` has no defined sign words (see docs/provenance.md).
  const endBefore = endsOfFiguresBefore(figures);
  const amountSign = (fact: Fact, figure: SourceFigure): SignWords | undefined => {
    const words = fact.type === "money" && fact.measure !== undefined ? signed.get(fact.measure) : undefined;
    return words ? signWordsBefore(body, figure, words, endBefore(figure)) : undefined;
  };
  // The sign the source's words give a figure: a change's rise or fall, or an amount of a measure that has words for below zero.
  const signOf = (fact: Fact, figure: SourceFigure): 1 | -1 | undefined => (fact.type === "change" ? (directionBefore(body, figure) ?? directionAfter(body, figure)?.sign) : amountSign(fact, figure)?.sign);
  const covered = new Set<SourceFigure>();
  const coveredBy = new Map<SourceFigure, string[]>();
  const evidenceSpans: EvidenceSpan[] = [];
  const inside = overlapping(figures);

  facts.facts.forEach((fact, index) => {
    const evidence = fact.evidence ?? [];
    if (evidence.length === 0) {
      report(["facts", index, "id"], phrase(CATALOGUE["provenance/missing-evidence"], { id: fact.id }), `evidence: ["…"] with the exact words of ${files.sourceFile}`, "nothing");
      return;
    }
    let finest = Infinity;
    evidence.forEach((quotation, e) => {
      const path = ["facts", index, "evidence", e];
      const spans = findQuotation(plain, normalizeQuotation(quotation));
      if (spans.length === 0) {
        report(path, phrase(CATALOGUE["provenance/evidence-not-found"], { id: fact.id, source: files.sourceFile }), "the exact words of the source body (only ’ and no-break spaces may differ)", show(quotation));
        return;
      }
      let problem: { span: Span; figure?: SourceFigure; agreement?: Agreement & { ok: false } } | undefined;
      for (const span of spans) {
        evidenceSpans.push({ factId: fact.id, start: span.start, end: span.end });
        const read = inside(span);
        const results = read.map((figure) => ({ figure, agreement: agreement(fact, figure, changeValue(fact), signOf(fact, figure)) }));
        const good = results.find((r) => r.agreement.ok);
        // A quotation covers the figures that say what its fact stores: a long
        // quotation does not excuse the other figures it happens to hold. When
        // none agrees, the mismatch is reported and the figures count as covered.
        for (const r of results) {
          if (!r.agreement.ok && good) continue;
          covered.add(r.figure);
          const ids = coveredBy.get(r.figure) ?? [];
          if (!ids.includes(fact.id)) coveredBy.set(r.figure, [...ids, fact.id]);
        }
        if (good) {
          finest = Math.min(finest, good.agreement.step);
          continue;
        }
        if (problem) continue;
        const bad = results.find((r) => !r.agreement.ok && r.agreement.problem !== "unit") ?? results[0];
        problem = bad ? { span, figure: bad.figure, agreement: bad.agreement as Agreement & { ok: false } } : { span };
      }
      if (!problem) return;
      const where = sourceAt(problem.span.start);
      const { figure, agreement: found } = problem;
      if (!figure || !found) {
        report(path, phrase(CATALOGUE["provenance/no-figure"], { id: fact.id, where }), `words of the source that state ${storedValue(fact)}`, show(quotation));
      } else if (found.problem === "unit") {
        // A change computed from its ends is quoted from the words that state the change, not from the ends.
        const expected = fact.type === "change" && fact.from !== undefined && fact.to !== undefined
          ? `the source's words for the change itself, in ${found.expected} (“en hausse de 0,5 point”); “${figure.text}” is the evidence of \`${fact.from}\` or \`${fact.to}\`; a change the source does not state is not a fact briefs can give`
          : found.expected;
        report(path, phrase(CATALOGUE["provenance/wrong-unit"], { id: fact.id, fact: describe(fact), where, figure: figure.text, unit: figure.unit }), expected, `${figure.unit} (${showValue(figure.value)})`);
      } else if (found.problem === "hedge") {
        report(path, phrase(CATALOGUE["provenance/hedge"], { id: fact.id, where, figure: figure.text }), found.expected, "no `approx: true`");
      } else if (found.problem === "direction") {
        const stored = fact.type === "change" ? (fact.value ?? changeValue(fact)) : "value" in fact && typeof fact.value === "number" ? fact.value : undefined;
        report(["facts", index, "value"], phrase(CATALOGUE["provenance/direction"], { id: fact.id, where, words: directionWords(body, figure, amountSign(fact, figure)?.start, fact.type === "change" && directionBefore(body, figure) === undefined ? directionAfter(body, figure)?.end : undefined), above: (stored ?? 0) > 0, change: fact.type === "change" }), found.expected, `${storedValue(fact)} in ${files.factsFile}`);
      } else if (found.problem === "bound") {
        report(path, phrase(CATALOGUE["provenance/bound"], { id: fact.id, where, figure: figure.text, bound: figure.bound ?? "" }), found.expected, fact.bound === undefined ? "no `bound`" : `\`bound: ${fact.bound}\``);
      } else {
        report(
          path,
          phrase(CATALOGUE["provenance/value-mismatch"], { id: fact.id, stored: storedValue(fact), where, figure: figure.text, value: showValue(figure.value) }),
          `a stored value that the source's “${figure.text}” states: ${showValue(figure.value)}${typeof figure.value === "number" ? ` (± ${writtenStep(figure) / 2})` : ""}`,
          `${storedValue(fact)} in ${files.factsFile}`,
        );
      }
    });
    if (fact.type === "money" && Number.isFinite(finest) && finest > (fact.precision ?? 1)) {
      report(["facts", index, fact.precision === undefined ? "value" : "precision"], phrase(CATALOGUE["provenance/false-precision"], { id: fact.id, precision: fact.precision ?? 1, finest }), `\`precision: ${finest}\`, or evidence that states the exact value`, String(fact.precision ?? 1));
    }
  });

  const ignored = new Map<SourceFigure, string>();
  facts.ignore.forEach((entry, index) => {
    const path = ["ignore", index];
    let spans = findQuotation(plain, normalizeQuotation(entry.text));
    if (entry.occurrence !== undefined) {
      if (entry.occurrence > spans.length) {
        report([...path, "occurrence"], phrase(CATALOGUE["provenance/unused-ignore"], { problem: "occurrence", occurrence: entry.occurrence, text: entry.text, source: files.sourceFile }), `at most ${spans.length}`, String(entry.occurrence));
        return;
      }
      spans = [spans[entry.occurrence - 1]!];
    }
    if (spans.length === 0) {
      report([...path, "text"], phrase(CATALOGUE["provenance/unused-ignore"], { problem: "not-found", text: entry.text, source: files.sourceFile }), "the exact words of the source body", show(entry.text));
      return;
    }
    const left = spans.flatMap(inside).filter((f) => !covered.has(f));
    if (left.length === 0) {
      report([...path, "text"], phrase(CATALOGUE["provenance/unused-ignore"], { problem: "no-figure", where: sourceAt(spans[0]!.start), text: entry.text, source: files.sourceFile }), "a figure of the source that no fact stands for", show(entry.text));
      return;
    }
    for (const figure of left) if (!ignored.has(figure)) ignored.set(figure, entry.reason);
  });

  for (const figure of figures) {
    if (covered.has(figure) || ignored.has(figure)) continue;
    const { line, column } = position(figure.start);
    diagnostics.push(
      diagnose(CATALOGUE["provenance/uncovered"], { figure: figure.text, facts: files.factsFile }, {
        file: files.sourceFile,
        line,
        column,
        expected: "a fact whose evidence covers it, or an `ignore` entry",
        actual: `${show(figure.text)} (${showValue(figure.value)}, ${figure.unit}${figure.approx ? ", hedged" : ""})`,
      }),
    );
  }
  // A title figure that a fact's evidence quotes in the body too is that fact's: a mismatch there is reported there, once.
  const quoted = new Set([...covered].map((figure) => readingOf(figure, body)));
  diagnostics.push(...uncoveredTitle(article, read, changeValue).filter(({ figure }) => !quoted.has(readingOf(figure, source.frontMatter.title))).map(({ diagnostic }) => diagnostic));
  const statuses: SourceFigureStatus[] = [...figures]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((figure) => {
      const base = { start: figure.start, end: figure.end, text: figure.text };
      if (covered.has(figure)) return { ...base, status: "covered" as const, factIds: coveredBy.get(figure) ?? [] };
      const reason = ignored.get(figure);
      return reason !== undefined ? { ...base, status: "ignored" as const, reason } : { ...base, status: "uncovered" as const };
    });
  evidenceSpans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { diagnostics, coverage: { slug: article.slug, figures: figures.length, covered: covered.size, ignored: ignored.size }, evidence: evidenceSpans, figures: statuses };
}

/**
 * The figures of the source's title that state no fact's value: every brief
 * cites the title word for word, so its verification would fail on them. A
 * warning, said before the briefs are rendered, that names the cause the
 * verifier cannot see (an `ignore` entry does not reach the title).
 */
function uncoveredTitle(article: Article, read: FigureReader, changeValue: (fact: Fact) => number | undefined): Array<{ figure: SourceFigure; diagnostic: Diagnostic }> {
  const { facts, source, files } = article;
  const title = source.frontMatter.title;
  const lines = files.sourceText.split("\n");
  const line = lines.findIndex((l) => /^title[ \t]*:/.test(l));
  return read(title)
    .filter((figure) => figure.unit !== "label")
    .filter((figure) => {
      const direction = directionBefore(title, figure) ?? directionAfter(title, figure)?.sign;
      return !facts.facts.some((fact) => agreement(fact, figure, changeValue(fact), fact.type === "change" ? direction : undefined).ok);
    })
    .map((figure) => {
      const column = line === -1 ? 1 : lines[line]!.indexOf(figure.text) + 1;
      const diagnostic = diagnose(CATALOGUE["provenance/uncovered-title"], { figure: figure.text, facts: files.factsFile }, {
        file: files.sourceFile,
        line: line === -1 ? 1 : line + 1,
        column: Math.max(column, 1),
        expected: "a fact whose value the title's figure states",
        actual: `${show(figure.text)} (${showValue(figure.value)}, ${figure.unit}${figure.approx ? ", hedged" : ""})`,
      });
      return { figure, diagnostic };
    });
}

/** What a figure of `text` reads as: its words, unit, value, hedge, bound and the direction its words give it. */
function readingOf(figure: SourceFigure, text: string): string {
  const direction = directionBefore(text, figure) ?? directionAfter(text, figure)?.sign ?? 0;
  return JSON.stringify([normalizeQuotation(figure.text), figure.unit, figure.value, figure.approx ?? false, figure.bound ?? "", direction]);
}

/**
 * The figures a span overlaps, found by binary search: a short quotation
 * may occur thousands of times in a long source.
 */
function overlapping(figures: readonly SourceFigure[]): (span: Span) => SourceFigure[] {
  const sorted = [...figures].sort((a, b) => a.start - b.start || a.end - b.end);
  // The largest end so far, so that the search also works if spans nest.
  const reach: number[] = [];
  for (const figure of sorted) reach.push(Math.max(reach[reach.length - 1] ?? 0, figure.end));
  return (span) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (reach[mid]! <= span.start) low = mid + 1;
      else high = mid;
    }
    const found: SourceFigure[] = [];
    for (let i = low; i < sorted.length && sorted[i]!.start < span.end; i++) if (overlaps(sorted[i]!, span)) found.push(sorted[i]!);
    return found;
  };
}

function storedValue(fact: Fact): string {
  return Array.isArray(fact.value) ? `${fact.value[0]}–${fact.value[1]}` : String(fact.value);
}

function describe(fact: Fact): string {
  return fact.type === "money" ? `an amount in ${fact.currency}` : `a ${fact.type}`;
}


/**
 * The words of the source that give a figure its sign, up to the figure: from `from`, where
 * the words of gain or loss of an amount start (“perte par action s’élève à 0,23 euro”), or
 * else the few words before it (“en baisse de 3,2 %”).
 */
function directionWords(body: string, figure: SourceFigure, from?: number, to?: number): string {
  if (from !== undefined) return body.slice(from, figure.end).replace(/\s+/g, " ").trim();
  if (to !== undefined) return body.slice(figure.start, to).replace(/\s+/g, " ").trim();
  const before = body.slice(Math.max(0, figure.start - 40), figure.start);
  const words = /(?:\S+\s+){0,2}\S+\s+$/.exec(before)?.[0] ?? before;
  return `${words}${figure.text}`.replace(/\s+/g, " ").trim();
}
