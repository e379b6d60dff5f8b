/**
 * `npm run bench -- --articles N`: makes a project of N varied articles in a
 * temporary folder and times the installed command (bin/newsbrief.js, the
 * compiled dist/; run `npm run build` first after changing src/) on it, each
 * run as a whole process with its peak memory: a cold build, a build with
 * nothing changed, with one article changed, with one message of one story
 * type changed,
 * `check`, `review` and `diff`. When `hugo` is installed, the same briefs are published
 * to a Hugo site and `hugo` is timed on them. Not a test: nothing here
 * asserts time.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { articleSlug, FACTORS, loadModels, writeCorpus } from "./support/bench-corpus.ts";
import { FIXTURE_ROOT, ROOT } from "./support/fixtures.ts";

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
};
const ARTICLES = Number(flag("--articles") ?? process.env.BENCH_ARTICLES ?? 1000);
const RUNS = Number(flag("--runs") ?? 3);
const BIN = path.join(ROOT, "bin", "newsbrief.js");
if (!existsSync(path.join(ROOT, "dist", "cli.js"))) {
  console.error("bench: dist/ is missing: run `npm run build` first.");
  process.exit(2);
}

/**
 * Where the corpus comes from: the project's own templates, locales and
 * settings with the example articles of content/ (every story type), or the
 * test fixture's project when content/ has none.
 */
const MODEL_ROOT = existsSync(path.join(ROOT, "content")) && readdirSync(path.join(ROOT, "content")).length > 0 ? ROOT : FIXTURE_ROOT;

/** One timed run: wall seconds and peak memory (MB) of the whole process, as /usr/bin/time reports them. */
function timed(args: string[], cwd: string): { seconds: number; mb: number; status: number | null; output: string } {
  const run = spawnSync("/usr/bin/time", ["-f", "BENCH %e %M", process.execPath, BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const line = /BENCH ([\d.]+) (\d+)/.exec(run.stderr ?? "");
  return { seconds: line ? Number(line[1]) : Number.NaN, mb: line ? Number(line[2]) / 1024 : Number.NaN, status: run.status, output: `${run.stdout}${run.stderr}`.slice(-2000) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const rows: Array<[string, number, number]> = [];
function report(label: string, runs: Array<{ seconds: number; mb: number; status: number | null; output: string }>): void {
  const failed = runs.find((r) => r.status !== 0);
  if (failed) console.error(`${label}: exit ${failed.status}\n${failed.output}`);
  const row: [string, number, number] = [label, median(runs.map((r) => r.seconds)), Math.max(...runs.map((r) => r.mb))];
  rows.push(row);
  console.log(`${label.padEnd(46)} ${row[1].toFixed(2).padStart(8)} s  ${row[2].toFixed(0).padStart(6)} MB peak${failed ? "  (FAILED)" : ""}`);
}

const root = mkdtempSync(path.join(tmpdir(), "newsbrief-bench-"));
const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.org", ...args], { cwd: root, encoding: "utf8" });
try {
  for (const dir of ["templates", "locales"]) cpSync(path.join(MODEL_ROOT, dir), path.join(root, dir), { recursive: true });
  if (existsSync(path.join(MODEL_ROOT, "newsbrief.config.json"))) cpSync(path.join(MODEL_ROOT, "newsbrief.config.json"), path.join(root, "newsbrief.config.json"));
  // Varied articles (see support/bench-corpus.ts): each with its own date, names and figure values.
  const available = loadModels(path.join(MODEL_ROOT, "content"));
  writeCorpus(root, available, ARTICLES);
  console.log(
    `newsbrief bench: ${ARTICLES} articles × 3 locales, ${available.length} model article(s) × ${FACTORS.length} sets of values, Node ${process.version}, ${cpus().length} cores, median of ${RUNS} run(s)\n`,
  );
  const root_ = ["--root", root];

  report("build --no-cache (cold)", Array.from({ length: Math.min(RUNS, 2) }, () => timed([...root_, "build", "--no-cache", "--quiet"], root)));
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "bench");
  report("build, nothing changed", Array.from({ length: RUNS }, () => timed([...root_, "build", "--quiet"], root)));
  const facts = path.join(root, "content", articleSlug(7), "facts.yaml");
  const original = readFileSync(facts, "utf8");
  report(
    "build, one article changed",
    Array.from({ length: RUNS }, (_, n) => {
      writeFileSync(facts, original.replace(/^(\s*date:\s*)"\d{4}-\d\d-\d\d"/m, `$1"2026-01-0${n + 1}"`));
      return timed([...root_, "build", "--quiet"], root);
    }),
  );
  const en = path.join(root, "locales", "en.json");
  const messages = readFileSync(en, "utf8");
  // A message of one story type (event.*): the articles of that type are rendered again, no others.
  report(
    "build, one story type's message changed",
    Array.from({ length: Math.min(RUNS, 2) }, (_, n) => {
      writeFileSync(en, messages.replace('"Key figures"', n % 2 === 0 ? '"Key numbers"' : '"Main figures"'));
      return timed([...root_, "build", "--quiet"], root);
    }),
  );
  report("check", Array.from({ length: Math.min(RUNS, 2) }, () => timed([...root_, "check", "--quiet"], root)));
  report("review (every article's page)", Array.from({ length: Math.min(RUNS, 2) }, () => timed([...root_, "review", "--quiet"], root)));
  report("diff (one story type's message changed)", Array.from({ length: Math.min(RUNS, 2) }, () => timed([...root_, "diff", "--base", "main"], root)));
  writeFileSync(en, messages);
  timed([...root_, "build", "--quiet"], root);
  report("newsbrief --version", Array.from({ length: 5 }, () => timed(["--version"], root)));

  const hugo = spawnSync("hugo", ["version"], { encoding: "utf8" });
  if (!hugo.error && hugo.status === 0) {
    const site = path.join(root, "site");
    mkdirSync(site);
    cpSync(path.join(ROOT, "test", "fixtures", "hugo-site"), site, { recursive: true });
    cpSync(path.join(site, "config.by-filename.yaml"), path.join(site, "config.yaml"));
    const published = timed([...root_, "publish", "--to", "hugo", "--layout", "by-filename", site], root);
    report("publish --to hugo", [published]);
    const runs = Array.from({ length: Math.min(RUNS, 2) }, () => {
      const run = spawnSync("/usr/bin/time", ["-f", "BENCH %e %M", "hugo", "--quiet", "--source", site, "--destination", path.join(root, "public")], { encoding: "utf8" });
      const line = /BENCH ([\d.]+) (\d+)/.exec(run.stderr ?? "");
      return { seconds: line ? Number(line[1]) : Number.NaN, mb: line ? Number(line[2]) / 1024 : Number.NaN, status: run.status, output: run.stderr.slice(-2000) };
    });
    report(`hugo on the same ${ARTICLES * 3} briefs`, runs);
    const ours = rows[0]![1];
    console.log(`\ncold build / hugo: ${(ours / rows[rows.length - 1]![1]).toFixed(2)}`);
  } else {
    console.log("\nhugo is not installed: no comparison.");
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
