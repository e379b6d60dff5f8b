/**
 * The quick reader of plain YAML against the YAML parser: whenever the quick
 * reader gives a value, it is the parser's value, and the parser finds
 * nothing wrong with the text; anything else is left to the parser.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { readPlainYaml } from "../src/content/yaml-plain.ts";
import { MAX_NESTING, parseJson, parseYaml } from "../src/content/yaml.ts";

const TEST_DIR = path.dirname(new URL(import.meta.url).pathname);

/** What the YAML parser makes of a text, with the options of `parseYaml`. */
function parser(text: string): { value: unknown; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false, schema: "core", strict: true, intAsBigInt: false, logLevel: "silent" });
  return { value: doc.toJS({ maxAliasCount: 0 }), problems: [...doc.errors, ...doc.warnings].map((e) => e.code) };
}

function agrees(text: string): boolean {
  const quick = readPlainYaml(text);
  if (quick === undefined) return false;
  const full = parser(text);
  expect(full.problems, text).toEqual([]);
  expect(quick.value, text).toStrictEqual(full.value);
  return true;
}

function filesUnder(dir: string, pick: (name: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => pick(name))
    .sort()
    .map((name) => path.join(dir, name));
}

describe("readPlainYaml", () => {
  it("reads every facts file and front matter of the test projects as the YAML parser does, and most of them at all", () => {
    const texts = [
      ...filesUnder(path.join(TEST_DIR, "cases"), (n) => n.endsWith(".yaml")).map((f) => readFileSync(f, "utf8")),
      ...filesUnder(path.join(TEST_DIR, "fixtures"), (n) => n.endsWith(".yaml")).map((f) => readFileSync(f, "utf8")),
      ...filesUnder(path.join(TEST_DIR, "cases"), (n) => n.endsWith(".md"))
        .map((f) => /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(f, "utf8"))?.[1])
        .filter((t): t is string => t !== undefined),
    ];
    expect(texts.length).toBeGreaterThan(100);
    const read = texts.filter(agrees).length;
    // The test projects hold broken files on purpose; the well-formed ones are the great majority.
    expect(read / texts.length).toBeGreaterThan(0.8);
  });

  it("reads a facts file of every shape the project writes", () => {
    const text = [
      "# A comment",
      "version: 2",
      "",
      "editorial:",
      '  date: "2024-01-01"',
      "  template: statistics-release # the type",
      "story:",
      "  publisher: { fr: Statbel, nl: Statbel, en: Statbel }",
      "facts:",
      '  - { id: indicator, type: percent, value: 1.90, decimals: 2, evidence: ["1,90 %"] }',
      "  - id: period",
      "    type: month",
      "    label:",
      "      fr: le mois de référence",
      "      nl: 'de ''referentiemaand'''",
      "    evidence:",
      "    - novembre 2026",
      "ignore:",
      '- { text: "un an", reason: "« sur un an »: the comparison" }',
      "empty:",
      "list: []",
    ].join("\n");
    expect(readPlainYaml(text)).toStrictEqual({
      value: {
        version: 2,
        editorial: { date: "2024-01-01", template: "statistics-release" },
        story: { publisher: { fr: "Statbel", nl: "Statbel", en: "Statbel" } },
        facts: [
          { id: "indicator", type: "percent", value: 1.9, decimals: 2, evidence: ["1,90 %"] },
          { id: "period", type: "month", label: { fr: "le mois de référence", nl: "de 'referentiemaand'" }, evidence: ["novembre 2026"] },
        ],
        ignore: [{ text: "un an", reason: "« sur un an »: the comparison" }],
        empty: null,
        list: [],
      },
    });
    expect(agrees(text)).toBe(true);
  });

  it.each([
    ["a tab", "a:\tb"],
    ["a carriage return", "a: b\r\nc: d"],
    ["a scalar over two lines", "a: one\n  two"],
    ["a block scalar", "a: |\n  text"],
    ["a folded scalar", "a: >\n  text"],
    ["an anchor and an alias", "a: &x 1\nb: *x"],
    ["a tag", "a: !!str 1"],
    ["a repeated key", "a: 1\na: 2"],
    ["a repeated key in a flow map", "a: { b: 1, b: 2 }"],
    ["a __proto__ key", "__proto__: 1"],
    ["a merge key", "a: { b: 1 }\n<<: { c: 2 }"],
    ["a key that reads as a number", "2024: x"],
    ["a key that reads as null", "null: x"],
    ["a flow map over two lines", "a: { b: 1,\n  c: 2 }"],
    ["a quoted scalar over two lines", 'a: "one\n  two"'],
    ["a bad escape", 'a: "\\q"'],
    ["a document marker", "---\na: 1"],
    ["an empty text", ""],
    ["a lone scalar", "text"],
    ["a key inside a value", "a: b: c"],
    ["a wrong indentation", "a:\n    b: 1\n  c: 2"],
    ["a trailing comma", "a: [1, 2, ]"],
    ["text after a quote", 'a: "b" c'],
    ["a byte-order mark", "\ufeffa: 1"],
  ])("leaves %s to the YAML parser", (_what, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it("resolves plain scalars as the core schema does", () => {
    for (const plain of ["~", "null", "Null", "NULL", "true", "True", "FALSE", "0o17", "0x1F", "007", "-0", "+5", "1e3", "-1.5E-2", ".5", "5.", "+.inf", "-.Inf", ".nan", ".NaN", "2024-01-01", "12:30", "a#b", "yes", "0b101", "1_000", "0x", "-", "é"]) {
      const text = `a: ${plain}\nb: [${plain}]`;
      if (readPlainYaml(text) !== undefined) expect(agrees(text)).toBe(true);
    }
    expect(readPlainYaml("a: -0")?.value).toStrictEqual({ a: -0 });
    expect(readPlainYaml("a: .NaN")?.value).toStrictEqual({ a: NaN });
  });

  it("keeps no-break spaces, which YAML does not count as white space", () => {
    const text = "a: mois\u00a0\nb: [ x\u00a0, \u00a0y ]";
    expect(readPlainYaml(text)?.value).toStrictEqual({ a: "mois\u00a0", b: ["x\u00a0", "\u00a0y"] });
    expect(agrees(text)).toBe(true);
  });

  it("agrees with the YAML parser on generated documents, and reads many of them", () => {
    const tricky = fc.oneof(
      fc.constantFrom("a:b", "a: b", "a #b", "-", "- a", "?a", ":a", "? a", "&a", "*a", "!a", "|", ">", "%", "@", "`", "[", "]", "{", "}", ",", "a,b", "'", '"', " a", "a ", "null", "0o7", "0x1f", "1e3", "+.inf", ".NaN", "-0", "2024", "true"),
      fc.string({ unit: fc.constantFrom("a", "é", " ", ":", "#", "-", ",", "[", "]", "{", "}", "'", '"', "\\", "0", "x", ".", "e", "+", "\u00a0"), maxLength: 6 }),
    );
    const safe = fc.constantFrom("a", "x y", "id", "le mois de référence", "1.90", "-0.19", "007", "838", "é", "«\u00a0a\u00a0»", "mois\u00a0", "12:30", "a#b", "~", "True", "2024-01-01", "R&D", "a, b", "50 %");
    const token = fc.oneof({ weight: 4, arbitrary: safe }, { weight: 1, arbitrary: tricky });
    const quoted = fc.oneof(
      token.map((t) => `'${t.replaceAll("'", "''")}'`),
      token.map((t) => `'${t}'`),
      fc.array(fc.oneof(token, fc.constantFrom("\\n", "\\x41", "\\u00e9", "\\_", "\\q", "\\", "\\U0001F600", "\\uD83D", "\\x4", "\\U00110000", '\\"', "\\/")), { maxLength: 3 }).map((parts) => `"${parts.join("")}"`),
    );
    const space = fc.constantFrom(" ", " ", "", "  ");
    const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("a", "b", "id", "x-y", "a.b", "é1", "c_d", "value") }, { weight: 1, arbitrary: fc.constantFrom("2", "null", "a b", "__proto__", "<<", "é") });
    const flow: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        token,
        quoted,
        fc.tuple(fc.array(fc.tuple(key, tie("value")), { maxLength: 3 }), space).map(([items, s]) => `{${s}${items.map(([k, v]) => `${k}: ${v}`).join(`,${s}`)}${s}}`),
        fc.tuple(fc.array(tie("value"), { maxLength: 3 }), space).map(([items, s]) => `[${s}${items.join(`,${s}`)}${s}]`),
      ),
    })).value;
    const comment = fc.constantFrom("", "", "", " # note", "#no");
    type Tree = { inline: string } | { map: Array<[string, Tree, boolean]> } | { seq: Tree[] };
    const tree = fc.letrec<{ node: Tree; block: Tree }>((tie) => ({
      node: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.tuple(flow, comment).map(([v, c]) => ({ inline: `${v}${c}` })), tie("block")),
      block: fc.oneof(
        fc.array(fc.tuple(key, tie("node"), fc.boolean()), { minLength: 1, maxLength: 4 }).map((map) => ({ map })),
        fc.array(tie("node"), { minLength: 1, maxLength: 4 }).map((seq) => ({ seq })),
      ),
    }));
    const render = (node: Tree, n: number): string[] => {
      const pad = " ".repeat(n);
      if ("inline" in node) return [`${pad}${node.inline}`];
      if ("map" in node) {
        return node.map.flatMap(([k, child, flag]) => {
          if ("inline" in child) return [`${pad}${k}: ${child.inline}`];
          return [`${pad}${k}:`, ...render(child, "seq" in child && flag ? n : n + 2)];
        });
      }
      return node.seq.flatMap((child) => {
        if ("inline" in child) return [`${pad}- ${child.inline}`];
        const lines = render(child, n + 2);
        return "map" in child ? [`${pad}- ${lines[0]!.slice(n + 2)}`, ...lines.slice(1)] : [`${pad}-`, ...lines];
      });
    };
    // Now and then a line moves, or a blank or comment line comes in.
    const noise = fc.array(fc.tuple(fc.nat(), fc.constantFrom("", "# c", "  # c", " ", "MOVE")), { maxLength: 2 });
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(tree.block, noise, (root, changes) => {
        runs++;
        const lines = render(root, 0);
        for (const [at, what] of changes) {
          const i = at % (lines.length + 1);
          if (what === "MOVE") {
            if (i < lines.length) lines[i] = ` ${lines[i]}`;
          } else lines.splice(i, 0, what);
        }
        if (agrees(lines.join("\n"))) read++;
      }),
      { numRuns: 3000 },
    );
    // Not a vacuous property: the generator mixes in hostile tokens on purpose, yet
    // hundreds of the documents are read by the quick reader (about one in eight).
    expect(read / runs).toBeGreaterThan(0.08);
  });

  it("gives parseYaml the same value and positions either way", () => {
    const text = "a: 1\nb:\n  - { c: x }\n  - d: y\n    e: z\n";
    const yaml = parseYaml(text, { file: "f.yaml" });
    expect(yaml.value).toStrictEqual(parser(text).value);
    expect(yaml.diagnostics).toEqual([]);
    expect(yaml.locate(["b", 1, "e"])).toEqual({ line: 5, column: 8 });
    expect(yaml.locate(["b", 0, "c"])).toEqual({ line: 3, column: 10 });
    expect(yaml.locate(["b"], { key: true })).toEqual({ line: 2, column: 1 });
  });
});

