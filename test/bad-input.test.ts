/**
 * Bad inputs, end to end, beyond the report: the exact diagnostics of each
 * broken input are golden cases under test/cases/ (see test/cases.test.ts).
 * Here: a failed build leaves an existing out/, and the whole project,
 * byte-identical; front matter that would run code does not run; BOM and
 * CRLF line endings build the same bytes as LF.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanupProjects,
  digestTree,
  FACTS,
  makeProject,
  PAGE_TEMPLATE,
  replace,
  runCli,
  snapshotTree,
  SOURCE,
  TEMPLATE,
  type CliRun,
  type Overrides,
  type Project,
  reported,
} from "./support/project.ts";

afterAll(() => cleanupProjects({ base: true }));

interface Case {
  name: string;
  /** What breaks the project; a function when the change depends on where the project is. */
  files: Overrides | ((project: Project) => Overrides);
  /** The rule that must be reported. */
  rule: string;
  code: number;
  /** Further checks after the run. */
  then?: (project: Project, run: CliRun) => void;
}

const CASES: Case[] = [
  { name: "a wrong type in facts.yaml", files: { [FACTS]: replace("    value: 544700000\n", '    value: "lots"\n') }, rule: "facts/invalid-type", code: 1 },
  { name: "a rule broken in facts.yaml", files: { [FACTS]: replace("    complete: false\n", "    complete: true\n") }, rule: "facts/breakdown-sum", code: 1 },
  { name: "evidence that is not in the source", files: { [FACTS]: replace(`["60 millions"]`, `["60 millions d’euros"]`) }, rule: "provenance/evidence-not-found", code: 1 },
  { name: "a template error", files: { [TEMPLATE]: replace('{{t "brief.next.register"}}', '{{shout "brief.next.register"}}') }, rule: "template/unknown-helper", code: 1 },
  { name: "a helper named after a property every object has", files: { [TEMPLATE]: replace('{{t "brief.next.register"}}', '{{constructor "brief.next.register"}}') }, rule: "template/unknown-helper", code: 1 },
  { name: "a story text named after a property every object has", files: { [TEMPLATE]: replace('funder=(text "funder") amount', 'funder=(text "constructor") amount') }, rule: "template/unknown-name", code: 1 },
  { name: "a locale error", files: { "locales/en.json": replace('"heading": "Key figures"', '"heading": "Top 10 figures"') }, rule: "locale/digit", code: 1 },
  { name: "a missing page template", files: { [PAGE_TEMPLATE]: null }, rule: "config/missing-file", code: 2 },
  // The page template is checked before any page is rendered, at its own line: not a failed write of out/.
  { name: "a page template that names a value pages do not have", files: { [PAGE_TEMPLATE]: replace("<main>", "<main>{{nope}}") }, rule: "template/page-unknown-name", code: 1, then: (_p, run) => expect(run.stderr).toMatch(/^templates\/page\.html\.hbs:\d+:\d+ {2}error {2}the page template names `nope`/m) },
  { name: "a page template that does not parse", files: { [PAGE_TEMPLATE]: (text) => `${text}{{#each alternates}}\n` }, rule: "template/syntax", code: 1, then: (_p, run) => expect(run.stderr).not.toContain("[out/write-failed]") },
  { name: "a page template with a partial", files: { [PAGE_TEMPLATE]: replace("<main>", "<main>{{> header}}") }, rule: "template/unsupported", code: 1 },
  { name: "a page template that calls a helper", files: { [PAGE_TEMPLATE]: replace("<main>", "<main>{{lookup title 0}}") }, rule: "template/page-helper", code: 1 },
  {
    name: "a brief template that does not parse, at the place the parser stopped and with what it expected",
    files: { [TEMPLATE]: replace('{{t "brief.next.register"}}', '{{#if (has "x"}}{{/if}}') },
    rule: "template/syntax",
    code: 1,
    then: (project, run) => {
      const line = project.read(TEMPLATE).split("\n").findIndex((l) => l.includes('{{#if (has "x"}}')) + 1;
      const column = project.read(TEMPLATE).split("\n")[line - 1]!.indexOf('}}{{/if}}') + 1;
      expect(run.stderr).toContain(`${TEMPLATE}:${line}:${column}  error  Parse error on line ${line}: expected 'OPEN_SEXPR', `);
      expect(run.stderr).toContain(", got 'CLOSE'  [template/syntax]");
    },
  },
  // A parser recurses: thousands of open brackets would exhaust its stack (the reader of plain YAML's,
  // or the engine's while the YAML parser compiles its patterns), and the run would end in an internal error.
  { name: "brackets nested thousands deep in facts.yaml", files: { [FACTS]: (text) => `${text}\nzzz: ${"[".repeat(20000)}${"]".repeat(20000)}\n` }, rule: "yaml/too-deep", code: 1 },
  { name: "brackets nested thousands deep in a locale file", files: { "locales/en.json": replace(/^\{\n/, `{\n  "zzz": ${"[".repeat(20000)}${"]".repeat(20000)},\n`) }, rule: "locale/too-deep", code: 1 },
  { name: "a locale file that only YAML reads (a trailing comma)", files: { "locales/nl.json": replace(/\n\}\n$/, ",\n}\n") }, rule: "locale/syntax", code: 1 },
  { name: "a settings file that only YAML reads (a comment)", files: { "newsbrief.config.json": '{ "lint": {} } # the lint settings\n' }, rule: "json/syntax", code: 1 },
  {
    name: "front matter opened with ---js whose body would run code",
    files: (project) => ({
      [SOURCE]: replace(
        /^---\ntitle: .*\n/,
        `---js\n{ title: (function () { require("fs").writeFileSync(${JSON.stringify(project.path("PWNED"))}, "x"); return "x" })() }\n`,
      ),
    }),
    rule: "front-matter/opener",
    code: 1,
    then: (project) => {
      expect(project.exists("PWNED")).toBe(false);
      expect([...snapshotTree(project.root).keys()].filter((f) => f.split("/").includes("PWNED"))).toEqual([]);
    },
  },
];

