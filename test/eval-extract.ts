/**
 * `npm run eval:extract`: scores `extractFigures` on each corpus set and
 * prints precision, recall, the misses and the false positives.
 */
import { CORPUS_SETS, loadCorpus, loadRealCorpus, loadRealReleases, releaseExtractor, scoreCorpus, type CorpusSentence, type ScoreIssue } from "./support/extract-corpus.ts";
import { extractFigures as extract } from "../src/extract/index.ts";

const show = (issue: ScoreIssue) => {
  const f = issue.figure;
  const found = issue.found ? `   (found: ${issue.found})` : "";
  return `    ${JSON.stringify(f.text)} = ${JSON.stringify(f.value)} ${f.unit}${f.approx ? " approx" : ""}${found}\n      in: ${issue.sentence}`;
};

// The two written sets, sentence by sentence, then the real press releases of real/ as a third
// set, each release read as one text.
type Extract = (text: string, index: number) => ReturnType<typeof extract>;
const releases = loadRealReleases();
const sets: [string, CorpusSentence[], Extract][] = [
  ...CORPUS_SETS.map((set): [string, CorpusSentence[], Extract] => [set, loadCorpus(set), extract]),
  [`real (${releases.length} press releases)`, loadRealCorpus(), releaseExtractor(releases)],
];
for (const [set, sentences, read] of sets) {
  const score = scoreCorpus(sentences, read);
  console.log(`${set}: ${score.annotated} annotated, ${score.extracted} extracted, ${score.matched} matched`);
  console.log(`  precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  approx agreement ${score.approxAgreement}/${score.matched}`);
  if (score.misses.length) console.log(`  misses (${score.misses.length}):\n${score.misses.map(show).join("\n")}`);
  if (score.falsePositives.length) console.log(`  false positives (${score.falsePositives.length}):\n${score.falsePositives.map(show).join("\n")}`);
}

// Speed: one large text made of every corpus sentence, repeated up to about 1 MiB (the input size limit).
const { performance } = await import("node:perf_hooks");
const { extractFigures } = await import("../src/extract/index.ts");
const sentences = CORPUS_SETS.flatMap((set) => loadCorpus(set).map((s) => s.text)).join("\n");
const big = sentences.repeat(Math.max(1, Math.floor((1024 * 1024) / sentences.length)));
extractFigures(sentences);
const started = performance.now();
const count = extractFigures(big).length;
const ms = performance.now() - started;
console.log(`speed: ${big.length} characters, ${count} figures in ${ms.toFixed(0)} ms (${((ms * 1000) / big.length).toFixed(2)} µs per character)`);
