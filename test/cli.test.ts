/**
 * The command line, driven through a fake process in throwaway projects:
 * help, version, usage errors, build (summary, determinism, --check) and
 * check against hand-edited, missing and extra outputs.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { editDistance, plausibleNames } from "../src/suggest.ts";
import { cleanupProjects, digestTree, makeProject, REPO_ROOT, reported, runCli, SLUG, snapshotTree } from "./support/project.ts";

const scratch: string[] = [];
afterEach(() => {
  cleanupProjects();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(() => cleanupProjects({ base: true }));

const OUTPUTS = [...["en.html", "en.md", "fr.html", "fr.md", "nl.html", "nl.md"].map((name) => `${SLUG}/${name}`), "feed.en.json", "feed.fr.json", "feed.nl.json", "manifest.json"];
/**
 * Figures the bundled article's six outputs hold, each read back and matched
 * to a fact: per locale, 15 in the Markdown brief (front matter title 1,
 * description 2, source title 1; body 11) and 21 in the HTML page, but 18
 * in the French and Dutch pages, whose meta descriptions (meta, og and
 * JSON-LD) are cut to 160 characters before the total.
 */
// 102 in the six briefs, 45 more in the three feeds and the manifest's titles.
const FIGURES = 147;
/** The summary line of the bundled source: every figure of it is the evidence of a fact. */
const COVERAGE = "source figures: 13, covered: 13, ignored: 0\n";

/** A fresh temp folder that is not a project. */
function emptyFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "newsbrief-empty-"));
  scratch.push(dir);
  return dir;
}

describe("help and version", () => {
  it("--help exits 0 and lists the build and check commands", async () => {
    const { root } = await makeProject();
    const run = await runCli(["--help"], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Usage: newsbrief /);
    expect(run.stdout).toMatch(/^ {2}build\b.*render every article/m);
    expect(run.stdout).toMatch(/^ {2}check\b.*verify out\//m);
  });

  it("build --help describes --check", async () => {
    const { root } = await makeProject();
    const run = await runCli(["build", "--help"], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: newsbrief build /);
    expect(run.stdout).toMatch(/^ {2}--check\s+render and verify, then report outputs that differ from out\/\s+instead of writing \(dry run\)/m);
  });

  it("--version prints the package version", async () => {
    const { root } = await makeProject();
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const run = await runCli(["--version"], root);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("the executable answers --version and -V alone before loading the commands, as the parser does", () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "src", "bin.js"), flag], { encoding: "utf8" });
      expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
    }
    // Anything else goes to the parser: a near miss is an unknown option.
    const other = spawnSync(process.execPath, [path.join(REPO_ROOT, "src", "bin.js"), "--versions"], { encoding: "utf8" });
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/unknown option '--versions'/);
  });
});

