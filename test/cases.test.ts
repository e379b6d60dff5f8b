/**
 * Golden cases: every folder under test/cases/ is a small project, run
 * through `newsbrief build` and compared with its `expected/` folder.
 *
 *   test/cases/<name>/
 *     case.json         optional: { "description", "args" (default ["build"]),
 *                       "omit": ["templates" | "locales"] }
 *     content/…         the case's articles
 *     out/…             an out/ to start from, for a `check` case
 *     templates/, locales/
 *                       only when the case needs its own; otherwise the
 *                       fixture project's are copied in (unless omitted)
 *     expected/
 *       exit-code       the exit code
 *       stdout.txt      what the CLI prints on stdout (absent: nothing)
 *       diagnostics.txt what it prints on stderr: the report, as printed
 *                       (absent: nothing)
 *       out/…           the files written to out/ (absent: out/ must not exist)
 *
 * Adding a case is adding a folder. `UPDATE_CASES=1 npx vitest run
 * test/cases.test.ts` (re)writes every `expected/` from the current code:
 * read what it wrote before committing it. In CI (`CI` set) nothing is ever
 * written, and a case without `expected/` fails.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_ROOT, ROOT } from "./support/fixtures.ts";
import { digestTree, runCli, snapshotTree } from "./support/project.ts";

const CASES_DIR = path.join(ROOT, "test", "cases");
const SHARED = ["templates", "locales"] as const;
const UPDATE = process.env.UPDATE_CASES === "1";
const CI = Boolean(process.env.CI);
/** Stands for the temp folder of the case in printed paths. */
const PROJECT = "<project>";

interface CaseConfig {
  description?: string;
  args?: string[];
  omit?: Array<(typeof SHARED)[number]>;
}

const made: string[] = [];
afterAll(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const names = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Copies a case to a fresh temp folder, shared templates/ and locales/ added when it has none. */
function projectOf(caseDir: string, config: CaseConfig): string {
  const root = mkdtempSync(path.join(tmpdir(), "newsbrief-case-"));
  made.push(root);
  for (const entry of readdirSync(caseDir)) {
    if (entry === "expected" || entry === "case.json") continue;
    cpSync(path.join(caseDir, entry), path.join(root, entry), { recursive: true });
  }
  for (const folder of SHARED) {
    if (config.omit?.includes(folder) || existsSync(path.join(root, folder))) continue;
    cpSync(path.join(FIXTURE_ROOT, folder), path.join(root, folder), { recursive: true });
  }
  return root;
}

/** The text files of a folder, keyed by `/`-separated relative path. */
function textTree(dir: string): Record<string, string> {
  return Object.fromEntries([...snapshotTree(dir)].map(([relative, bytes]) => [relative, bytes.toString("utf8")]));
}

function readIfThere(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** Rewrites a case's expected/ folder from an actual run. */
function writeExpected(expectedDir: string, actual: { code: number; stdout: string; stderr: string; out: Record<string, string> | undefined }): void {
  rmSync(expectedDir, { recursive: true, force: true });
  mkdirSync(expectedDir, { recursive: true });
  writeFileSync(path.join(expectedDir, "exit-code"), `${actual.code}\n`);
  if (actual.stdout) writeFileSync(path.join(expectedDir, "stdout.txt"), actual.stdout);
  if (actual.stderr) writeFileSync(path.join(expectedDir, "diagnostics.txt"), actual.stderr);
  for (const [relative, text] of Object.entries(actual.out ?? {})) {
    const file = path.join(expectedDir, "out", ...relative.split("/"));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

describe("golden cases (test/cases/)", () => {
  it("there are cases", () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)("%s", async (name) => {
    const caseDir = path.join(CASES_DIR, name);
    const configFile = path.join(caseDir, "case.json");
    const config = (existsSync(configFile) ? JSON.parse(readFileSync(configFile, "utf8")) : {}) as CaseConfig;
    const root = projectOf(caseDir, config);
    const before = digestTree(snapshotTree(root));

    const run = await runCli(config.args ?? ["build"], root);
    const printed = (text: string) => text.split(root).join(PROJECT);
    const outDir = path.join(root, "out");
    const actual = { code: run.code, stdout: printed(run.stdout), stderr: printed(run.stderr), out: existsSync(outDir) ? textTree(outDir) : undefined };

    const expectedDir = path.join(caseDir, "expected");
    if (UPDATE) {
      if (CI) throw new Error("UPDATE_CASES is refused in CI: expectations are written on a workstation and read before they are committed");
      writeExpected(expectedDir, actual);
    } else if (!existsSync(path.join(expectedDir, "exit-code"))) {
      throw new Error(`test/cases/${name} has no expected/exit-code: run UPDATE_CASES=1 npx vitest run test/cases.test.ts outside CI, then read what it wrote`);
    }

    const expectedCode = Number(readFileSync(path.join(expectedDir, "exit-code"), "utf8").trim());
    expect(actual.stderr, "stderr: the diagnostics report").toBe(readIfThere(path.join(expectedDir, "diagnostics.txt")));
    expect(actual.stdout, "stdout").toBe(readIfThere(path.join(expectedDir, "stdout.txt")));
    expect(actual.code, "exit code").toBe(expectedCode);
    const expectedOut = path.join(expectedDir, "out");
    if (existsSync(expectedOut)) expect(actual.out, "out/").toEqual(textTree(expectedOut));
    else expect(actual.out, "out/ must not exist").toBeUndefined();

    if (actual.code !== 0) {
      // A failed build writes nothing: not out/, not anything else.
      expect(digestTree(snapshotTree(root)), "the project after a failed build").toEqual(before);
    }
  });
});
