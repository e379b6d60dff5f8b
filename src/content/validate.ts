/**
 * Shape validation: runs a zod schema over a positioned YAML value and turns
 * every issue into a diagnostic that points at the YAML node.
 */
import type { z } from "zod";
import { diagnostic, show, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose, phrase } from "../diagnostics/report.ts";
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
  const fieldsAt = (parent: readonly PropertyKey[]): string => {
    if (parent.length === 0) return knownFields;
    const keys = keysAt(schema, parent, yaml.value);
    return keys ? `one of the fields of \`${parent.map(String).join(".")}\`: ${keys.join(", ")}` : knownFields;
  };
  const diagnostics = result.error.issues.flatMap((issue) => toDiagnostics(issue, [], yaml, file, rulePrefix, fieldsAt));
  return { value: undefined, diagnostics };
}

function toDiagnostics(
  issue: Issue,
  base: readonly PropertyKey[],
  yaml: PositionedYaml,
  file: string,
  prefix: string,
  /** What an unknown field's diagnostic says is expected, for the mapping at `parent`. */
  fieldsAt: (parent: readonly PropertyKey[]) => string,
): Diagnostic[] {
  const path = [...base, ...issue.path];
  const dotted = path.map(String).join(".");
  const at = (p: readonly PropertyKey[], key = false) => yaml.locate(p, { key });
  const input = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) =>
        diagnose(CATALOGUE["<schema>/unknown-key"], { schema: prefix, key }, {
          file,
          ...at([...path, key], true),
          path: [...path, key].map(String).join("."),
          expected: fieldsAt(path),
          actual: key,
        }),
      );
    case "invalid_union": {
      if (issue.discriminator && issue.errors.length === 0) {
        const key = issue.discriminator ?? "type";
        const keyPath = path[path.length - 1] === key ? path : [...path, key];
        return [
          diagnose(CATALOGUE["<schema>/<issue>"], { schema: prefix, issue: "invalid-value", discriminator: key }, {
            file,
            ...at(keyPath),
            path: keyPath.map(String).join("."),
            expected: "one of money, count, percent, percentage-point, year, year-range, month, date",
            actual: show(discriminatorValue(input, issue.discriminator)),
          }),
        ];
      }
      const branch = closestBranch(issue.errors);
      if (branch) return branch.flatMap((inner) => toDiagnostics(inner, path, yaml, file, prefix, fieldsAt));
      break;
    }
    case "invalid_type": {
      const missing = input === undefined;
      return [
        diagnostic({
          file,
          ...(missing ? at(path.slice(0, -1)) : at(path)),
          ...(missing ? phrase(CATALOGUE["<schema>/missing-field"], { schema: prefix, field: String(path[path.length - 1]) }) : phrase(CATALOGUE["<schema>/invalid-type"], { schema: prefix })),
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
      diagnose(CATALOGUE["<schema>/missing-field"], { schema: prefix, field: String(path[path.length - 1]) }, {
        file,
        ...at(path.slice(0, -1)),
        path: dotted,
        expected: expectedFor(issue),
        actual: "nothing",
      }),
    ];
  }
  return [
    diagnose(CATALOGUE["<schema>/<issue>"], { schema: prefix, issue: ruleFor(issue) }, {
      file,
      ...at(path),
      path: dotted,
      expected: expectedFor(issue),
      actual: show(input),
    }),
  ];
}

/** What {@link keysAt} reads of a zod schema's definition. */
interface SchemaDef {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  getter?: () => z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  items?: readonly z.core.$ZodType[];
  rest?: z.core.$ZodType | null;
  keyType?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  options?: readonly z.core.$ZodType[];
  entries?: Record<string, unknown>;
  values?: readonly unknown[];
}

const defOf = (schema: z.core.$ZodType): SchemaDef => schema._zod.def as SchemaDef;

/** The schema without what only makes a value optional, defaulted or transformed. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  for (let def = defOf(schema); ; def = defOf(schema)) {
    if (def.innerType && ["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type)) schema = def.innerType;
    else if (def.type === "pipe" && def.in) schema = def.in;
    else if (def.type === "lazy" && def.getter) schema = def.getter();
    else return schema;
  }
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether `value` has the form of `schema` (a mapping for an object whose literal fields it has, a list for a list), to choose a union's branch. */
function fits(schema: z.core.$ZodType, value: unknown): boolean {
  const def = defOf(unwrap(schema));
  switch (def.type) {
    case "object":
      return isMapping(value) && Object.entries(def.shape ?? {}).every(([key, field]) => {
        const literal = defOf(unwrap(field));
        return literal.type !== "literal" || (literal.values ?? []).includes(value[key]);
      });
    case "record":
      return isMapping(value);
    case "array":
    case "tuple":
      return Array.isArray(value);
    case "union":
      return (def.options ?? []).some((option) => fits(option, value));
    default:
      return !isMapping(value) && !Array.isArray(value);
  }
}

/**
 * The keys the mapping at `path` of `value` may have by `schema`, in the
 * schema's order; undefined when the schema there is not a mapping with a
 * known set of keys.
 */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[], value: unknown): string[] | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === "union") {
    for (const option of def.options ?? []) {
      if (!fits(option, value)) continue;
      const keys = keysAt(option, path, value);
      if (keys) return keys;
    }
    return undefined;
  }
  if (path.length === 0) {
    if (def.type === "object") return Object.keys(def.shape ?? {});
    if (def.type === "record" && def.keyType) {
      const keys = defOf(unwrap(def.keyType));
      if (keys.type === "enum") return Object.values(keys.entries ?? {}).filter((key): key is string => typeof key === "string");
      if (keys.type === "literal") return (keys.values ?? []).filter((key): key is string => typeof key === "string");
    }
    return undefined;
  }
  const [step, ...rest] = path;
  const inner = isMapping(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[step as PropertyKey] : undefined;
  switch (def.type) {
    case "object": {
      const field = def.shape?.[String(step)];
      return field ? keysAt(field, rest, inner) : undefined;
    }
    case "record":
      return def.valueType ? keysAt(def.valueType, rest, inner) : undefined;
    case "array":
      return def.element ? keysAt(def.element, rest, inner) : undefined;
    case "tuple": {
      const item = def.items?.[Number(step)] ?? def.rest ?? undefined;
      return item ? keysAt(item, rest, inner) : undefined;
    }
    default:
      return undefined;
  }
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

function ruleFor(issue: Issue): "out-of-range" | "invalid-format" | "invalid-value" {
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
