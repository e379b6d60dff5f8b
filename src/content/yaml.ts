/**
 * YAML with positions: the one YAML reader for facts, front matter and
 * locale files. Pure: takes text, returns a value, a position finder and
 * diagnostics. Aliases, merge keys, explicit tags and duplicate keys are
 * refused, so content can neither blow up nor smuggle in behaviour.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, parseDocument, visit } from "yaml";
import type { Document, Node } from "yaml";
import { lineLocator, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { readPlainYaml } from "./yaml-plain.ts";

/** A parsed YAML (or JSON) file that can say where each field stands. */
export interface PositionedYaml {
  /** The plain JavaScript value; `undefined` when the text could not be parsed. */
  value: unknown;
  /** Problems of syntax and of refused YAML features. */
  diagnostics: Diagnostic[];
  /**
   * Line and column of the node at `path`, or of its nearest existing
   * ancestor. With `key: true`, the position of the map key instead of its value.
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): { line: number; column: number };
}

/** Options of {@link parseYaml}. */
export interface ParseYamlOptions {
  /** File name used in diagnostics. */
  file: string;
  /**
   * Lines before the YAML text in its file (front matter starts on line 2).
   * @default 0
   */
  lineOffset?: number;
}

/**
 * Parses YAML 1.2 (core schema) with positions; never throws on bad input.
 * Plain YAML, as facts and front matter are written, is read by the quick
 * reader; its positions, needed only for a diagnostic, are then read with the
 * YAML parser when first asked for.
 */
export function parseYaml(text: string, options: ParseYamlOptions): PositionedYaml {
  const plain = readPlainYaml(text);
  if (plain === undefined) return parseFully(text, options);
  let positioned: PositionedYaml | undefined;
  return { value: plain.value, diagnostics: [], locate: (path, opts) => (positioned ??= parseFully(text, options)).locate(path, opts) };
}

function parseFully(text: string, options: ParseYamlOptions): PositionedYaml {
  const { file, lineOffset = 0 } = options;
  const doc = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
    schema: "core",
    strict: true,
    intAsBigInt: false,
    // Warnings become diagnostics below; nothing is printed by the library.
    logLevel: "silent",
  });
  // Positions come from the text itself: yaml's LineCounter misses the
  // newlines inside the tokens it skips while recovering from an error, and
  // then names a line too early and a column past its end.
  const locateOffset = lineLocator(text);
  const at = (offset: number) => {
    const pos = locateOffset(offset);
    return { line: pos.line + lineOffset, column: pos.column };
  };
  const diagnostics: Diagnostic[] = [];
  const problems = [...doc.errors, ...doc.warnings];
  // One broken bracket can cascade into hundreds of errors: the first few say it all.
  const shown = problems.slice(0, MAX_SYNTAX_ERRORS);
  if (problems.length > shown.length) {
    const [offset = 0] = problems[shown.length]!.pos;
    diagnostics.push(diagnose(CATALOGUE["yaml/syntax"], { more: problems.length - shown.length }, { file, ...at(offset) }));
  }
  for (const error of shown) {
    const [offset = 0] = error.pos;
    diagnostics.push(
      diagnose(CATALOGUE["yaml/<parser-code>"], { code: error.code, text: firstLine(error.message) }, {
        file,
        ...at(offset),
      }),
    );
  }
  visit(doc, {
    Node(_key, node) {
      const offset = node.range?.[0] ?? 0;
      if (isAlias(node)) {
        diagnostics.push(
          diagnose(CATALOGUE["yaml/alias"], { kind: "aliases", mark: `*${node.source}` }, { file, ...at(offset) }),
        );
      } else if (node.tag !== undefined && hasExplicitTag(text, offset)) {
        diagnostics.push(
          diagnose(CATALOGUE["yaml/tag"], { tag: node.tag }, { file, ...at(tagStart(text, offset)), actual: node.tag }),
        );
      } else if (isNode(node) && "anchor" in node && node.anchor) {
        const anchorAt = text.lastIndexOf(`&${node.anchor}`, offset);
        diagnostics.push(
          diagnose(CATALOGUE["yaml/alias"], { kind: "anchors", mark: `&${node.anchor}` }, { file, ...at(anchorAt === -1 ? offset : anchorAt) }),
        );
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === "<<") {
        const offset = pair.key.range?.[0] ?? 0;
        diagnostics.push(diagnose(CATALOGUE["yaml/merge-key"], {}, { file, ...at(offset) }));
      }
    },
  });
  let value: unknown;
  if (!diagnostics.some((d) => d.rule !== "yaml/duplicate-key" && d.rule !== "yaml/merge-key")) {
    value = doc.toJS({ maxAliasCount: 0 });
  }
  return { value, diagnostics, locate: (path, opts) => locate(doc, path, opts?.key ?? false, at) };
}

function locate(
  doc: Document,
  path: readonly PropertyKey[],
  key: boolean,
  at: (offset: number) => { line: number; column: number },
): { line: number; column: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    if (key && depth === path.length && depth > 0) {
      const parent = depth === 1 ? doc.contents : doc.getIn(prefix.slice(0, -1), true);
      if (isMap(parent)) {
        const last = prefix[prefix.length - 1];
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last);
        if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
    }
    const node = depth === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) return at(node.range[0]);
    if (isPair(node) && isNode(node.key) && node.key.range) return at(node.key.range[0]);
  }
  return at(0);
}

const TAG_BEFORE = /![^\s]*\s*$/;

function hasExplicitTag(text: string, offset: number): boolean {
  // The yaml package sets `tag` on implicitly typed nodes too; an explicit
  // tag is one written in the source, just before the node.
  return TAG_BEFORE.test(text.slice(Math.max(0, offset - 64), offset)) || text[offset] === "!";
}

function tagStart(text: string, offset: number): number {
  const from = Math.max(0, offset - 64);
  const match = TAG_BEFORE.exec(text.slice(from, offset));
  return match ? from + match.index : offset;
}

/** How many YAML syntax problems of one file are listed. */
export const MAX_SYNTAX_ERRORS = 10;

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

/** True for a YAML node that is a mapping or a sequence. */
export function isCollection(node: unknown): node is Node {
  return isMap(node) || isSeq(node);
}
