/**
 * Provenance: every fact traced to the words of the French source, and every
 * figure of the source accounted for. Pure: takes a loaded article and a
 * figure reader, returns diagnostics and the source's coverage.
 */
import { diagnostic, show, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Article } from "../content/load.ts";
import type { Fact } from "../content/schema.ts";
import { parseYaml } from "../content/yaml.ts";
import { agreement, showValue, writtenStep, type Agreement, type FigureReader, type SourceFigure } from "./consistency.ts";
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

/** What {@link checkProvenance} found. */
export interface ProvenanceResult {
  diagnostics: Diagnostic[];
  coverage: SourceCoverage;
}

/**
 * Checks that each evidence text of each fact stands in the source body and
 * reads as the fact's value, and that every figure of the body is the
 * evidence of a fact or is listed under `ignore` with a reason.
 */
export function checkProvenance(article: Article, read: FigureReader): ProvenanceResult {
  const { facts, source, files } = article;
  const body = source.body;
  const plain = normalizeQuotation(body);
  const figures = read(body).filter((f) => f.unit !== "label");
  const position = positionFinder(body, source.bodyLine);
  const sourceAt = (offset: number) => {
    const { line, column } = position(offset);
    return `${files.sourceFile}:${line}:${column}`;
  };
  const diagnostics: Diagnostic[] = [];
  // Positions in facts.yaml are needed only to report a problem.
  let locate: ((path: readonly PropertyKey[]) => { line: number; column: number }) | undefined;
  const report = (path: readonly PropertyKey[], rule: string, message: string, expected: string, actual: string) => {
    locate ??= parseYaml(files.factsText, { file: files.factsFile }).locate;
    diagnostics.push(diagnostic({ file: files.factsFile, ...locate(path), rule, message, path: path.map(String).join("."), expected, actual }));
  };
  const covered = new Set<SourceFigure>();
  const inside = overlapping(figures);

  facts.facts.forEach((fact, index) => {
    const evidence = fact.evidence ?? [];
    if (evidence.length === 0) {
      report(["facts", index, "id"], "provenance/missing-evidence", `fact \`${fact.id}\` has no evidence: quote the words of the source it comes from`, `evidence: ["…"] with the exact words of ${files.sourceFile}`, "nothing");
      return;
    }
    let finest = Infinity;
    evidence.forEach((quotation, e) => {
      const path = ["facts", index, "evidence", e];
      const spans = findQuotation(plain, normalizeQuotation(quotation));
      if (spans.length === 0) {
        report(path, "provenance/evidence-not-found", `the evidence of \`${fact.id}\` is not in ${files.sourceFile}`, "the exact words of the source body (only ’ and no-break spaces may differ)", show(quotation));
        return;
      }
      let problem: { span: Span; figure?: SourceFigure; agreement?: Agreement & { ok: false } } | undefined;
      for (const span of spans) {
        const read = inside(span);
        const results = read.map((figure) => ({ figure, agreement: agreement(fact, figure) }));
        const good = results.find((r) => r.agreement.ok);
        // A quotation covers the figures that say what its fact stores: a long
        // quotation does not excuse the other figures it happens to hold. When
        // none agrees, the mismatch is reported and the figures count as covered.
        for (const r of results) if (r.agreement.ok || !good) covered.add(r.figure);
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
        report(path, "provenance/no-figure", `the evidence of \`${fact.id}\` at ${where} holds no figure`, `words of the source that state ${storedValue(fact)}`, show(quotation));
      } else if (found.problem === "unit") {
        report(path, "provenance/wrong-unit", `fact \`${fact.id}\` is ${describe(fact)}, but its evidence at ${where} reads “${figure.text}” as ${figure.unit}`, found.expected, `${figure.unit} (${showValue(figure.value)})`);
      } else if (found.problem === "hedge") {
        report(path, "provenance/hedge", `the source hedges the figure of \`${fact.id}\` at ${where} (“${figure.text}”), but the fact is not approximate`, found.expected, "no `approx: true`");
      } else {
        report(
          path,
          "provenance/value-mismatch",
          `fact \`${fact.id}\` stores ${storedValue(fact)}, but its evidence at ${where} reads “${figure.text}” as ${showValue(figure.value)}`,
          `a stored value that the source's “${figure.text}” states: ${showValue(figure.value)}${typeof figure.value === "number" ? ` (± ${writtenStep(figure) / 2})` : ""}`,
          `${storedValue(fact)} in ${files.factsFile}`,
        );
      }
    });
    if (fact.type === "money" && Number.isFinite(finest) && finest > (fact.precision ?? 1)) {
      report(["facts", index, fact.precision === undefined ? "value" : "precision"], "provenance/false-precision", `fact \`${fact.id}\` claims a precision of ${fact.precision ?? 1}, but its evidence states it only to ${finest}`, `\`precision: ${finest}\`, or evidence that states the exact value`, String(fact.precision ?? 1));
    }
  });

  const ignored = new Set<SourceFigure>();
  facts.ignore.forEach((entry, index) => {
    const path = ["ignore", index];
    let spans = findQuotation(plain, normalizeQuotation(entry.text));
    if (entry.occurrence !== undefined) {
      if (entry.occurrence > spans.length) {
        report([...path, "occurrence"], "provenance/unused-ignore", `occurrence ${entry.occurrence} of “${entry.text}” is not in ${files.sourceFile}`, `at most ${spans.length}`, String(entry.occurrence));
        return;
      }
      spans = [spans[entry.occurrence - 1]!];
    }
    if (spans.length === 0) {
      report([...path, "text"], "provenance/unused-ignore", `the ignored text is not in ${files.sourceFile}: remove the entry or quote the source exactly`, "the exact words of the source body", show(entry.text));
      return;
    }
    const left = spans.flatMap(inside).filter((f) => !covered.has(f));
    if (left.length === 0) {
      report([...path, "text"], "provenance/unused-ignore", `the ignored text “${entry.text}” at ${sourceAt(spans[0]!.start)} holds no figure that needs ignoring (none, or only evidence of facts): remove the entry`, "a figure of the source that no fact stands for", show(entry.text));
      return;
    }
    for (const figure of left) ignored.add(figure);
  });

  for (const figure of figures) {
    if (covered.has(figure) || ignored.has(figure)) continue;
    const { line, column } = position(figure.start);
    diagnostics.push(
      diagnostic({
        file: files.sourceFile,
        line,
        column,
        rule: "provenance/uncovered",
        message: `the figure “${figure.text}” is the evidence of no fact: add it to a fact's \`evidence\` in ${files.factsFile}, or list it under \`ignore\` with a reason`,
        expected: "a fact whose evidence covers it, or an `ignore` entry",
        actual: `${show(figure.text)} (${showValue(figure.value)}, ${figure.unit}${figure.approx ? ", hedged" : ""})`,
      }),
    );
  }
  return { diagnostics, coverage: { slug: article.slug, figures: figures.length, covered: covered.size, ignored: ignored.size } };
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

/** The summary line of one or more articles' coverage. */
export function coverageLine(coverage: readonly SourceCoverage[]): string {
  const total = coverage.reduce((sum, c) => ({ figures: sum.figures + c.figures, covered: sum.covered + c.covered, ignored: sum.ignored + c.ignored }), { figures: 0, covered: 0, ignored: 0 });
  const articles = coverage.length === 1 ? "" : ` (${coverage.length} articles)`;
  return `source figures: ${total.figures}, covered: ${total.covered}, ignored: ${total.ignored}${articles}`;
}
