/**
 * The project's settings, `newsbrief.config.json` at its root: the site the
 * pages are published on (absolute URLs, publisher, author), how serious
 * each lint rule is and which rules `check` runs. The file is optional, and so is each block.
 * Pure: parses text into a value or diagnostics.
 */
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { validateShape } from "./validate.ts";
import { parseJson } from "./yaml.ts";

/** The settings file's name, at the project root. */
import { CONFIG_FILE } from "../types.ts";

export { CONFIG_FILE };

const absoluteUrl = z
  .string()
  .max(500)
  .regex(/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, "an https URL with no query or fragment");

/** Where and by whom the briefs are published. */
export const SiteConfig = z.strictObject({
  /** The URL of the output folder once published, ending in `/`: pages are at `<baseUrl><slug>/<locale>.html`. */
  baseUrl: absoluteUrl.refine((url) => url.endsWith("/"), "a URL that ends in /"),
  publisher: z.strictObject({
    name: z.string().min(1).max(200),
    /** An absolute URL of the publisher's logo. */
    logo: absoluteUrl.optional(),
  }),
  /** The default author of the briefs. */
  author: z.strictObject({
    name: z.string().min(1).max(200),
    type: z.enum(["Organization", "Person"]).default("Organization"),
  }),
});
export type SiteConfig = z.infer<typeof SiteConfig>;

/** The lint rule ids, each configurable in `lint.rules`. */
export const LINT_RULES = ["spelling", "fr-space-before-punctuation", "fr-guillemet-space", "fr-unit-space", "apostrophe", "quotation-marks", "repeated-word", "double-space", "range"] as const;
export type LintRule = (typeof LINT_RULES)[number];

/** Which lint rules `newsbrief check` runs: the typography rules alone (every rule but `spelling`), or all of them. */
export const LINT_CHECK_SCOPES = ["typography", "all"] as const;
export type LintScope = (typeof LINT_CHECK_SCOPES)[number];

/**
 * The lint settings: which rules `newsbrief check` runs (`check`; spelling
 * loads dictionaries that take seconds, so it is left to `newsbrief lint`
 * unless `all` is set), and how serious each rule is: its id (`spelling`,
 * `fr-space-before-punctuation`…) to `error`, `warning` or `off`.
 */
export const LintSettings = z.strictObject({
  check: z.enum(LINT_CHECK_SCOPES).default("typography"),
  rules: z.partialRecord(z.enum(LINT_RULES), z.enum(["error", "warning", "off"])).default({}),
});
export type LintSettings = z.infer<typeof LintSettings>;

export const ProjectConfig = z.strictObject({
  site: SiteConfig.optional(),
  lint: LintSettings.optional(),
});
export type ProjectConfig = z.infer<typeof ProjectConfig>;

/** Parses the settings file; a missing file is no settings. */
export function parseConfig(text: string | undefined, file = CONFIG_FILE): { config: ProjectConfig; diagnostics: Diagnostic[] } {
  if (text === undefined) return { config: {}, diagnostics: [] };
  const yaml = parseJson(text, { file });
  if (yaml.diagnostics.length > 0) return { config: {}, diagnostics: yaml.diagnostics };
  const shape = validateShape(ProjectConfig, yaml, file, "config", `only the settings ${Object.keys(ProjectConfig.shape).join(" and ")} (see docs/publishing.md)`);
  return { config: shape.value ?? {}, diagnostics: shape.diagnostics };
}
