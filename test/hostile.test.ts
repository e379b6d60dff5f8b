import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { fsq, removeTree } from "../src/io/limit.ts";
import { lockOutputs } from "../src/io/lock.ts";
import { projectPaths } from "../src/io/paths.ts";
import { cleanupProjects, digestTree, FACTS, makeProject, replace, runCli, snapshotTree, SOURCE, type Project } from "./support/project.ts";
import { SLUG } from "./support/fixtures.ts";

const victims: string[] = [];
afterAll(() => {
  cleanupProjects({ base: true });
  victims.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const outTree = (p: Project) => digestTree(snapshotTree(p.out));
const run = (p: Project, ...args: string[]) => runCli(["--root", p.root, ...args], p.root);
const edit = (p: Project, file: string, from: string | RegExp, to: string) => p.edit(file, replace(from, to));

interface Case {
  name: string;
  break(project: Project): void;
  rule: string;
  /** `file:line:col` or just `file` when the problem concerns the whole file. */
  at: string;
  code: number;
}

// The exact reports of broken inputs are golden cases under test/cases/;
// these are the ones that need more than a folder: links, a huge file, an
// --out option, and a check that nothing was polluted.
const CASES: Case[] = [
  { name: "invalid UTF-8, with its byte offset", break: (r) => r.write(FACTS, Buffer.concat([Buffer.from("version: 1\n# caf"), Buffer.from([0xc3, 0x28]), Buffer.from("\n")])), rule: "content/encoding", at: `${FACTS}:2:6`, code: 1 },
  { name: "__proto__ pollution through a merge key", break: (r) => edit(r, FACTS, "version: 1", "version: 1\n<<: { __proto__: { polluted: true } }"), rule: "yaml/merge-key", at: `${FACTS}:6:1`, code: 1 },
  { name: "a file above the size limit, refused before it is read", break: (r) => r.write(SOURCE, `${r.read(SOURCE)}${"x".repeat(1024 * 1024)}`), rule: "content/too-large", at: SOURCE, code: 1 },
  { name: "a symbolic link in place of facts.yaml", break: (r) => { r.remove(FACTS); symlinkSync("/etc/hostname", r.path(FACTS)); }, rule: "content/not-a-file", at: FACTS, code: 1 },
  { name: "a symbolic link as an article folder", break: (r) => symlinkSync(r.path(`content/${SLUG}`), r.path("content/linked")), rule: "content/symlink", at: "content/linked", code: 1 },
  { name: "an output folder that contains the inputs", break: () => undefined, rule: "config/out-contains-inputs", at: ".", code: 2 },
];

describe("hostile and broken inputs", () => {
  it.each(CASES)("$name → [$rule] at $at, exit $code, out/ unchanged", async (c) => {
    const project = await makeProject();
    c.break(project);
    const before = outTree(project);
    const args = c.rule === "config/out-contains-inputs" ? ["--out", ".", "build"] : ["build"];
    const result = await run(project, ...args);
    expect(result.code, result.stderr).toBe(c.code);
    const line = result.stderr.split("\n").find((l) => l.includes(`[${c.rule}]`));
    expect(line, result.stderr).toBeDefined();
    expect(line!.startsWith(`${c.at}  error  `), line).toBe(true);
    expect(outTree(project)).toEqual(before);
    expect(project.exists("polluted")).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("content is text, escaped exactly once", () => {
  const HOSTILE = `<script>alert("x")</script> & 'q' "d" [a](javascript:alert(x)) **b** _i_ \`c\` # h http://evil.example`;

  it("hostile dataset text shows as text in Markdown and HTML", async () => {
    const root = await makeProject();
    edit(root, FACTS, "fr: l’intelligence artificielle", `fr: '${HOSTILE.replace(/'/g, "''")}'`);
    edit(root, FACTS, "speaker: Henna Virkkunen", `speaker: '${HOSTILE.replace(/'/g, "''")}'`);
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
    const html = root.read(`out/${SLUG}/fr.html`);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).not.toContain("&amp;amp;");
    expect(html).not.toContain("&amp;lt;");
    expect(html).toContain(`&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'q' "d" [a](javascript:alert(x)) **b** _i_ \`c\` # h http://evil.example`);
    expect(html).not.toMatch(/<a href="http:\/\/evil/);
    const md = root.read(`out/${SLUG}/fr.md`);
    expect(md).toContain("\\<script\\>");
    expect(md).not.toMatch(/(^|[^\\])<script>/);
  });

  it("pathological Markdown in a dataset field renders literally and quickly", async () => {
    const root = await makeProject();
    edit(root, FACTS, "speaker: Henna Virkkunen", `speaker: '${"*_[".repeat(300)}'`);
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
    expect(root.read(`out/${SLUG}/en.html`)).toContain("*_[*_[*_[");
  });

  it("BOM and CRLF line endings are accepted and give the same outputs", async () => {
    const root = await makeProject();
    const before = outTree(root);
    for (const file of [FACTS, SOURCE]) root.write(file, `\ufeff${root.read(file).replace(/\n/g, "\r\n")}`);
    const result = await run(root, "build", "--no-cache");
    expect(result.code, result.stderr).toBe(0);
    expect(outTree(root)).toEqual(before);
  });
});

describe("writes stay inside out/", () => {
  it("a symbolic link planted in out/ is replaced, and its target is never written", async () => {
    const root = await makeProject();
    const victim = mkdtempSync(path.join(tmpdir(), "newsbrief-victim-"));
    victims.push(victim);
    writeFileSync(path.join(victim, "en.md"), "precious");
    root.remove(`out/${SLUG}`);
    symlinkSync(victim, root.path(`out/${SLUG}`));
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(victim)).toEqual(["en.md"]);
    expect(readFileSync(path.join(victim, "en.md"), "utf8")).toBe("precious");
    expect(root.read(`out/${SLUG}/en.md`)).toContain("title:");
  });

  it("out/ itself a symbolic link: refused before anything is written, its target untouched", async () => {
    const root = await makeProject();
    const victim = mkdtempSync(path.join(tmpdir(), "newsbrief-victim-"));
    victims.push(victim);
    mkdirSync(path.join(victim, "sub"));
    writeFileSync(path.join(victim, "keep.txt"), "precious");
    writeFileSync(path.join(victim, "sub", "y.txt"), "also precious");
    root.remove("out");
    symlinkSync(victim, root.path("out"));
    for (const args of [["build"], ["build", "--no-cache"]]) {
      const result = await run(root, ...args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("out  error  the output folder is a symbolic link");
      expect(result.stderr).toContain("[config/out-is-link]");
    }
    expect(readdirSync(victim).sort()).toEqual(["keep.txt", "sub"]);
    expect(readFileSync(path.join(victim, "sub", "y.txt"), "utf8")).toBe("also precious");
    expect(lstatSync(root.path("out")).isSymbolicLink()).toBe(true);
    expect(readdirSync(root.root).filter((name) => name.startsWith(".out."))).toEqual([]);
    // The folder the link points to, given itself, is built into.
    const result = await run(root, "--out", victim, "build");
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(victim, SLUG, "en.md"), "utf8")).toContain("title:");
  });

  it("out/ a file: named as such by build, check and publish, and left as it was", async () => {
    const root = await makeProject();
    root.remove("out");
    root.write("out", "notes\n");
    const site = mkdtempSync(path.join(tmpdir(), "newsbrief-site-"));
    victims.push(site);
    for (const args of [["build"], ["check"], ["publish", "--to", "hugo", site]]) {
      const result = await run(root, ...args);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain("out  error  `out` is a file, not a folder");
    }
    expect(root.read("out")).toBe("notes\n");
  });

  it("an absolute --out is the folder it names, checked and written alike", async () => {
    const root = await makeProject();
    const before = snapshotTree(root.path("content"));
    // The project's own content/, named by its absolute path: refused, nothing replaced.
    const inside = await run(root, "--out", root.path("content"), "build");
    expect(inside.code, inside.stderr).toBe(2);
    expect(inside.stderr).toContain("[config/out-contains-inputs]");
    expect(snapshotTree(root.path("content"))).toEqual(before);
    // A folder of the file system's root that the project does not have: written there, not under the project.
    const elsewhere = mkdtempSync(path.join(tmpdir(), "newsbrief-out-"));
    victims.push(elsewhere);
    const target = path.join(elsewhere, "site");
    const result = await run(root, "--out", target, "build");
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(target, SLUG, "en.md"), "utf8")).toContain("title:");
    expect(existsSync(root.path(target.slice(1)))).toBe(false);
    expect(snapshotTree(root.path("content"))).toEqual(before);
  });
});

describe("removing a tree", () => {
  it("removes a link, never what it points to, at the top or below", async () => {
    const victim = mkdtempSync(path.join(tmpdir(), "newsbrief-victim-"));
    const tree = mkdtempSync(path.join(tmpdir(), "newsbrief-tree-"));
    victims.push(victim, tree);
    writeFileSync(path.join(victim, "keep.txt"), "precious");
    mkdirSync(path.join(tree, "a"));
    writeFileSync(path.join(tree, "a", "file.txt"), "x");
    symlinkSync(victim, path.join(tree, "a", "link"));
    const top = path.join(tree, "top-link");
    symlinkSync(victim, top);
    await removeTree(top);
    expect(existsSync(top)).toBe(false);
    await removeTree(path.join(tree, "a"));
    expect(existsSync(path.join(tree, "a"))).toBe(false);
    expect(readdirSync(victim)).toEqual(["keep.txt"]);
    await removeTree(path.join(tree, "missing"));
  });
});

describe("concurrent builds", () => {
  it("a second build exits with a clear 'locked' message while one is writing", async () => {
    const root = await makeProject();
    const { lock } = await lockOutputs(projectPaths(root.root));
    try {
      const before = outTree(root);
      const result = await run(root, "build");
      expect(result.code).toBe(75);
      expect(result.stderr).toMatch(new RegExp(`a build is writing out/ \\(process ${process.pid} on `));
      expect(outTree(root)).toEqual(before);
    } finally {
      await lock!.release();
    }
  });

  it("--wait waits for the other build to finish", async () => {
    const root = await makeProject();
    const { lock } = await lockOutputs(projectPaths(root.root));
    setTimeout(() => void lock!.release(), 300);
    const result = await run(root, "build", "--wait", "10");
    expect(result.code, result.stderr).toBe(0);
  });

  // A lock is linked into place with its owner already written: an empty one
  // was never a live build's, and is taken over.
  it("an empty lock left by a build killed while taking it is taken over", async () => {
    const root = await makeProject();
    root.write(".out.lock", "");
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
  });

  it("a lock left by a dead process is taken over", async () => {
    const root = await makeProject();
    root.write(".out.lock", JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), since: "earlier" }));
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
    expect(root.exists(".out.lock")).toBe(false);
  });
});

describe("an input that cannot be read", () => {
  it("is a problem at the file, not an internal error, in every command that reads it", async () => {
    const project = await makeProject();
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    const spy = vi.spyOn(fsq, "readBytes").mockImplementation(async (file: string) => {
      if (file.endsWith(FACTS.split("/").join(path.sep))) throw denied;
      return readFileSync(file);
    });
    try {
      for (const args of [["build"], ["check"], ["migrate"], ["review", "--out", "pages"]]) {
        const result = await run(project, ...args);
        expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(1);
        expect(result.stderr).toContain(`${FACTS}  error  \`${FACTS}\` cannot be read (EACCES)  [content/unreadable]`);
      }
      const text = path.join(project.root, "text.md");
      writeFileSync(text, "Le budget atteint 10 millions d’euros.\n");
      const extracted = await runCli(["extract", text], project.root);
      expect(extracted.code, extracted.stderr).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });
});
