import { describe, expect, it } from "vitest";
import { CORPUS_SETS, loadCorpus, scoreCorpus } from "./support/extract-corpus.ts";

describe("the figure-extraction corpus", () => {
  it.each(CORPUS_SETS)("%s set: precision and recall on (value, unit) are at least 0.95", (set) => {
    const sentences = loadCorpus(set);
    const score = scoreCorpus(sentences);
    expect(score.annotated).toBeGreaterThanOrEqual(90);
    const report = [...score.misses.map((m) => `missed ${m.figure.text} in: ${m.sentence}`), ...score.falsePositives.map((m) => `wrongly found ${m.figure.text} in: ${m.sentence}`)];
    expect({ precision: score.precision >= 0.95, recall: score.recall >= 0.95, report: score.precision >= 0.95 && score.recall >= 0.95 ? [] : report }).toEqual({ precision: true, recall: true, report: [] });
  });

  it("holds at least 180 annotated figures in all", () => {
    const total = CORPUS_SETS.reduce((sum, set) => sum + loadCorpus(set).reduce((n, s) => n + s.figures.length, 0), 0);
    expect(total).toBeGreaterThanOrEqual(180);
  });

  it("the scorer counts a wrong unit as both a miss and a false positive", () => {
    const sentences = [{ text: "soit 15 % de plus", figures: [{ text: "15 %", value: 15, unit: "percentage-point", start: 5, end: 9 }] }];
    const score = scoreCorpus(sentences);
    expect([score.precision, score.recall, score.misses.length, score.falsePositives.length]).toEqual([0, 0, 1, 1]);
  });
});
