/**
 * `npm run bench`: builds a batch of articles in a temporary project and
 * prints how long each stage takes. Not a test: nothing here asserts time.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { LOCALES } from "../src/content/schema.ts";
import { projectPaths } from "../src/io/paths.ts";
import { build, check } from "../src/build/pipeline.ts";
import { FigureFormatter } from "../src/render/figures.ts";
import { loadMessages } from "../src/render/messages.ts";
import { money, repoFile, ROOT, SLUG } from "./support/fixtures.ts";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);

async function time<T>(label: string, run: () => Promise<T> | T, per?: { count: number; unit: string }): Promise<T> {
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  const rate = per ? `  (${((ms * 1000) / per.count).toFixed(1)} µs per ${per.unit})` : "";
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms${rate}`);
  return result;
}

const root = await mkdtemp(path.join(tmpdir(), "newsbrief-bench-"));
try {
  for (const dir of ["templates", "locales"]) await cp(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
  const facts = await readFile(path.join(ROOT, "content", SLUG, "facts.yaml"), "utf8");
  const source = await readFile(path.join(ROOT, "content", SLUG, "source.fr.md"), "utf8");
  for (let i = 0; i < ARTICLES; i++) {
    const dir = path.join(root, "content", `${SLUG}-${String(i).padStart(4, "0")}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "facts.yaml"), facts);
    await writeFile(path.join(dir, "source.fr.md"), source);
  }
  const paths = projectPaths(root);
  console.log(`newsbrief bench: ${ARTICLES} articles × ${LOCALES.length} locales, Node ${process.version}\n`);
  const cold = await time("build, cold (render, verify, write)", () => build(paths), { count: ARTICLES * LOCALES.length, unit: "brief" });
  await time("build, nothing changed", () => build(paths), { count: ARTICLES * LOCALES.length, unit: "brief" });
  await time("build --check (dry run)", () => build(paths, { dryRun: true }), { count: ARTICLES * LOCALES.length, unit: "brief" });
  const checked = await time("check (verify out/ on disk)", () => check(paths), { count: ARTICLES * LOCALES.length, unit: "brief" });
  console.log(`\n${cold.files.length} files, ${cold.figuresVerified} figures verified by build, ${checked.figuresVerified} by check, ${cold.diagnostics.length + checked.diagnostics.length} diagnostics\n`);

  const loaded = loadMessages(LOCALES.map((locale) => ({ locale, file: `locales/${locale}.json`, text: repoFile(`locales/${locale}.json`) })));
  const fr = loaded.catalog.get("fr")!;
  const i18n = loaded.i18n.get("fr")!;
  const values = { first: "l’intelligence artificielle", second: "les solutions numériques" };
  const N = 20000;
  await time("i18next t(), one sentence", () => { for (let i = 0; i < N; i++) i18n.t("brief.keyFigures.largest", values); }, { count: N, unit: "call" });
  await time("compiled message, one sentence", () => { for (let i = 0; i < N; i++) fr.format("brief.keyFigures.largest", values); }, { count: N, unit: "call" });
  const formatter = new FigureFormatter(fr);
  const amount = money(544700000, { precision: 100000 });
  await time("figure formatted (cached Intl)", () => { for (let i = 0; i < N; i++) formatter.format(amount); }, { count: N, unit: "figure" });
} finally {
  await rm(root, { recursive: true, force: true });
}
