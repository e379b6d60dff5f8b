/**
 * Story types: what a template needs of an article and the measures its
 * stories report. A story type is a folder `templates/<name>/` holding
 * `brief.md.hbs` (its sentences come from `locales/`) and `type.yaml`,
 * parsed and checked here with positions, like facts.yaml.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { compareDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Facts, Fact, FactType, Locale } from "./schema.ts";
import { validateShape } from "./validate.ts";
import { parseYaml } from "./yaml.ts";

const id = z.string().max(80).regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, "a lower-case id like `net-result`");
const words = z.string().trim().min(1, "a non-empty text").max(200);
const number = z.enum(["sg", "pl"]);

/**
 * How a measure is named in each locale, with what agreement needs. A count's
 * plural label may have its singular, `one`, for a count of one after its
 * figure (1 mort, 1 dode, 1 death).
 */
const MeasureWords = z.strictObject({
  /** French: the label without its article, its gender and number, and whether it elides (l’EBITA). */
  fr: z.strictObject({ label: words, gender: z.enum(["m", "f"]), number: number.default("sg"), elision: z.boolean().default(false), one: words.optional() }),
  /** Dutch: the label without its article, and its article (de, het). */
  nl: z.strictObject({ label: words, article: z.enum(["de", "het"]).default("de"), number: number.default("sg"), indefinite: words.optional(), one: words.optional() }),
  /** English: the label, lower case unless a name or an acronym. */
  en: z.strictObject({ label: words, number: number.default("sg"), one: words.optional() }),
});
export type MeasureWords = z.infer<typeof MeasureWords>;

const Measure = MeasureWords.extend({
  /** What kind of figure the measure usually is (documentation, and `extract --draft`). */
  kind: z.string().max(40).optional(),
  /** The words when the value is below zero: a net result below zero is a net loss. */
  negative: MeasureWords.optional(),
  /** French words near a figure in a source that say it is this measure. */
  cues: z.array(words).max(30).default([]),
}).strict();
export type Measure = z.infer<typeof Measure>;

const Requirement = z.strictObject({
  /** A fact with this id. */
  id: id.optional(),
  /** A fact of this measure. */
  measure: id.optional(),
  /** The kind of fact it must be. */
  type: z.string().max(40).optional(),
  /** What it is for, shown by `newsbrief templates`. */
  description: words.optional(),
});

const Needs = z.strictObject({
  /** Story texts (`story:` keys of facts.yaml). */
  story: z.array(z.strictObject({
    key: id,
    description: words.optional(),
    list: z.boolean().default(false),
    /** Other keys that stand for it: one of them is enough (`actors` for a plural `actor`). */
    or: z.array(z.strictObject({ key: id, description: words.optional() })).max(5).default([]),
  })).default([]),
  /** Facts, by id or measure. */
  facts: z.array(Requirement).default([]),
  /** At least this many quotes. */
  quotes: z.number().int().min(0).max(20).default(0),
  /** At least this many breakdowns. */
  breakdowns: z.number().int().min(0).max(20).default(0),
});

/** The whole `type.yaml`. */
export const StoryTypeDefinition = z.strictObject({
  /** One line saying what stories the type is for. */
  description: words,
  /** What every article of this type must have. */
  requires: Needs.default({ story: [], facts: [], quotes: 0, breakdowns: 0 }),
  /** What the template shows when the article has it (listed by `newsbrief templates`). */
  optional: Needs.default({ story: [], facts: [], quotes: 0, breakdowns: 0 }),
  /** The measures the type's stories report, by id. */
  measures: z.record(id, Measure).default({}),
});
export type StoryTypeDefinition = z.infer<typeof StoryTypeDefinition>;

/** A story type as loaded: its name and definition (empty for a single-file template). */
export interface StoryType {
  name: string;
  /** Project-relative path of `type.yaml`, when there is one. */
  file?: string;
  definition: StoryTypeDefinition;
  /** Line and column of a node of `type.yaml`. */
  locate?: (path: readonly PropertyKey[]) => { line: number; column: number };
}

const EMPTY: StoryTypeDefinition = StoryTypeDefinition.parse({ description: "a template without a type.yaml" });

