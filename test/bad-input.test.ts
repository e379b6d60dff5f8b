/**
 * Bad inputs, end to end: each case breaks one thing in a copy of the real
 * project, runs `newsbrief build` through the CLI and checks the exit code,
 * the rule id and its exact `file:line:col`, and that nothing was written
 * (out/, and the whole project, byte-identical afterwards).
 *
 * Line and column numbers refer to the real files under content/, templates/
 * and locales/ as they are when the case has been applied.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanupProjects,
  digestTree,
  FACTS,
  makeProject,
  PAGE_TEMPLATE,
  REPO_ROOT,
  replace,
  runCli,
  SLUG,
  snapshotTree,
  SOURCE,
  TEMPLATE,
  type CliRun,
  type Overrides,
  type Project,
  reported,
} from "./support/project.ts";

afterAll(() => cleanupProjects({ base: true }));

const FACTS_TEXT = readFileSync(path.join(REPO_ROOT, FACTS), "utf8");
const SOURCE_TEXT = readFileSync(path.join(REPO_ROOT, SOURCE), "utf8");

/** The `value:` line of the money fact `ai` (facts.yaml line 72; the value starts at column 12). */
const AI_VALUE = "    value: 544700000\n";

interface Expected {
  rule: string;
  /** `file:line:col`, or just `file` when the problem concerns the whole file. */
  at: string;
}

interface Case {
  name: string;
  /** What breaks the project; a function when the change depends on where the project is. */
  files: Overrides | ((project: Project) => Overrides);
  /** Every one of these must be reported, in the same run. */
  expect: readonly Expected[];
  code: number;
  /** Further checks after the run. */
  then?: (project: Project, run: CliRun) => void;
}

