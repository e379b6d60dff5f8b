/**
 * What a review page shows of one article, gathered by the build ring: the
 * rendered briefs, the figures the verifier read in them, the evidence and
 * the source figures of the provenance check, and every problem. A leaf:
 * types only.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Locale } from "../types.ts";

/** One rendered brief (its Markdown file). */
export interface ReviewBrief {
  locale: Locale;
  /** Project-relative path, as the verifier's figures and diagnostics name it. */
  file: string;
  markdown: string;
  /** 1-based line of the body's first line in `markdown`. */
  bodyLine: number;
}

/** A fact, as the page shows it. */
export interface ReviewFact {
  id: string;
  type: string;
  /** The stored value, as JSON. */
  value: string;
  currency?: string;
  unit?: string;
  precision?: number;
  approx?: true;
  bound?: string;
  evidence: readonly string[];
  /** Line of its `id` in `facts.yaml`. */
  line: number;
}

/** A figure found in a brief and the fact it matched. */
export interface ReviewFigure {
  file: string;
  line: number;
  column: number;
  text: string;
  factId: string;
}

/** A stretch of the source body. */
export interface ReviewSpan {
  start: number;
  end: number;
}

/** One article's review. */
export interface ReviewArticle {
  slug: string;
  files: { factsFile: string; factsText: string; sourceFile: string; sourceText: string };
  /** Empty when `facts.yaml` could not be read. */
  facts: readonly ReviewFact[];
  /** Offset in `sourceText` of the body, which evidence and figure offsets count from. */
  sourceBodyOffset: number;
  evidence: readonly (ReviewSpan & { factId: string })[];
  sourceFigures: readonly (ReviewSpan & { text: string; status: "covered" | "ignored" | "uncovered"; factIds?: readonly string[]; reason?: string })[];
  /** In locale order; empty when nothing could be rendered. */
  briefs: readonly ReviewBrief[];
  figures: readonly ReviewFigure[];
  /** Every problem of this article's inputs and outputs. */
  diagnostics: readonly Diagnostic[];
  /** What the index lists of it: the source's title, the brief's date and story type, each when it could be read. */
  about?: { title?: string; date?: string; template?: string };
}

/** What the index shows of one article. */
export interface ReviewIndexEntry {
  slug: string;
  diagnostics: readonly Diagnostic[];
  about?: ReviewArticle["about"];
  /** Figures of the briefs tied to their facts; absent when nothing could be rendered. */
  figures?: number;
  /** The source's figures: covered by a fact, ignored with a reason, or neither. */
  source: { covered: number; ignored: number; uncovered: number };
}

/** Every article's review, and the problems that belong to no article (locales, templates, configuration). */
export interface ReviewProject {
  articles: ReviewArticle[];
  diagnostics: Diagnostic[];
}