describe("a failed build writes nothing: an existing out/, and the rest of the project, stay byte-identical", () => {
  for (const c of CASES) {
    describe(c.name, () => {
      let project: Project;
      let run: CliRun;
      let outBefore: Map<string, Buffer>;
      let treeBefore: Map<string, Buffer>;

      beforeAll(async () => {
        project = await makeProject();
        project.apply(typeof c.files === "function" ? c.files(project) : c.files);
        outBefore = snapshotTree(project.out);
        treeBefore = snapshotTree(project.root);
        run = await runCli(["build"], project.root);
      });
      afterAll(() => cleanupProjects());

      it(`exits with code ${c.code}, reporting [${c.rule}]`, () => {
        expect(run.code, run.stderr).toBe(c.code);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(/\nnewsbrief: nothing was written\.\n$/);
        expect(reported(run.stderr).filter((d) => d.rule === c.rule && d.severity === "error"), run.stderr).not.toEqual([]);
      });

      it("leaves out/ byte-identical, and the rest of the project too", () => {
        expect(outBefore.size).toBe(10);
        expect(digestTree(snapshotTree(project.out))).toEqual(digestTree(outBefore));
        expect(digestTree(snapshotTree(project.root))).toEqual(digestTree(treeBefore));
      });

      if (c.then) {
        const then = c.then;
        it("passes the case's own checks", () => then(project, run));
      }
    });
  }
});

describe("line endings and byte-order marks", () => {
  it("BOM + CRLF in facts.yaml and source.fr.md give the same bytes as LF", async () => {
    const lf = await makeProject();
    const expected = snapshotTree(lf.out);
    expect(expected.size).toBe(10);
    const crlf = await makeProject({
      [FACTS]: (text) => `\ufeff${text.replace(/\n/g, "\r\n")}`,
      [SOURCE]: (text) => `\ufeff${text.replace(/\n/g, "\r\n")}`,
      out: null,
    });
    expect(crlf.readBytes(FACTS).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(crlf.read(SOURCE)).toContain("\r\n---\r\n");
    const result = await runCli(["build", "--no-cache"], crlf.root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(digestTree(snapshotTree(crlf.out))).toEqual(digestTree(expected));
  });
});
