/**
 * The build cache's keys and entries: an article's outputs are reused when
 * the hash of everything it depends on is the one of its last verified build
 * and the output folder still holds exactly those files.
 */
import { createHash } from "node:crypto";
import { compareStrings } from "../diagnostics/diagnostic.ts";
import type { ProjectInputs } from "../io/read.ts";

/** Bumped when a change to newsbrief itself changes what it writes. */
export const RENDER_VERSION = "1";

/** Hash of what every article shares: the render version, the locales and every template. */
export function sharedInputsHash(inputs: ProjectInputs): string {
  const hash = createHash("sha256").update(`newsbrief render ${RENDER_VERSION}\n`);
  const shared = [...inputs.locales, ...inputs.templates, ...(inputs.pageTemplate ? [inputs.pageTemplate] : []), ...(inputs.config ? [inputs.config] : [])];
  for (const file of shared.sort((a, b) => compareStrings(a.file, b.file))) hash.update(`${file.file}\n${file.text.length}:${file.text}\n`);
  return hash.digest("hex");
}

type SharedTexts = Pick<ProjectInputs, "templates" | "pageTemplate" | "locales" | "config">;

/**
 * What the briefs of each story type depend on beyond an article's own two
 * files, as a hash per story type: the render version, the type's template
 * and definition, the page template, the settings that shape a page (`site`;
 * lint settings do not), and of the locale messages only the namespaces the
 * template can reach. Those are every namespace that is not a story type's
 * own (figures, briefs, languages, feeds), the type's own, and any other
 * type's namespace its template or those messages name; a template that
 * builds a message key at render time depends on every message. A changed
 * message thus changes the key of the articles whose template uses it, and
 * of no other.
 */
export function storyTypeHashes(inputs: SharedTexts): Map<string, string> {
  const types = new Set(inputs.templates.map((t) => t.name));
  const common = createHash("sha256").update(`newsbrief render ${RENDER_VERSION}\n`);
  for (const file of inputs.pageTemplate ? [inputs.pageTemplate] : []) common.update(`${file.file}\n${file.text.length}:${file.text}\n`);
  common.update(`site:${siteSettings(inputs.config?.text)}\n`);
  const commonHash = common.digest("hex");
  // Each locale's namespaces as text; a locale that is not a JSON object is one namespace, reached by every type.
  const locales = [...inputs.locales].sort((a, b) => compareStrings(a.file, b.file)).map((file) => ({ file: file.file, spaces: namespacesOf(file.text) }));
  const hashes = new Map<string, string>();
  for (const template of inputs.templates) {
    const reached = new Set<string>();
    const dynamic = DYNAMIC_KEY.test(template.text);
    const follow = (text: string) => {
      for (const match of text.matchAll(NAMESPACE_NAMED)) if (types.has(match[1]!)) reached.add(match[1]!);
    };
    reached.add(template.name);
    follow(template.text);
    const hash = createHash("sha256").update(commonHash);
    for (const file of [template, ...(template.definition ? [template.definition] : [])]) hash.update(`${file.file}\n${file.text.length}:${file.text}\n`);
    // The namespaces reached, and those their messages name in turn.
    for (let size = -1; size !== reached.size; ) {
      size = reached.size;
      for (const { spaces } of locales) for (const [space, text] of spaces) if (!types.has(space) || reached.has(space)) follow(text);
    }
    for (const { file, spaces } of locales) {
      hash.update(`${file}\n`);
      for (const [space, text] of spaces) if (dynamic || !types.has(space) || reached.has(space)) hash.update(`${space.length}:${space}${text.length}:${text}\n`);
    }
    hashes.set(template.name, hash.digest("hex"));
  }
  return hashes;
}

/** The hash an article's briefs carry (`inputHash`): its story type's hash and its own two files. */
export function articleInputHash(typeHash: string, factsText: string, sourceText: string): string {
  return hashOf(typeHash, factsText, sourceText);
}

/** `{{t key}}` or `(t key)` with a key that is not a literal. */
const DYNAMIC_KEY = /(?:\{\{~?|\()\s*t\s+(?!["'])/;
/** A quoted or nested message key's first segment: `"event.lede"`, `$t(event.lede)`. */
const NAMESPACE_NAMED = /(?:["'(]|\$t\()\s*([A-Za-z0-9_-]+)\./g;

function namespacesOf(text: string): Array<[string, string]> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return Object.entries(parsed).map(([space, value]) => [space, JSON.stringify(value)]);
  } catch {
    // Not JSON: the whole text, for every type.
  }
  return [["", text]];
}

/** The part of the settings file that shapes pages; the whole text when it cannot be read as JSON. */
function siteSettings(text: string | undefined): string {
  if (text === undefined) return "null";
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) return JSON.stringify((parsed as { site?: unknown }).site ?? null);
  } catch {
    // Not JSON.
  }
  return text;
}

export function hashOf(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest("hex");
}

/** The SHA-256 (hex) of a text's UTF-8, of bytes, or of parts of bytes one after the other. */
export function sha256(text: string | Uint8Array | readonly Uint8Array[]): string {
  if (typeof text === "string" || text instanceof Uint8Array) return createHash("sha256").update(text).digest("hex");
  const hash = createHash("sha256");
  for (const part of text) hash.update(part);
  return hash.digest("hex");
}