describe("nesting", () => {
  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  const problems = (text: string) => parseYaml(text, { file: "f.yaml" }).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`);

  it("names a bracket never closed where it opens, not where the parser notices it", () => {
    const found = (text: string) => parseYaml(text, { file: "f.yaml" }).diagnostics.map((d) => `${d.line}:${d.column} ${d.message} (${d.expected})`);
    expect(found("story:\n  company: { fr: A, nl: A, en: A\n  publisher: x\n")).toEqual(["2:12 this { is never closed (a } to close it before line 3)"]);
    expect(found("title: [unclosed\nlang: fr\n")).toEqual(["1:8 this [ is never closed (a ] to close it before line 2)"]);
    // Brackets in quoted texts and comments are not counted: the open one is the second.
    expect(found('a: { x: "}", y: [1, 2] # }\nb: 1\n')).toEqual(["1:4 this { is never closed (a } to close it before line 2)"]);
  });

  it("refuses brackets nested more than MAX_NESTING deep, at the bracket that goes too deep, before any parser reads them", () => {
    expect(problems(`a: 1\nb: ${deep(MAX_NESTING)}\n`)).toEqual([]);
    expect(parseYaml(`b: ${deep(MAX_NESTING)}\n`, { file: "f.yaml" }).value).toEqual(parseDocument(`b: ${deep(MAX_NESTING)}\n`).toJS());
    expect(problems(`a: 1\nb: ${deep(MAX_NESTING + 1)}\n`)).toEqual([`2:${4 + MAX_NESTING} yaml/too-deep`]);
    expect(problems(`a: 1\nb: ${deep(200_000)}\n`)).toEqual([`2:${4 + MAX_NESTING} yaml/too-deep`]);
    expect(problems(`- {a: ${"{b: ".repeat(MAX_NESTING)}1${"}".repeat(MAX_NESTING + 1)}\n`)).toEqual([`1:${7 + 4 * (MAX_NESTING - 1)} yaml/too-deep`]);
    expect(parseJson(`{"a": ${deep(5000)}}`, { file: "f.json" }).diagnostics.map((d) => d.rule)).toEqual(["yaml/too-deep"]);
  });

  it("counts no bracket of a quoted text, a plain text or a comment", () => {
    const many = "*_[".repeat(300);
    for (const text of [`a: '${many}'\n`, `a: "${many}"\n`, `a: x ${many}\n`, `a: 1 # ${many}\n`, `- ['${many}', "${many}"]\n`, `a: 'it''s ${many}'\n`, `a: "a \\" ${many}"\n`]) {
      expect(problems(text), text).toEqual([]);
      expect(parseYaml(text, { file: "f.yaml" }).value).toEqual(parseDocument(text).toJS());
    }
  });
});

describe("parseJson", () => {
  it("reads JSON, and refuses at its place what only YAML reads", () => {
    expect(parseJson('{"a": {"b": "c"}}', { file: "f.json" }).value).toEqual({ a: { b: "c" } });
    expect(parseJson('\ufeff{"a": 1}', { file: "f.json" }).value).toEqual({ a: 1 });
    for (const [text, at] of [['{\n  "a": 1,\n}\n', "3:1"], ["{\n  'a': 1\n}\n", "2:3"], ['{"a": 1} # note\n', "1:10"], ["a: 1\n", "1:1"]] as const) {
      const parsed = parseJson(text, { file: "f.json" });
      expect(parsed.value, text).toBeUndefined();
      expect(parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`), text).toEqual([`${at} json/syntax`]);
    }
  });

  it("reports a repeated key and a broken text as the YAML parser does", () => {
    expect(parseJson('{"a": 1, "a": 2}', { file: "f.json" }).diagnostics.map((d) => d.rule)).toEqual(["yaml/duplicate-key"]);
    expect(parseJson('{"a": 1', { file: "f.json" }).diagnostics.map((d) => d.rule)).toContain("yaml/syntax");
  });
});
