/**
 * Draft placeholders: a value written `TODO…` in facts.yaml is a decision
 * left to an editor. Each one is a `draft/todo` error at its position, and
 * the other problems it causes (a `TODO` where a date belongs) are not
 * reported on top of it.
 */
import { diagnostic, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PositionedYaml } from "./yaml.ts";

/** A placeholder value: `TODO`, alone or followed by what to decide. */
export const TODO_PATTERN = /^TODO\b/;

/** The placeholders of a parsed file. */
export interface Placeholders {
  diagnostics: Diagnostic[];
  /** True when a diagnostic concerns a placeholder's field or something inside it. */
  covers(diagnostic: Diagnostic): boolean;
}

/** Finds every `TODO` placeholder in a parsed YAML file. */
export function findPlaceholders(yaml: PositionedYaml, file: string): Placeholders {
  const paths: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const walk = (value: unknown, path: Array<string | number>) => {
    if (typeof value === "string") {
      if (!TODO_PATTERN.test(value)) return;
      const dotted = path.join(".");
      paths.push(dotted);
      diagnostics.push(
        diagnostic({
          file,
          ...yaml.locate(path),
          rule: "draft/todo",
          message: `an editor's decision is still open: ${describe(yaml.value, path, value)}`,
          ...(dotted ? { path: dotted } : {}),
          actual: value.length > 80 ? `${value.slice(0, 77)}...` : value,
        }),
      );
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(yaml.value, []);
  return {
    diagnostics,
    covers: (d) => d.path !== undefined && d.rule !== "draft/todo" && paths.some((p) => d.path === p || d.path!.startsWith(`${p}.`)),
  };
}

const LANGUAGES: Readonly<Record<string, string>> = { fr: "French", nl: "Dutch", en: "English" };

/** What a placeholder asks for, in the editor's words. */
function describe(root: unknown, path: ReadonlyArray<string | number>, value: string): string {
  const item = (section: string, index: number) => {
    const items = (root as Record<string, unknown>)[section];
    return Array.isArray(items) ? (items[index] as Record<string, unknown> | undefined) : undefined;
  };
  const [section, index, field, locale] = path;
  if (section === "facts" && typeof index === "number" && field === "label" && typeof locale === "string") {
    return `the ${LANGUAGES[locale] ?? locale} label of fact \`${String(item("facts", index)?.id)}\``;
  }
  if (section === "ignore" && typeof index === "number" && field === "reason") {
    return `why “${String(item("ignore", index)?.text)}” is left out of the facts`;
  }
  const hint = value.slice(4).replace(/^[\s:–-]+/, "");
  return hint ? hint : "replace the placeholder";
}