const CASES: Case[] = [
  // YAML syntax and refused YAML features.
  {
    name: "malformed YAML (a nested mapping in a compact value)",
    files: { [FACTS]: replace(AI_VALUE, "    value: 544700000: 1\n") },
    expect: [{ rule: "yaml/syntax", at: `${FACTS}:72:12` }],
    code: 1,
  },
  {
    name: "a YAML anchor and alias",
    files: { [FACTS]: replace("      nl: AI\n      en: AI\n", "      nl: &ai AI\n      en: *ai\n") },
    expect: [
      { rule: "yaml/alias", at: `${FACTS}:28:11` },
      { rule: "yaml/alias", at: `${FACTS}:29:11` },
    ],
    code: 1,
  },
  {
    name: "a YAML merge key",
    files: { [FACTS]: replace("    currency: EUR\n" + AI_VALUE, "    <<: { currency: EUR }\n" + AI_VALUE) },
    expect: [{ rule: "yaml/merge-key", at: `${FACTS}:71:5` }],
    code: 1,
  },
  {
    name: "a duplicate YAML key",
    files: { [FACTS]: replace("    currency: EUR\n    value: 1232726898\n", "    currency: EUR\n    currency: USD\n    value: 1232726898\n") },
    expect: [{ rule: "yaml/duplicate-key", at: `${FACTS}:59:5` }],
    code: 1,
  },
  {
    name: "a custom YAML tag !!js/function",
    files: { [FACTS]: replace(AI_VALUE, "    value: !!js/function 'function () { return 1 }'\n") },
    expect: [{ rule: "yaml/tag", at: `${FACTS}:72:12` }],
    code: 1,
  },

  // The shape of facts.yaml.
  {
    name: "a wrong type: a text as a money value",
    files: { [FACTS]: replace(AI_VALUE, '    value: "lots"\n') },
    expect: [{ rule: "facts/invalid-type", at: `${FACTS}:72:12` }],
    code: 1,
  },
  {
    name: "a misspelled key: the unknown key and the missing field in one run",
    files: { [FACTS]: replace(AI_VALUE, "    valeu: 544700000\n") },
    expect: [
      { rule: "facts/unknown-key", at: `${FACTS}:72:5` },
      // A missing field is reported at the mapping that lacks it: the fact `ai`, from `id:` on line 69.
      { rule: "facts/missing-field", at: `${FACTS}:69:5` },
    ],
    code: 1,
  },
  {
    name: "a duplicated id",
    files: { [FACTS]: replace("  - id: digital-solutions\n", "  - id: ai\n") },
    expect: [{ rule: "facts/duplicate-id", at: `${FACTS}:80:9` }],
    code: 1,
  },
  {
    name: "value: .nan",
    files: { [FACTS]: replace(AI_VALUE, "    value: .nan\n") },
    expect: [{ rule: "facts/invalid-type", at: `${FACTS}:72:12` }],
    code: 1,
  },
  {
    name: "value: .inf",
    files: { [FACTS]: replace(AI_VALUE, "    value: .inf\n") },
    expect: [{ rule: "facts/invalid-type", at: `${FACTS}:72:12` }],
    code: 1,
  },
  {
    name: "a value out of range (1e16)",
    files: { [FACTS]: replace(AI_VALUE, "    value: 1e16\n") },
    expect: [{ rule: "facts/out-of-range", at: `${FACTS}:72:12` }],
    code: 1,
  },
  {
    name: "an unknown fact type",
    files: { [FACTS]: replace("  - id: ai\n    type: money\n", "  - id: ai\n    type: moneys\n") },
    expect: [{ rule: "facts/invalid-value", at: `${FACTS}:70:11` }],
    code: 1,
  },
  {
    name: "an unknown editorial template",
    files: { [FACTS]: replace("  template: funding-announcement\n", "  template: funding-announcment\n") },
    expect: [{ rule: "facts/unknown-template", at: `${FACTS}:10:13` }],
    code: 1,
  },

  // Cross-field rules.
  {
    name: "a year range that ends before it starts",
    files: { [FACTS]: replace("    value: [2025, 2027]\n", "    value: [2027, 2025]\n") },
    expect: [{ rule: "facts/invalid-range", at: `${FACTS}:137:12` }],
    code: 1,
  },
  {
    name: "a complete breakdown that does not add up",
    files: { [FACTS]: replace("    complete: false\n", "    complete: true\n") },
    expect: [{ rule: "facts/breakdown-sum", at: `${FACTS}:157:15` }],
    code: 1,
  },
  {
    name: "a partial breakdown exceeding its total",
    files: { [FACTS]: replace("    value: 1232726898\n", "    value: 1000000000\n") },
    expect: [{ rule: "facts/breakdown-exceeds-total", at: `${FACTS}:158:12` }],
    code: 1,
  },
  {
    name: "a breakdown naming an unknown fact",
    files: { [FACTS]: replace("    parts: [ai, digital-solutions", "    parts: [aii, digital-solutions") },
    expect: [{ rule: "facts/unknown-reference", at: `${FACTS}:158:13` }],
    code: 1,
  },
  {
    name: "a quote translation whose `translated-from` was removed",
    // The nl text becomes `{ text: … }`: the shape lacks `translated-from`, reported at that mapping (line 171 once line 171 is gone).
    files: { [FACTS]: replace('      nl:\n        translated-from: fr\n        text: "Het', '      nl:\n        text: "Het') },
    expect: [{ rule: "facts/missing-field", at: `${FACTS}:171:9` }],
    code: 1,
  },
  {
    name: "a quote translation written as plain text",
    files: { [FACTS]: replace('      nl:\n        translated-from: fr\n        text: "Het', '      nl: "Het') },
    expect: [{ rule: "facts/quote-translation", at: `${FACTS}:170:11` }],
    code: 1,
  },

  // Templates.
  {
    name: "a template naming an unknown fact",
    // Line 3: `# {{t "brief.headline" funder=(text "funder") amount=(figure "totl") …`; the sub-expression opens at column 54.
    files: { [TEMPLATE]: replace('amount=(figure "total") topics=', 'amount=(figure "totl") topics=') },
    expect: [{ rule: "template/unknown-name", at: `${TEMPLATE}:3:54` }],
    code: 1,
  },
  {
    name: "a template using an unknown helper",
    files: { [TEMPLATE]: replace('{{t "brief.next.register"}}', '{{shout "brief.next.register"}}') },
    expect: [{ rule: "template/unknown-helper", at: `${TEMPLATE}:34:1` }],
    code: 1,
  },
  {
    name: "a digit typed into a template, at the start of a line",
    // Line 12 follows the standalone `{{#each …}}` line: the text starts on line 12.
    files: { [TEMPLATE]: replace("- {{t \"brief.keyFigures.item\"", "1. {{t \"brief.keyFigures.item\"") },
    expect: [{ rule: "template/digit", at: `${TEMPLATE}:12:1` }],
    code: 1,
  },
  {
    name: "a digit typed into a template, inside a line",
    // `## 2. {{t "brief.next.heading"}}`: the digit is line 31, column 4.
    files: { [TEMPLATE]: replace('## {{t "brief.next.heading"}}', '## 2. {{t "brief.next.heading"}}') },
    expect: [{ rule: "template/digit", at: `${TEMPLATE}:31:4` }],
    code: 1,
  },
  {
    name: "a Handlebars syntax error",
    files: { [TEMPLATE]: replace('{{t "brief.next.register"}}', '{{t "brief.next.register"}') },
    expect: [{ rule: "template/syntax", at: `${TEMPLATE}:34:1` }],
    code: 1,
  },

  // Locales.
  {
    name: "a locale missing a key the others have",
    files: {
      "locales/nl.json": replace(
        '"De volgende aanbestedingen worden verwacht in {{month}}.",\n      "register": "Bedrijven kunnen zich daarna inschrijven om in aanmerking te komen voor subsidies."\n',
        '"De volgende aanbestedingen worden verwacht in {{month}}."\n',
      ),
    },
    // A key that is not there has no position: the whole file is named.
    expect: [{ rule: "locale/missing-key", at: "locales/nl.json" }],
    code: 1,
    then: (_project, run) => expect(run.stderr).toContain("`brief.next.register`"),
  },
  {
    name: "a locale message with a digit",
    files: { "locales/en.json": replace('"heading": "Key figures"', '"heading": "Top 10 figures"') },
    expect: [{ rule: "locale/digit", at: "locales/en.json:10:18" }],
    code: 1,
  },
  {
    name: "a locale placeholder differing from the other locales",
    files: { "locales/en.json": replace('"Source: {{publisher}}."', '"Source: {{publishr}}."') },
    expect: [
      { rule: "locale/placeholders", at: "locales/en.json:27:17" },
      { rule: "locale/placeholders", at: "locales/fr.json:27:17" },
      { rule: "locale/placeholders", at: "locales/nl.json:27:17" },
    ],
    code: 1,
  },
  {
    name: "a French plural missing its `many` form",
    // Once line 42 (`plain_many`) is gone, `plain_other` is line 42 and its text starts at column 22.
    files: { "locales/fr.json": replace(/^ {6}"plain_many": .*\n/m, "") },
    expect: [{ rule: "locale/missing-plural", at: "locales/fr.json:42:22" }],
    code: 1,
    then: (_project, run) => expect(run.stderr).toContain("figure.money.plain_many"),
  },

  // The source's front matter.
  {
    name: "front matter opened with ---js whose body would run code",
    files: (project) => ({
      [SOURCE]: replace(
        /^---\ntitle: .*\n/,
        `---js\n{ title: (function () { require("fs").writeFileSync(${JSON.stringify(project.path("PWNED"))}, "x"); return "x" })() }\n`,
      ),
    }),
    expect: [{ rule: "front-matter/opener", at: `${SOURCE}:1:1` }],
    code: 1,
    then: (project) => {
      expect(project.exists("PWNED")).toBe(false);
      expect([...snapshotTree(project.root).keys()].filter((f) => f.split("/").includes("PWNED"))).toEqual([]);
    },
  },
  {
    name: "front matter never closed",
    files: { [SOURCE]: replace("publisher: Europese Commissie\n---\n", "publisher: Europese Commissie\n") },
    expect: [{ rule: "front-matter/unclosed", at: `${SOURCE}:1:1` }],
    code: 1,
  },
  {
    name: "a source whose front matter says lang: nl",
    files: { [SOURCE]: replace("\nlang: fr\n", "\nlang: nl\n") },
    expect: [{ rule: "front-matter/invalid-value", at: `${SOURCE}:3:7` }],
    code: 1,
  },

  // Files and folders.
  {
    name: "a content folder named Bad_Slug",
    files: { "content/Bad_Slug/facts.yaml": FACTS_TEXT, "content/Bad_Slug/source.fr.md": SOURCE_TEXT, [`content/${SLUG}`]: null },
    expect: [{ rule: "content/invalid-slug", at: "content/Bad_Slug/facts.yaml" }],
    code: 1,
  },
  {
    name: "a content folder named a..b",
    files: { "content/a..b/facts.yaml": FACTS_TEXT, "content/a..b/source.fr.md": SOURCE_TEXT, [`content/${SLUG}`]: null },
    expect: [{ rule: "content/invalid-slug", at: "content/a..b/facts.yaml" }],
    code: 1,
  },
  {
    name: "invalid UTF-8 bytes in facts.yaml",
    // A 0xFF byte right after `version: 1`, which ends at byte 311 (the comments above hold multi-byte characters).
    files: { [FACTS]: insertBytes(FACTS_TEXT, "version: 1", [0xff]) },
    expect: [{ rule: "content/encoding", at: FACTS }],
    code: 1,
    then: (_project, run) => expect(run.stderr).toContain("invalid UTF-8 at byte 311"),
  },
  {
    name: "a NUL byte in facts.yaml",
    files: { [FACTS]: replace(AI_VALUE, "    value: \u0000544700000\n") },
    expect: [{ rule: "content/nul", at: `${FACTS}:72:12` }],
    code: 1,
  },
  {
    name: "a missing source.fr.md",
    files: { [SOURCE]: null },
    expect: [{ rule: "content/missing-file", at: SOURCE }],
    code: 1,
  },
  {
    name: "a missing page template",
    files: { [PAGE_TEMPLATE]: null },
    expect: [{ rule: "config/missing-file", at: PAGE_TEMPLATE }],
    code: 2,
  },
  {
    name: "a missing locales/ folder",
    files: { locales: null },
    expect: [{ rule: "config/missing-folder", at: "locales" }],
    code: 2,
  },
];

