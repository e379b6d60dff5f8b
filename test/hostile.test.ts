import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.ts";
import { lockOutputs, projectPaths } from "../src/io.ts";
import { ROOT, SLUG } from "./support/fixtures.ts";

const FACTS = `content/${SLUG}/facts.yaml`;
const SOURCE = `content/${SLUG}/source.fr.md`;
const TEMPLATE = "templates/funding-announcement.md.hbs";
const pristine = mkdtempSync(path.join(tmpdir(), "newsbrief-hostile-base-"));
const scratch: string[] = [pristine];

beforeAll(async () => {
  for (const dir of ["content", "templates", "locales", "out"]) cpSync(path.join(ROOT, dir), path.join(pristine, dir), { recursive: true });
});
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh copy of the project with a valid, built out/. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "newsbrief-hostile-"));
  scratch.push(dir);
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = path.join(dir, name);
    try {
      files.set(name, createHash("sha256").update(readFileSync(full)).digest("hex"));
    } catch {
      files.set(name, "(folder)");
    }
  }
  return files;
}

async function run(root: string, ...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main({ argv: ["--root", root, ...args], cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), "utf8");
const write = (root: string, file: string, text: string | Buffer) => writeFileSync(path.join(root, file), text);
const edit = (root: string, file: string, from: string | RegExp, to: string) => {
  const before = read(root, file);
  const after = before.replace(from, to);
  expect(after, `${file}: the edit applies`).not.toBe(before);
  write(root, file, after);
};

interface Case {
  name: string;
  break(root: string): void;
  rule: string;
  /** `file:line:col` or just `file` when the problem concerns the whole file. */
  at: string;
  code: number;
}

const CASES: Case[] = [
  { name: "invalid UTF-8, with its byte offset", break: (r) => write(r, FACTS, Buffer.concat([Buffer.from("version: 1\n# caf"), Buffer.from([0xc3, 0x28]), Buffer.from("\n")])), rule: "content/encoding", at: FACTS, code: 1 },
  { name: "a NUL byte", break: (r) => edit(r, FACTS, "version: 1", "version: 1\0"), rule: "content/nul", at: `${FACTS}:5:11`, code: 1 },
  { name: "a YAML alias bomb", break: (r) => write(r, FACTS, 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'), rule: "yaml/alias", at: `${FACTS}:1:4`, code: 1 },
  { name: "__proto__ pollution through a merge key", break: (r) => edit(r, FACTS, "version: 1", "version: 1\n<<: { __proto__: { polluted: true } }"), rule: "yaml/merge-key", at: `${FACTS}:6:1`, code: 1 },
  { name: "a custom tag", break: (r) => edit(r, FACTS, "value: 544700000", "value: !!js/function 'function () { return 1 }'"), rule: "yaml/tag", at: `${FACTS}:72:12`, code: 1 },
  { name: "an explicit standard tag", break: (r) => edit(r, FACTS, "value: 544700000", "value: !!int 544700000"), rule: "yaml/tag", at: `${FACTS}:72:12`, code: 1 },
  { name: "a duplicate key", break: (r) => edit(r, FACTS, "value: 544700000", "value: 544700000\n    value: 547400000"), rule: "yaml/duplicate-key", at: `${FACTS}:73:5`, code: 1 },
  { name: "front matter opened with ---js", break: (r) => edit(r, SOURCE, /^---\n/, "---js\n"), rule: "front-matter/opener", at: `${SOURCE}:1:1`, code: 1 },
  { name: "front matter opened with ---javascript", break: (r) => edit(r, SOURCE, /^---\n/, "---javascript\n"), rule: "front-matter/opener", at: `${SOURCE}:1:1`, code: 1 },
  { name: "front matter opened with --- coffee", break: (r) => edit(r, SOURCE, /^---\n/, "--- coffee\n"), rule: "front-matter/opener", at: `${SOURCE}:1:1`, code: 1 },
  { name: "front matter opened with ;;;", break: (r) => edit(r, SOURCE, /^---\n/, ";;;\n"), rule: "front-matter/missing", at: `${SOURCE}:1:1`, code: 1 },
  { name: "front matter never closed", break: (r) => write(r, SOURCE, "---\ntitle: x\nlang: fr\n\nLe texte.\n"), rule: "front-matter/unclosed", at: `${SOURCE}:1:1`, code: 1 },
  { name: "a front matter alias", break: (r) => edit(r, SOURCE, "lang: fr", "lang: &l fr\ncategory: *l"), rule: "yaml/alias", at: `${SOURCE}:3:7`, code: 1 },
  { name: "a file above the size limit, refused before it is read", break: (r) => write(r, SOURCE, `${read(r, SOURCE)}${"x".repeat(1024 * 1024)}`), rule: "content/too-large", at: SOURCE, code: 1 },
  { name: "a text field above its length limit", break: (r) => edit(r, FACTS, "fr: l’intelligence artificielle", `fr: ${"a".repeat(1001)}`), rule: "facts/out-of-range", at: `${FACTS}:75:11`, code: 1 },
  { name: "a symbolic link in place of facts.yaml", break: (r) => { rmSync(path.join(r, FACTS)); symlinkSync("/etc/hostname", path.join(r, FACTS)); }, rule: "content/not-a-file", at: FACTS, code: 1 },
  { name: "a symbolic link as an article folder", break: (r) => symlinkSync(path.join(r, "content", SLUG), path.join(r, "content", "linked")), rule: "content/symlink", at: "content/linked", code: 1 },
  { name: "a slug with a dot", break: (r) => cpSync(path.join(r, "content", SLUG), path.join(r, "content", "a..b"), { recursive: true }), rule: "content/invalid-slug", at: "content/a..b/facts.yaml", code: 1 },
  { name: "a template with an unknown partial", break: (r) => edit(r, TEMPLATE, "## {{t \"brief.next.heading\"}}", "{{> evil}}"), rule: "template/unsupported", at: `${TEMPLATE}:31:1`, code: 1 },
  { name: "a template that reads data without a helper", break: (r) => edit(r, TEMPLATE, "{{t \"brief.next.register\"}}", "{{facts}}"), rule: "template/unknown-helper", at: `${TEMPLATE}:34:1`, code: 1 },
  { name: "an empty translation", break: (r) => edit(r, "locales/nl.json", "\"Citaat\"", "\"\""), rule: "locale/empty", at: "locales/nl.json:17:18", code: 1 },
  { name: "a translation that is not a text", break: (r) => edit(r, "locales/en.json", "\"Quote\"", "[\"Quote\"]"), rule: "locale/invalid-value", at: "locales/en.json:17:18", code: 1 },
  { name: "i18next nesting in a message", break: (r) => edit(r, "locales/en.json", "\"Quote\"", "\"$t(brief.headline)\""), rule: "locale/unsupported", at: "locales/en.json:17:18", code: 1 },
  { name: "a javascript: URL in the source front matter", break: (r) => edit(r, SOURCE, "lang: fr", "lang: fr\nurl: javascript:alert(1)"), rule: "front-matter/invalid-format", at: `${SOURCE}:4:6`, code: 1 },
  { name: "an output folder that contains the inputs", break: () => undefined, rule: "config/out-contains-inputs", at: ".", code: 2 },
];

describe("hostile and broken inputs", () => {
  it.each(CASES)("$name → [$rule] at $at, exit $code, out/ unchanged", async (c) => {
    const root = project();
    c.break(root);
    const before = tree(path.join(root, "out"));
    const args = c.rule === "config/out-contains-inputs" ? ["--out", ".", "build"] : ["build"];
    const result = await run(root, ...args);
    expect(result.code, result.stderr).toBe(c.code);
    const line = result.stderr.split("\n").find((l) => l.includes(`[${c.rule}]`));
    expect(line, result.stderr).toBeDefined();
    expect(line!.startsWith(`${c.at}  error  `), line).toBe(true);
    expect(tree(path.join(root, "out"))).toEqual(before);
    expect(existsSync(path.join(root, "polluted"))).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("content is text, escaped exactly once", () => {
  const HOSTILE = `<script>alert("x")</script> & 'q' "d" [a](javascript:alert(x)) **b** _i_ \`c\` # h http://evil.example`;

  it("hostile dataset text shows as text in Markdown and HTML", async () => {
    const root = project();
    edit(root, FACTS, "fr: l’intelligence artificielle", `fr: '${HOSTILE.replace(/'/g, "''")}'`);
    edit(root, FACTS, "speaker: Henna Virkkunen", `speaker: '${HOSTILE.replace(/'/g, "''")}'`);
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
    const html = read(root, `out/${SLUG}/fr.html`);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).not.toContain("&amp;amp;");
    expect(html).not.toContain("&amp;lt;");
    expect(html).toContain(`&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'q' "d" [a](javascript:alert(x)) **b** _i_ \`c\` # h http://evil.example`);
    expect(html).not.toMatch(/<a href="http:\/\/evil/);
    const md = read(root, `out/${SLUG}/fr.md`);
    expect(md).toContain("\\<script\\>");
    expect(md).not.toMatch(/(^|[^\\])<script>/);
  });

  it("pathological Markdown in a dataset field renders literally and quickly", async () => {
    const root = project();
    edit(root, FACTS, "speaker: Henna Virkkunen", `speaker: '${"*_[".repeat(300)}'`);
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
    expect(read(root, `out/${SLUG}/en.html`)).toContain("*_[*_[*_[");
  });

  it("BOM and CRLF line endings are accepted and give the same outputs", async () => {
    const root = project();
    const before = tree(path.join(root, "out"));
    for (const file of [FACTS, SOURCE]) write(root, file, `\ufeff${read(root, file).replace(/\n/g, "\r\n")}`);
    const result = await run(root, "build", "--no-cache");
    expect(result.code, result.stderr).toBe(0);
    expect(tree(path.join(root, "out"))).toEqual(before);
  });
});

describe("writes stay inside out/", () => {
  it("a symbolic link planted in out/ is replaced, and its target is never written", async () => {
    const root = project();
    const victim = mkdtempSync(path.join(tmpdir(), "newsbrief-victim-"));
    scratch.push(victim);
    writeFileSync(path.join(victim, "en.md"), "precious");
    rmSync(path.join(root, "out", SLUG), { recursive: true });
    symlinkSync(victim, path.join(root, "out", SLUG));
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(victim)).toEqual(["en.md"]);
    expect(readFileSync(path.join(victim, "en.md"), "utf8")).toBe("precious");
    expect(read(root, `out/${SLUG}/en.md`)).toContain("title:");
  });
});

describe("concurrent builds", () => {
  it("a second build exits with a clear 'locked' message while one is writing", async () => {
    const root = project();
    const { lock } = await lockOutputs(projectPaths(root));
    try {
      const before = tree(path.join(root, "out"));
      const result = await run(root, "build");
      expect(result.code).toBe(75);
      expect(result.stderr).toMatch(new RegExp(`another build is writing out/ \\(process ${process.pid} on `));
      expect(tree(path.join(root, "out"))).toEqual(before);
    } finally {
      await lock!.release();
    }
  });

  it("--wait waits for the other build to finish", async () => {
    const root = project();
    const { lock } = await lockOutputs(projectPaths(root));
    setTimeout(() => void lock!.release(), 300);
    const result = await run(root, "build", "--wait", "10");
    expect(result.code, result.stderr).toBe(0);
  });

  it("a lock left by a dead process is taken over", async () => {
    const root = project();
    mkdirSync(root, { recursive: true });
    writeFileSync(path.join(root, ".out.lock"), JSON.stringify({ pid: 2 ** 22 + 17, host: (await import("node:os")).hostname(), since: "earlier" }));
    const result = await run(root, "build");
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(root, ".out.lock"))).toBe(false);
  });
});
