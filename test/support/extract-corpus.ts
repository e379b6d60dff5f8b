/**
 * The figure-extraction corpus (test/extract-corpus/*.yaml) and its scorer:
 * precision and recall of `extractFigures` on (value, unit), an extracted
 * figure matching an annotated one when their spans overlap.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { extractFigures } from "../../src/extract/index.ts";
import type { ExtractedFigure } from "../../src/extract/types.ts";
import { ROOT } from "./fixtures.ts";

/** The folder of the corpus. */
export const CORPUS_DIR = path.join(ROOT, "test", "extract-corpus");
/** The folder of the real press releases, one annotated file per release. */
export const REAL_DIR = path.join(CORPUS_DIR, "real");
/** The corpus sets, by name. */
export const CORPUS_SETS = ["tuning", "held-out"] as const;
export type CorpusSet = (typeof CORPUS_SETS)[number];

const Value = z.union([z.number(), z.tuple([z.number(), z.number()]), z.string()]);
const Annotation = z.strictObject({ text: z.string().min(1), value: Value, unit: z.string().min(1), approx: z.literal(true).optional() });
const Sentence = z.strictObject({ text: z.string().min(1), figures: z.array(Annotation) });
const Corpus = z.array(Sentence);

/**
 * A figure of a real press release. `bound` says which way a "plus de",
 * "au moins", "moins de" or "jusqu’à" points; fields the scorer does not know
 * are dropped rather than refused, and `unit` is any string (a unit the
 * extractor does not produce simply never matches).
 */
const RealAnnotation = z.object({
  text: z.string().min(1),
  value: Value,
  unit: z.string().min(1),
  approx: z.literal(true).optional(),
  bound: z.enum(["more-than", "at-least", "less-than", "up-to"]).optional(),
});
const RealFile = z.object({
  source: z.string().min(1),
  publisher: z.string().min(1),
  kind: z.enum(["budget", "grant", "results", "statistics", "event", "other"]),
  sentences: z.array(z.object({ text: z.string().min(1), figures: z.array(RealAnnotation) })),
});

/** One real press release: where it comes from and its annotated sentences. */
export interface RealRelease {
  file: string;
  source: string;
  publisher: string;
  kind: z.infer<typeof RealFile>["kind"];
  sentences: CorpusSentence[];
}

/** One annotated figure, located in its sentence. */
export interface AnnotatedFigure extends z.infer<typeof Annotation> {
  /** Real press releases only: the direction of a bound ("plus de" → more-than). */
  bound?: "more-than" | "at-least" | "less-than" | "up-to" | undefined;
  start: number;
  end: number;
}

/** One corpus sentence and its annotated figures. */
export interface CorpusSentence {
  text: string;
  figures: AnnotatedFigure[];
}

/** Reads a corpus set; throws on a malformed file or an annotation whose text is not in its sentence. */
export function loadCorpus(set: CorpusSet): CorpusSentence[] {
  const file = path.join(CORPUS_DIR, `${set}.yaml`);
  return locate(`${set}.yaml`, Corpus.parse(parse(readFileSync(file, "utf8"))));
}

/** Finds each annotated span in its sentence, from the end of the previous one. */
function locate(name: string, sentences: readonly { text: string; figures: readonly z.infer<typeof RealAnnotation>[] }[]): CorpusSentence[] {
  return sentences.map((sentence, n) => {
    let from = 0;
    const figures = sentence.figures.map((figure) => {
      let start = sentence.text.indexOf(figure.text, from);
      if (start === -1) start = sentence.text.indexOf(figure.text);
      if (start === -1) throw new Error(`${name}, sentence ${n + 1}: "${figure.text}" is not in "${sentence.text}"`);
      from = start + figure.text.length;
      return { ...figure, start, end: start + figure.text.length };
    });
    return { text: sentence.text, figures };
  });
}

/** Reads every real press release of `real/`, in file-name order; throws on a malformed file or a span not in its sentence. */
export function loadRealReleases(dir: string = REAL_DIR): RealRelease[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const release = RealFile.parse(parse(readFileSync(path.join(dir, name), "utf8")));
      return { file: name, source: release.source, publisher: release.publisher, kind: release.kind, sentences: locate(`real/${name}`, release.sentences) };
    });
}