describe("usage errors exit 2", () => {
  it("an unknown command suggests the right one", async () => {
    const project = await makeProject();
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["biuld"], project.root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("unknown command 'biuld'");
    expect(run.stderr).toContain("Did you mean build?");
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("an unknown command far from every command suggests none", async () => {
    const { root } = await makeProject();
    const run = await runCli(["foo"], root);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "error: unknown command 'foo'\n(run `newsbrief --help` for usage)\n" });
  });

  it("an unknown option suggests an option only when it is a plausible typo of it", async () => {
    const { root } = await makeProject();
    const usage = async (args: string[]) => {
      const run = await runCli(args, root);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe("");
      return run.stderr;
    };
    // Far from every option: no suggestion, only the command's help (commander said "Did you mean --root?").
    expect(await usage(["check", "--foo"])).toBe("error: unknown option '--foo'\n(run `newsbrief check --help` for usage)\n");
    expect(await usage(["--foo", "build"])).toBe("error: unknown option '--foo'\n(run `newsbrief --help` for usage)\n");
    expect(await usage(["check", "--lint"])).toBe("error: unknown option '--lint'\n(run `newsbrief check --help` for usage)\n");
    // A typo: a swap, a letter too many, two edits in a long name, an option of the program's, an abbreviation.
    expect(await usage(["check", "--roto"])).toBe("error: unknown option '--roto'\n(Did you mean --root?)\n(run `newsbrief check --help` for usage)\n");
    expect(await usage(["build", "--no-chache"])).toBe("error: unknown option '--no-chache'\n(Did you mean --no-cache?)\n(run `newsbrief build --help` for usage)\n");
    expect(await usage(["build", "--no-chahce"])).toContain("(Did you mean --no-cache?)\n");
    expect(await usage(["diff", "--fromat", "json"])).toContain("(Did you mean --format?)\n");
    expect(await usage(["build", "--prev", "x"])).toContain("(Did you mean --preview?)\n");
    expect(await usage(["build", "--jobs", "2", "--jbos", "3"])).toBe("error: unknown option '--jbos'\n(Did you mean --jobs?)\n(run `newsbrief build --help` for usage)\n");
  });

  it("every unknown option of the command line is said, each with its suggestion, known options taken", async () => {
    const { root } = await makeProject();
    const run = await runCli(["build", "--foo", "--check", "--preveiw", "x", "--foo", "-z", "--", "--bar"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: unknown option '--foo'\nerror: unknown option '--preveiw'\n(Did you mean --preview?)\nerror: unknown option '-z'\n(run `newsbrief build --help` for usage)\n",
    );
    // The program's own unknown options stop at the command: what follows is the command's.
    const program = await runCli(["--foo", "--quite", "check", "--bar"], root);
    expect(program.code).toBe(2);
    expect(program.stderr).toBe("error: unknown option '--foo'\nerror: unknown option '--quite'\n(run `newsbrief --help` for usage)\n");
  });

  it("no command at all shows the usage", async () => {
    const { root } = await makeProject();
    const run = await runCli([], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: newsbrief /);
  });

  it("--root pointing at an empty folder: build exits 2 naming the missing content/, and creates nothing there", async () => {
    const project = await makeProject();
    const empty = emptyFolder();
    const outBefore = digestTree(snapshotTree(project.out));
    // The working folder is a valid project: --root must win over it.
    const run = await runCli(["--root", empty, "build"], project.root);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe("");
    expect(reported(run.stderr).map((d) => `${d.at} [${d.rule}]`)).toContain("content [config/missing-folder]");
    expect(readdirSync(empty)).toEqual([]);
    expect(digestTree(snapshotTree(project.out))).toEqual(outBefore);
  });

  it("--root pointing at a project without content/: build and check exit 2 with config/missing-folder only", async () => {
    const project = await makeProject({ content: null });
    const elsewhere = emptyFolder();
    const before = digestTree(snapshotTree(project.root));
    for (const command of ["build", "check"]) {
      const run = await runCli(["--root", project.root, command], elsewhere);
      expect(run.code, run.stderr).toBe(2);
      expect(reported(run.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual(["content [config/missing-folder]"]);
    }
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
    expect(readdirSync(elsewhere)).toEqual([]);
  });
});

describe("build", () => {
  it("writes the 6 briefs and prints a summary with the number of figures verified", async () => {
    const project = await makeProject({ out: null });
    expect(project.exists("out")).toBe(false);
    const run = await runCli(["build"], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${COVERAGE}1 article(s), 10 file(s), ${FIGURES} figure(s) verified, 10 file(s) written.\n`);
    expect([...snapshotTree(project.out).keys()]).toEqual(OUTPUTS);
  });

  it("is deterministic: a second build changes no byte and says out/ is up to date", async () => {
    const project = await makeProject({ out: null });
    const first = await runCli(["build"], project.root);
    expect(first.code, first.stderr).toBe(0);
    const afterFirst = digestTree(snapshotTree(project.out));
    const second = await runCli(["build"], project.root);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/, out\/ already up to date\.\n$/);
    expect(second.stdout).not.toContain("written");
    expect(digestTree(snapshotTree(project.out))).toEqual(afterFirst);

    // Without the build cache, and in another folder, the bytes are the same too.
    const other = await makeProject({ out: null });
    const fresh = await runCli(["build", "--no-cache"], other.root);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout).toBe(`${COVERAGE}1 article(s), 10 file(s), ${FIGURES} figure(s) verified, 10 file(s) written.\n`);
    expect(digestTree(snapshotTree(other.out))).toEqual(afterFirst);
    const again = await runCli(["build", "--no-cache"], other.root);
    expect(again.stdout).toBe(`${COVERAGE}1 article(s), 10 file(s), ${FIGURES} figure(s) verified, out/ already up to date.\n`);
  });

  it("build --check on an up-to-date tree exits 0 and writes nothing", async () => {
    const project = await makeProject();
    const before = digestTree(snapshotTree(project.root));
    expect(Object.keys(before)).toContain(`out/${SLUG}/en.md`);
    const run = await runCli(["build", "--check"], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${COVERAGE}1 article(s), 10 file(s), ${FIGURES} figure(s) verified.\n`);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("build --check on a stale tree exits 1 with out/stale and writes nothing", async () => {
    const project = await makeProject({ [`out/${SLUG}/fr.md`]: (text) => `${text}\nAjouté à la main.\n` });
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["build", "--check"], project.root);
    expect(run.code, run.stderr).toBe(1);
    expect(reported(run.stderr).map((d) => d.rule)).toEqual(["out/stale"]);
    expect(reported(run.stderr)[0]!.at).toMatch(new RegExp(`^out/${SLUG}/fr\\.md:\\d+:1$`));
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  it("build removes a file no article produces", async () => {
    const project = await makeProject({ "out/notes.txt": "left over\n" });
    const run = await runCli(["build"], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/, 1 file\(s\) written\.\n$/);
    expect([...snapshotTree(project.out).keys()]).toEqual(OUTPUTS);
  });
});

describe("check", () => {
  it("passes on a freshly built tree, with the same figure count read back from disk", async () => {
    const project = await makeProject();
    const before = digestTree(snapshotTree(project.root));
    const run = await runCli(["check"], project.root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${COVERAGE}1 article(s), 10 file(s), ${FIGURES} figure(s) verified.\n`);
    expect(digestTree(snapshotTree(project.root))).toEqual(before);
  });

  // A figure edited by hand in out/, in the body or the front matter: the exact
  // reports are golden cases, test/cases/check-figure-edited-*.

  it("a deleted output: exits 1 with out/missing", async () => {
    const project = await makeProject({ [`out/${SLUG}/nl.html`]: null });
    const run = await runCli(["check"], project.root);
    expect(run.code, run.stderr).toBe(1);
    expect(reported(run.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual([`out/${SLUG}/nl.html [out/missing]`]);
    expect(project.exists(`out/${SLUG}/nl.html`)).toBe(false);
  });

  it("an extra file in out/: exits 1 with out/orphan, and leaves it there", async () => {
    const project = await makeProject({ [`out/${SLUG}/de.md`]: "# Hallo\n" });
    const run = await runCli(["check"], project.root);
    expect(run.code, run.stderr).toBe(1);
    expect(reported(run.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual([`out/${SLUG}/de.md [out/orphan]`]);
    expect(project.read(`out/${SLUG}/de.md`)).toBe("# Hallo\n");
  });

  it("what a file manager leaves in out/ (.DS_Store, ._ files, Thumbs.db, desktop.ini) is no orphan", async () => {
    const litter = [".DS_Store", `${SLUG}/.DS_Store`, `${SLUG}/._fr.md`, "Thumbs.db", `${SLUG}/desktop.ini`];
    const project = await makeProject(Object.fromEntries(litter.map((name) => [`out/${name}`, "\0"])));
    const run = await runCli(["check"], project.root);
    expect(run.stderr).not.toContain("out/orphan");
    expect(run.code, run.stderr).toBe(0);
    // A file with another name still is one.
    project.write(`out/${SLUG}/notes.txt`, "x");
    expect(reported((await runCli(["check"], project.root)).stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual([`out/${SLUG}/notes.txt [out/orphan]`]);
  });
});

describe("plausible names for a mistyped command or option", () => {
  const OPTIONS = ["--root", "--out", "--content", "--check", "--no-cache", "--preview", "--wait", "--jobs", "--quiet", "--help", "--version"];

  it("counts a swap of two neighbours as one edit, and stops past its limit", () => {
    expect(editDistance("roto", "root")).toBe(1);
    expect(editDistance("foo", "root")).toBe(2);
    expect(editDistance("no-chache", "no-cache")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abcdefgh", "zzzzzzzz", 2)).toBe(3);
  });

  it("suggests a name within the edits its length allows, the fewest edits first, else the one name an abbreviation starts", () => {
    expect(plausibleNames("--foo", OPTIONS)).toEqual([]);
    expect(plausibleNames("--roto", OPTIONS)).toEqual(["--root"]);
    expect(plausibleNames("--ot", OPTIONS)).toEqual(["--out"]);
    expect(plausibleNames("--qiuet", OPTIONS)).toEqual(["--quiet"]);
    expect(plausibleNames("--no-chahce", OPTIONS)).toEqual(["--no-cache"]);
    expect(plausibleNames("--chek=1", OPTIONS)).toEqual(["--check"]);
    expect(plausibleNames("--prev", OPTIONS)).toEqual(["--preview"]);
    // Too short to guess, or an abbreviation of two names.
    expect(plausibleNames("--x", OPTIONS)).toEqual([]);
    expect(plausibleNames("--co", OPTIONS)).toEqual([]);
    expect(plausibleNames("--c", ["--c", "--d"])).toEqual([]);
    // Equally near: every one, sorted.
    expect(plausibleNames("--rot", ["--root", "--rat", "--ratio"])).toEqual(["--rat", "--root"]);
    expect(plausibleNames("biuld", ["build", "check", "help"])).toEqual(["build"]);
  });
});