/** The key of a `type.yaml` text among definitions parsed before (see {@link parseStoryType}). */
export function storyTypeKey(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * Parses a story type's `type.yaml`; a template without one is a story type
 * with no requirements and no measures. A text already parsed without a
 * problem, found in `known` by its {@link storyTypeKey}, is taken as it was
 * (YAML is read again only to locate a node, for a diagnostic).
 */
export function parseStoryType(name: string, file: { file: string; text: string } | undefined, known?: ReadonlyMap<string, StoryTypeDefinition>): { value?: StoryType; diagnostics: Diagnostic[] } {
  if (!file) return { value: { name, definition: EMPTY }, diagnostics: [] };
  const before = known?.get(storyTypeKey(file.text));
  if (before) {
    let yaml: ReturnType<typeof parseYaml> | undefined;
    return { value: { name, file: file.file, definition: before, locate: (path) => (yaml ??= parseYaml(file.text, { file: file.file })).locate(path) }, diagnostics: [] };
  }
  const yaml = parseYaml(file.text, { file: file.file });
  if (yaml.value === undefined) return { diagnostics: yaml.diagnostics };
  const shape = validateShape(StoryTypeDefinition, yaml, file.file, "story-type", "only the fields of a story type's type.yaml (see docs/templates.md)");
  const diagnostics = [...yaml.diagnostics, ...shape.diagnostics].sort(compareDiagnostics);
  if (!shape.value) return { diagnostics };
  return { value: { name, file: file.file, definition: shape.value, locate: (path) => yaml.locate(path) }, diagnostics };
}

/** A label with its definite article, as facts.yaml labels are written (le chiffre d’affaires, de omzet, revenue). */
export function measureLabel(words: MeasureWords, locale: Locale): string {
  switch (locale) {
    case "fr":
      return `${words.fr.elision ? "l’" : words.fr.number === "pl" ? "les " : words.fr.gender === "f" ? "la " : "le "}${words.fr.label}`;
    case "nl":
      return `${words.nl.number === "pl" ? "de" : words.nl.article} ${words.nl.label}`;
    case "en":
      return words.en.label;
  }
}

/** What an article misses of its story type's requirements: each with the facts.yaml path it belongs at. */
export function missingRequirements(type: StoryTypeDefinition, facts: Facts): Array<{ path: PropertyKey[]; what: string }> {
  const missing: Array<{ path: PropertyKey[]; what: string }> = [];
  for (const need of type.requires.story) {
    const given = (key: string) => {
      const value = Object.hasOwn(facts.story, key) ? facts.story[key] : undefined;
      return value !== undefined && Array.isArray(value) === need.list;
    };
    if ([need.key, ...(need.or ?? []).map((o) => o.key)].some(given)) continue;
    const kind = need.list ? "list" : "text";
    const others = (need.or ?? []).map((o) => ` or story ${kind} \`${o.key}\`${o.description ? ` (${o.description})` : ""}`).join("");
    missing.push({ path: ["story"], what: `story ${kind} \`${need.key}\`${need.description ? ` (${need.description})` : ""}${others}` });
  }
  for (const need of type.requires.facts) {
    const found = facts.facts.find((f: Fact) => (need.id === undefined || f.id === need.id) && (need.measure === undefined || f.measure === need.measure) && (need.type === undefined || f.type === (need.type as FactType)));
    if (!found) {
      const name = [need.id ? `id \`${need.id}\`` : "", need.measure ? `measure \`${need.measure}\`` : ""].filter(Boolean).join(", ");
      missing.push({ path: ["facts"], what: `a ${need.type ?? "fact"}${name ? ` with ${name}` : ""}${need.description ? ` (${need.description})` : ""}` });
    }
  }
  if (facts.quotes.length < type.requires.quotes) missing.push({ path: ["quotes"], what: `at least ${type.requires.quotes} quote(s)` });
  if (facts.breakdowns.length < type.requires.breakdowns) missing.push({ path: ["breakdowns"], what: `at least ${type.requires.breakdowns} breakdown(s)` });
  return missing;
}