/**
 * Reads each real press release as one text, its passages separated by blank lines, as
 * `newsbrief extract` reads an article: a table header or the currency an article names
 * reaches the passages after it. Returns an extractor for {@link scoreCorpus} that gives
 * each passage (by its index in {@link loadRealCorpus}) the figures read in it.
 */
export function releaseExtractor(releases: readonly RealRelease[], extract: (text: string) => ExtractedFigure[] = extractFigures): (text: string, index: number) => ExtractedFigure[] {
  const byPassage: ExtractedFigure[][] = [];
  for (const release of releases) {
    const separator = "\n\n";
    const text = release.sentences.map((s) => s.text).join(separator);
    const figures = extract(text);
    let offset = 0;
    for (const sentence of release.sentences) {
      const end = offset + sentence.text.length;
      byPassage.push(figures.filter((f) => f.start >= offset && f.end <= end).map((f) => ({ ...f, start: f.start - offset, end: f.end - offset })));
      offset = end + separator.length;
    }
  }
  return (_text, index) => byPassage[index] ?? [];
}

/** The real press releases as one corpus set: all their sentences. */
export function loadRealCorpus(dir: string = REAL_DIR): CorpusSentence[] {
  return loadRealReleases(dir).flatMap((release) => release.sentences);
}

/** True when two values are the same (numbers to a relative 1e-9). */
export function sameValue(a: ExtractedFigure["value"], b: ExtractedFigure["value"]): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
  return a === b;
}

/** A figure that was missed or wrongly found, with its sentence. */
export interface ScoreIssue {
  sentence: string;
  figure: { text: string; value: ExtractedFigure["value"]; unit: string; approx?: true };
  /** For a miss: what the extractor found over the same span, if anything. */
  found?: string;
}

/** The score of one corpus set. */
export interface Score {
  annotated: number;
  extracted: number;
  matched: number;
  precision: number;
  recall: number;
  /** Among matched figures, how many agree on `approx`. */
  approxAgreement: number;
  misses: ScoreIssue[];
  falsePositives: ScoreIssue[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const brief = (f: { text: string; value: ExtractedFigure["value"]; unit: string; approx?: true | undefined }) => ({ text: f.text, value: f.value, unit: f.unit, ...(f.approx ? { approx: true as const } : {}) });

/**
 * Scores `extractFigures` on a corpus. Figures with unit `label` are not
 * figures and are left out of both counts.
 */
export function scoreCorpus(sentences: readonly CorpusSentence[], extract: (text: string, index: number) => ExtractedFigure[] = extractFigures): Score {
  let annotated = 0;
  let extracted = 0;
  let matched = 0;
  let approxAgreement = 0;
  const misses: ScoreIssue[] = [];
  const falsePositives: ScoreIssue[] = [];
  for (const [index, sentence] of sentences.entries()) {
    const found = extract(sentence.text, index).filter((f) => f.unit !== "label");
    const used = new Set<number>();
    annotated += sentence.figures.length;
    extracted += found.length;
    for (const expected of sentence.figures) {
      const k = found.findIndex((f, i) => !used.has(i) && overlaps(f, expected) && f.unit === expected.unit && sameValue(f.value, expected.value));
      if (k >= 0) {
        used.add(k);
        matched++;
        if ((found[k]!.approx === true) === (expected.approx === true)) approxAgreement++;
      } else {
        const over = found.filter((f) => overlaps(f, expected)).map((f) => `${f.text} = ${JSON.stringify(f.value)} ${f.unit}`);
        misses.push({ sentence: sentence.text, figure: brief(expected), ...(over.length ? { found: over.join("; ") } : {}) });
      }
    }
    found.forEach((f, i) => {
      if (!used.has(i)) falsePositives.push({ sentence: sentence.text, figure: brief(f) });
    });
  }
  return {
    annotated,
    extracted,
    matched,
    precision: extracted === 0 ? 1 : matched / extracted,
    recall: annotated === 0 ? 1 : matched / annotated,
    approxAgreement,
    misses,
    falsePositives,
  };
}
