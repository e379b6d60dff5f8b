/**
 * Shape validation: runs a zod schema over a positioned YAML value and turns
 * every issue into a diagnostic that points at the YAML node.
 */
import type { z } from "zod";
import { diagnostic, show, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PositionedYaml } from "./yaml.ts";

type Issue = z.core.$ZodIssue;

/** The result of {@link validateShape}: the typed value when it is valid. */
export interface Validated<T> {
  value: T | undefined;
  diagnostics: Diagnostic[];
}

/** Validates `yaml.value` against `schema`, reporting every issue with its position. */
export function validateShape<S extends z.ZodType>(
  schema: S,
  yaml: PositionedYaml,
  file: string,
  rulePrefix: string,
  /** What an unknown field's diagnostic says is expected. @default the facts format's fields */
  knownFields = "only the fields the facts format defines (see README, “The facts format”)",
): Validated<z.output<S>> {
  const result = schema.safeParse(yaml.value, { reportInput: true });
  if (result.success) return { value: result.data, diagnostics: [] };
  const diagnostics = result.error.issues.flatMap((issue) => toDiagnostics(issue, [], yaml, file, rulePrefix, knownFields));
  return { value: undefined, diagnostics };
}

function toDiagnostics(
  issue: Issue,
  base: readonly PropertyKey[],
  yaml: PositionedYaml,
  file: string,
  prefix: string,
  knownFields: string,
): Diagnostic[] {
  const path = [...base, ...issue.path];
  const dotted = path.map(String).join(".");
  const at = (p: readonly PropertyKey[], key = false) => yaml.locate(p, { key });
  const input = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) =>
        diagnostic({
          file,
          ...at([...path, key], true),
          rule: `${prefix}/unknown-key`,
          message: `unknown field \`${key}\``,
          path: [...path, key].map(String).join("."),
          expected: knownFields,
          actual: key,
        }),
      );
    case "invalid_union": {
      if (issue.discriminator && issue.errors.length === 0) {
        const key = issue.discriminator ?? "type";
        const keyPath = path[path.length - 1] === key ? path : [...path, key];
        return [
          diagnostic({
            file,
            ...at(keyPath),
            rule: `${prefix}/invalid-value`,
            message: `unknown ${key}`,
            path: keyPath.map(String).join("."),
            expected: "one of money, count, percent, percentage-point, year, year-range, month, date",
            actual: show(discriminatorValue(input, issue.discriminator)),
          }),
        ];
      }
      const branch = closestBranch(issue.errors);
      if (branch) return branch.flatMap((inner) => toDiagnostics(inner, path, yaml, file, prefix, knownFields));
      break;
    }
    case "invalid_type": {
      const missing = input === undefined;
      return [
        diagnostic({
          file,
          ...(missing ? at(path.slice(0, -1)) : at(path)),
          rule: missing ? `${prefix}/missing-field` : `${prefix}/invalid-type`,
          message: missing ? `missing field \`${String(path[path.length - 1])}\`` : "wrong type",
          path: dotted,
          expected: describeExpected(issue.expected),
          actual: missing ? "nothing" : describeActual(input),
        }),
      ];
    }
    default:
      break;
  }
  if (input === undefined && path.length > 0) {
    return [
      diagnostic({
        file,
        ...at(path.slice(0, -1)),
        rule: `${prefix}/missing-field`,
        message: `missing field \`${String(path[path.length - 1])}\``,
        path: dotted,
        expected: expectedFor(issue),
        actual: "nothing",
      }),
    ];
  }
  return [
    diagnostic({
      file,
      ...at(path),
      rule: `${prefix}/${ruleFor(issue)}`,
      message: "invalid value",
      path: dotted,
      expected: expectedFor(issue),
      actual: show(input),
    }),
  ];
}

function closestBranch(branches: Issue[][]): Issue[] | undefined {
  // The branch that got furthest: its issues are deeper than a type mismatch at the root.
  const scored = branches.map((issues) => ({
    issues,
    score: issues.every((i) => i.code === "invalid_type" && i.path.length === 0) ? Infinity : issues.length,
  }));
  scored.sort((a, b) => a.score - b.score);
  const best = scored[0];
  if (!best || best.score === Infinity) return undefined;
  return best.issues;
}

function discriminatorValue(input: unknown, key: string | undefined): unknown {
  if (input && typeof input === "object" && key) return (input as Record<string, unknown>)[key];
  return undefined;
}

function ruleFor(issue: Issue): string {
  switch (issue.code) {
    case "too_small":
    case "too_big":
      return "out-of-range";
    case "invalid_format":
      return "invalid-format";
    default:
      return "invalid-value";
  }
}

function expectedFor(issue: Issue): string {
  switch (issue.code) {
    case "too_small":
      return issue.origin === "array" || issue.origin === "string"
        ? `at least ${String(issue.minimum)} ${issue.origin === "array" ? "item(s)" : "character(s)"}`
        : `a number ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}`;
    case "too_big":
      return issue.origin === "array" || issue.origin === "string"
        ? `at most ${String(issue.maximum)} ${issue.origin === "array" ? "item(s)" : "character(s)"}`
        : `a number ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => show(v)).join(", ")}`;
    case "invalid_format":
      return issue.message.startsWith("Invalid") ? `a value in format ${issue.format}` : issue.message;
    case "invalid_union":
      return "one of the allowed forms";
    default:
      return issue.message;
  }
}

function describeExpected(expected: string): string {
  if (expected === "number") return "a finite number";
  if (expected === "object") return "a mapping (key: value)";
  if (expected === "array" || expected === "tuple") return "a list";
  return `a ${expected}`;
}

function describeActual(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list ${show(value)}`;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (typeof value === "object") return `a mapping ${show(value)}`;
  return `${typeof value} ${show(value)}`;
}
