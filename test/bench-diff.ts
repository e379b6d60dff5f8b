/**
 * `npm run bench:diff`: `newsbrief diff` on a git repository of many
 * articles (1,000 by default) with a few changes, and with none. Prints the
 * timings; nothing here asserts time.
 */
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { hasErrors } from "../src/diagnostics/diagnostic.ts";
import { projectPaths } from "../src/io/paths.ts";
import { build } from "../src/build/pipeline.ts";
import { diffProject } from "../src/review/diff.ts";
import { formatMarkdown } from "../src/review/format.ts";
import { ROOT, SLUG } from "./support/fixtures.ts";
import { gitEnv } from "./support/git.ts";

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 1000);
const CHANGED = 3;

async function time<T>(label: string, run: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label.padEnd(52)} ${(performance.now() - start).toFixed(1).padStart(9)} ms`);
  return result;
}

const root = await mkdtemp(path.join(tmpdir(), "newsbrief-bench-diff-"));
const env = gitEnv(root);
Object.assign(process.env, env);
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] }).toString("utf8").trim();
const slug = (i: number) => `${SLUG}-${String(i).padStart(4, "0")}`;

try {
  for (const dir of ["templates", "locales"]) await cp(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
  const facts = await readFile(path.join(ROOT, "content", SLUG, "facts.yaml"), "utf8");
  const source = await readFile(path.join(ROOT, "content", SLUG, "source.fr.md"), "utf8");
  for (let i = 0; i < ARTICLES; i++) {
    const dir = path.join(root, "content", slug(i));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "facts.yaml"), facts);
    await writeFile(path.join(dir, "source.fr.md"), source);
  }
  await writeFile(path.join(root, ".gitignore"), "node_modules/\n/.out.*\n");
  const paths = projectPaths(root);
  console.log(`newsbrief bench:diff: ${ARTICLES} articles, ${CHANGED} changed, Node ${process.version}\n`);
  const built = await time("setup: build every article", () => build(paths));
  if (hasErrors(built.diagnostics)) throw new Error("the bench project does not build");
  await time("setup: git init, add, commit", () => {
    git("init", "--quiet", "--initial-branch=main");
    git("add", "--all");
    git("commit", "--quiet", "-m", "Base");
  });

  await time("diff, nothing changed", () => diffProject(paths));

  // A few articles get one allocation changed, consistently (value, evidence, source).
  for (let i = 0; i < CHANGED; i++) {
    const dir = path.join(root, "content", slug(i * 97));
    await writeFile(path.join(dir, "facts.yaml"), facts.replace("value: 544700000", "value: 547400000").replace('["544,7 millions d’euros"]', '["547,4 millions d’euros"]'));
    await writeFile(path.join(dir, "source.fr.md"), source.replace("544,7 millions d’euros", "547,4 millions d’euros"));
  }
  await time(`setup: build (${CHANGED} articles changed)`, () => build(paths));
  // A build swaps out/ in whole, so git sees new file stats: its first look
  // rehashes every output (git status refreshes its index, as a fresh CI checkout has).
  await time("setup: git status (refresh git's index)", () => git("status", "--porcelain"));
  await time(`diff, ${CHANGED} articles changed, without verification`, () => diffProject(paths, { verify: false }));
  const report = await time(`diff, ${CHANGED} articles changed, changed ones verified`, () => diffProject(paths));
  const markdown = await time("report as Markdown", () => formatMarkdown(report));
  console.log(`\n${report.articles.length} articles reported, ${report.summary.factsChanged} facts and ${report.summary.sentencesChanged} sentences changed, verification ${report.summary.verification}, ${markdown.length} characters of Markdown\n`);

  // A locale string: every article's Dutch brief changes and every article is verified.
  const nl = path.join(root, "locales", "nl.json");
  await writeFile(nl, (await readFile(nl, "utf8")).replace('"De belangrijkste cijfers"', '"De kerncijfers"'));
  await time("setup: build (a Dutch string changed)", () => build(paths));
  await time("setup: git status (refresh git's index)", () => git("status", "--porcelain"));
  const all = await time("diff, a Dutch string changed (every article)", () => diffProject(paths));
  const allMarkdown = formatMarkdown(all);
  console.log(`\n${all.articles.length} articles reported, verification ${all.summary.verification}, ${allMarkdown.length} characters of Markdown (capped for one comment)`);
} finally {
  await rm(root, { recursive: true, force: true });
}