/** The text with `bytes` inserted right after the first `after`. */
function insertBytes(text: string, after: string, bytes: readonly number[]): Buffer {
  const at = text.indexOf(after);
  if (at === -1) throw new Error(`${after} is not in the text`);
  const split = at + after.length;
  return Buffer.concat([Buffer.from(text.slice(0, split), "utf8"), Buffer.from(bytes), Buffer.from(text.slice(split), "utf8")]);
}

describe("bad inputs: `newsbrief build` reports them, exits non-zero and writes nothing", () => {
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

      it(`exits with code ${c.code}`, () => {
        expect(run.code, run.stderr).toBe(c.code);
        expect(run.stdout).toBe("");
        expect(run.stderr).toMatch(/\nnewsbrief: nothing was written\.\n$/);
      });

      for (const e of c.expect) {
        it(`reports [${e.rule}] as an error`, () => {
          expect(reported(run.stderr).filter((d) => d.rule === e.rule && d.severity === "error"), run.stderr).not.toEqual([]);
        });
        it(`reports [${e.rule}] at ${e.at}`, () => {
          const found = reported(run.stderr).filter((d) => d.rule === e.rule);
          expect(found.map((d) => d.at), run.stderr).toContain(e.at);
          expect(run.stderr).toContain(`${e.at}  error  `);
        });
      }

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

describe("every problem of a run is reported at once", () => {
  let project: Project;
  let run: CliRun;
  let outBefore: Map<string, Buffer>;

  beforeAll(async () => {
    project = await makeProject({
      [FACTS]: replace(AI_VALUE, '    value: "lots"\n'),
      "locales/en.json": replace('"heading": "Key figures"', '"heading": "Top 10 figures"'),
      [TEMPLATE]: replace('{{t "brief.next.register"}}', '{{shout "brief.next.register"}}'),
    });
    outBefore = snapshotTree(project.out);
    run = await runCli(["build"], project.root);
  });
  afterAll(() => cleanupProjects());

  it("exits 1 and writes nothing", () => {
    expect(run.code, run.stderr).toBe(1);
    expect(digestTree(snapshotTree(project.out))).toEqual(digestTree(outBefore));
  });

  it("reports the locale and template problems, sorted by file", () => {
    const found = reported(run.stderr).map((d) => `${d.at} [${d.rule}]`);
    const locale = found.indexOf("locales/en.json:10:18 [locale/digit]");
    const template = found.indexOf(`${TEMPLATE}:34:1 [template/unknown-helper]`);
    expect(locale, run.stderr).toBeGreaterThanOrEqual(0);
    expect(template, run.stderr).toBeGreaterThan(locale);
  });

  // Bug: src/pipeline.ts renderAll() returns as soon as the locales or the
  // templates have errors, before any article is loaded, so problems in
  // facts.yaml are only reported in a later run.
  it("reports the facts.yaml, locale and template problems in one run, sorted by file then line", () => {
    const found = reported(run.stderr).map((d) => `${d.at} [${d.rule}]`);
    expect(found, run.stderr).toEqual([
      `${FACTS}:72:12 [facts/invalid-type]`,
      "locales/en.json:10:18 [locale/digit]",
      `${TEMPLATE}:34:1 [template/unknown-helper]`,
    ]);
  });

  it("reports problems in facts.yaml and source.fr.md together, sorted by file", async () => {
    const both = await makeProject({
      [SOURCE]: replace("\nlang: fr\n", "\nlang: nl\n"),
      [FACTS]: replace(AI_VALUE, '    value: "lots"\n'),
    });
    const result = await runCli(["build"], both.root);
    expect(result.code, result.stderr).toBe(1);
    expect(reported(result.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual([`${FACTS}:72:12 [facts/invalid-type]`, `${SOURCE}:3:7 [front-matter/invalid-value]`]);
  });

  it("sorts several problems of one file by line", async () => {
    // Written bottom first, so that an unsorted report would list line 137 first.
    const two = await makeProject({
      [FACTS]: (text) => replace(AI_VALUE, '    value: "lots"\n')(replace("    value: [2025, 2027]\n", '    value: "2025-2027"\n')(text)),
    });
    const result = await runCli(["build"], two.root);
    expect(result.code, result.stderr).toBe(1);
    expect(reported(result.stderr).map((d) => `${d.at} [${d.rule}]`)).toEqual([`${FACTS}:72:12 [facts/invalid-type]`, `${FACTS}:137:12 [facts/invalid-type]`]);
  });
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
