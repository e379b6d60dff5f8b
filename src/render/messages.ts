/**
 * Locale messages: i18next resource files (`locales/<locale>.json`, JSON v4
 * plural keys such as `million_one`), checked across locales and compiled
 * once per locale per run, so rendering a sentence costs a few string joins
 * instead of an i18next `t()` lookup.
 */
import i18next, { type i18n } from "i18next";
import { type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { parseJson, type PositionedYaml } from "../content/yaml.ts";
import { LOCALES, type Locale } from "../content/schema.ts";
import type { LocaleFile } from "../types.ts";

/** The BCP 47 tags used for `Intl` in each locale. */
export const INTL_TAG: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * The contexts a message may have variants for (i18next's `key_context`):
 * agreement (fr `m`, `f`, `m_pl`, `f_pl`; nl `de`, `het`, `pl`; en `sg`,
 * `pl`), a change's direction (`up`, `down`, `stable`), a figure's sign
 * (`negative`, `zero`), a period's form after a preposition (`in`), a
 * count (`count`: a bound before a count, a sentence ending with what a
 * count counts), a date or period (`period`), and a currency named again
 * after its first mention (`again`). A variant is optional in every
 * locale: the plain key is the default.
 */
export const CONTEXTS = ["m_pl", "f_pl", "m", "f", "de", "het", "pl", "sg", "up", "down", "stable", "negative", "zero", "in", "count", "period", "again"] as const;
const CONTEXT_SUFFIX = new RegExp(`_(?:${CONTEXTS.join("|")})$`);

/**
 * The key a plural form belongs to (`million` of `million_other`), or the key
 * itself when it is no plural form. `_zero` is a plural form only beside the
 * key's other plural forms: alone, it is the variant of a figure at zero
 * (`sign` gives the context `zero`).
 */
function pluralBase(key: string, has: (key: string) => boolean): string {
  const match = PLURAL_SUFFIX.exec(key);
  if (!match) return key;
  const base = key.slice(0, match.index);
  return match[1] !== "zero" || has(`${base}_other`) ? base : key;
}

/** The key a message variant belongs to: without its plural and context suffixes. */
export function baseKey(key: string): string {
  return key.replace(PLURAL_SUFFIX, "").replace(CONTEXT_SUFFIX, "");
}
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

type Part = { literal: string } | { name: string };

interface CompiledMessage {
  parts: readonly Part[];
  placeholders: ReadonlySet<string>;
}

/** Values interpolated into a message, already escaped for the output. */
export type MessageValues = Readonly<Record<string, string>>;

/** The compiled messages of one locale. */
export class Messages {
  readonly locale: Locale;
  readonly #messages: ReadonlyMap<string, CompiledMessage>;
  readonly #pluralRules = new Map<string, Intl.PluralRules>();

  /** @internal Use {@link loadMessages}. */
  constructor(locale: Locale, messages: ReadonlyMap<string, CompiledMessage>) {
    this.locale = locale;
    this.#messages = messages;
  }

  /** True when `key` exists, plain or with plural forms. */
  has(key: string): boolean {
    return this.#messages.has(key) || this.#messages.has(`${key}_other`);
  }

  /**
   * The key to use for `key` in `context`: its variant when this locale has one, else `key` itself.
   * With an `agreement` too (a direction whose verb agrees with its subject: "Faillissementen
   * stijgen naar…"), `key_<context>_<agreement>` comes first, then `key_<context>`.
   */
  variant(key: string, context: string | undefined, agreement?: string): string {
    if (context !== undefined && agreement !== undefined && this.has(`${key}_${context}_${agreement}`)) return `${key}_${context}_${agreement}`;
    return context !== undefined && this.has(`${key}_${context}`) ? `${key}_${context}` : key;
  }

  /** The placeholder names of `key` (of its `other` form when plural). */
  placeholders(key: string): ReadonlySet<string> {
    return (this.#messages.get(key) ?? this.#messages.get(`${key}_other`))?.placeholders ?? new Set();
  }

  /**
   * The plural category of `count` as it is shown with `fractionDigits`
   * decimals (1,2 → one in French, 2,2 → other).
   */
  pluralCategory(count: number, fractionDigits = 0): Intl.LDMLPluralRule {
    const cacheKey = String(fractionDigits);
    let rules = this.#pluralRules.get(cacheKey);
    if (!rules) {
      rules = new Intl.PluralRules(INTL_TAG[this.locale], { minimumFractionDigits: 0, maximumFractionDigits: fractionDigits });
      this.#pluralRules.set(cacheKey, rules);
    }
    return rules.select(count);
  }

  /**
   * Formats `key` with `values`. With `plural`, picks the `key_<category>`
   * form. A value placed at the very start of a message is capitalised; in
   * French, `à`/`de` followed by a value starting with `le`/`les` contract
   * (au, aux, du, des), `de` before a vowel elides (d’un an, d’environ
   * 20), and an upper bound after `de` reads "allant jusqu’à"; in Dutch, one
   * after `van` reads "maximaal" (van maximaal 12 miljoen). Throws on a missing key or value: templates are
   * checked before rendering, so that is a bug.
   */
  format(key: string, values: MessageValues = {}, plural?: Intl.LDMLPluralRule, context?: string, agreement?: string): string {
    key = this.variant(key, context, agreement);
    const message = plural
      ? (this.#messages.get(`${key}_${plural}`) ?? this.#messages.get(`${key}_other`))
      : this.#messages.get(key);
    if (!message) throw new Error(`missing message ${this.locale}:${key}${plural ? `_${plural}` : ""}`);
    let out = "";
    message.parts.forEach((part, index) => {
      if ("literal" in part) {
        out += part.literal;
        return;
      }
      let value = values[part.name];
      if (value === undefined) throw new Error(`missing value {{${part.name}}} for ${this.locale}:${key}`);
      // A figure is a fragment (trois ans, en baisse de…): only a sentence opens with a capital.
      if (index === 0 && !key.startsWith("figure.")) value = capitalize(value);
      if (this.locale === "fr") {
        const contracted = contractFrench(out, value);
        out = contracted.before;
        value = contracted.value;
      } else if (this.locale === "nl" && out.endsWith("van ") && value.startsWith("tot ")) {
        // "van tot" is no Dutch: after "van", an upper bound reads "maximaal" (een boete van maximaal …).
        value = `maximaal ${value.slice("tot ".length)}`;
      }
      out += value;
    });
    return out;
  }
}

/** Upper-cases the first letter of a text. */
export function capitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const char = String.fromCodePoint(first);
  return char.toLocaleUpperCase("fr") + text.slice(char.length);
}

const FRENCH_CONTRACTIONS = new Map([
  ["à le", "au"],
  ["à les", "aux"],
  ["de le", "du"],
  ["de les", "des"],
]);

/**
 * A French value before which `de` elides to `d’`: one that opens with a
 * vowel (d’un an, d’environ 20, d’au moins 12, d’Eurostat), but not `onze`,
 * `oui` or a `y` before a vowel (de yaourt), nor any `h`, which may be
 * aspirate (de huit jours, du Hainaut).
 */
const FRENCH_ELIDING = /^(?!(?:onze|onzième|oui)(?![\p{L}]))(?:[aeiouàâäéèêëîïôöûùüœæ]|y(?![aeiouàâäéèêëîïôöûùü]))/iu;

function contractFrench(before: string, value: string): { before: string; value: string } {
  const prep = /(^|[\s(])(à|de) $/.exec(before);
  // "de jusqu’à" is no French: an upper bound after a noun reads "allant jusqu’à" (une amende allant jusqu’à …).
  if (prep?.[2] === "de" && value.startsWith("jusqu’à ")) return { before: `${before.slice(0, before.length - "de ".length)}allant `, value };
  if (prep?.[2] === "de" && FRENCH_ELIDING.test(value)) return { before: `${before.slice(0, before.length - "de ".length)}d’`, value };
  const article = /^(les|le) /.exec(value);
  if (!prep || !article) return { before, value };
  const contracted = FRENCH_CONTRACTIONS.get(`${prep[2]} ${article[1]}`);
  if (!contracted) return { before, value };
  return { before: before.slice(0, before.length - prep[2]!.length - 1), value: `${contracted} ${value.slice(article[0].length)}` };
}

/**
 * A locale file read as JSON when it is plain JSON with no repeated key (the
 * positions of its messages, for a diagnostic, are then read with the YAML
 * parser only if asked), else through the YAML parser, which reports each
 * problem at its place.
 */
function parseLocaleFile(file: LocaleFile): PositionedYaml {
  return parseJson(file.text, { file: file.file });
}

/** Result of {@link loadMessages}. */
export interface LoadedMessages {
  catalog: ReadonlyMap<Locale, Messages>;
  /** The i18next instances the catalog was read through, one per locale. */
  i18n: ReadonlyMap<Locale, i18n>;
  diagnostics: Diagnostic[];
}

/**
 * Loads and checks the locale files: valid JSON, string leaves only, no
 * digits (figures come only from the dataset), no i18next features that
 * would run at render time ($t nesting, formatters, unescaped values),
 * the same keys and the same placeholders in every locale, and every
 * plural category the locale needs.
 */
export function loadMessages(files: readonly LocaleFile[]): LoadedMessages {
  const diagnostics: Diagnostic[] = [];
  if (files.length === 0) return { catalog: new Map(), i18n: new Map(), diagnostics };
  const flat = new Map<Locale, { file: LocaleFile; entries: Map<string, string>; locate: (key: string) => { line: number; column: number } }>();
  // A missing locale's file is named in the folder the others were read from.
  const first = files[0]!.file;
  const folder = first.includes("/") ? first.slice(0, first.lastIndexOf("/")) : "locales";
  for (const locale of LOCALES) {
    const file = files.find((f) => f.locale === locale);
    if (!file) {
      diagnostics.push(diagnose(CATALOGUE["locale/missing-file"], { locale }, { file: `${folder}/${locale}.json`, expected: `${folder}/${locale}.json` }));
      continue;
    }
    const yaml = parseLocaleFile(file);
    diagnostics.push(...yaml.diagnostics.map((d) => ({ ...d, rule: d.rule.replace(/^(?:yaml|json)\//, "locale/") })));
    if (yaml.value === undefined) continue;
    const entries = new Map<string, string>();
    flatten(yaml.value, [], entries, (path, problem) =>
      diagnostics.push(diagnose(CATALOGUE["locale/invalid-value"], problem, { file: file.file, ...yaml.locate(path), path: path.join(".") })),
    );
    flat.set(locale, { file, entries, locate: (key) => yaml.locate(key.split(".")) });
  }

  // Every message is resolved through i18next once per locale per run, then
  // compiled; rendering never calls t().
  const i18n = new Map<Locale, i18n>();
  const compiled = new Map<Locale, Map<string, CompiledMessage>>();
  for (const [locale, { file, entries, locate }] of flat) {
    const instance = i18next.createInstance();
    void instance.init({
      lng: locale,
      fallbackLng: false,
      initAsync: false,
      resources: { [locale]: { translation: unflatten(entries) } },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    i18n.set(locale, instance);
    const messages = new Map<string, CompiledMessage>();
    for (const key of entries.keys()) {
      const text = instance.t(key, { skipInterpolation: true });
      // Where the message is written, looked up only for a message with a problem.
      const at = () => ({ file: file.file, ...locate(key), path: key });
      if (text.trim() === "") diagnostics.push(diagnose(CATALOGUE["locale/empty"], { key }, at()));
      if (/[0-9]/.test(text)) {
        diagnostics.push(diagnose(CATALOGUE["locale/digit"], { key }, { ...at(), ...digitIn(file.text, locate(key)), actual: text }));
      }
      if (/\$t\(|\{\{-|\{\{[^}]*,/.test(text)) {
        diagnostics.push(diagnose(CATALOGUE["locale/unsupported"], { key }, { ...at(), expected: "plain text with {{name}} placeholders", actual: text }));
      }
      messages.set(key, compile(text));
    }
    compiled.set(locale, messages);
  }

  checkAcrossLocales(flat, compiled, diagnostics);

  const catalog = new Map<Locale, Messages>();
  for (const [locale, messages] of compiled) catalog.set(locale, new Messages(locale, messages));
  return { catalog, i18n, diagnostics };
}

/**
 * Where the first digit of the JSON string at `at` stands on its line (an
 * escape such as \u00a0 is passed over, not read as digits); `at` itself
 * when the string does not start on that line as expected.
 */
function digitIn(text: string, at: { line: number; column: number }): { line: number; column: number } {
  const line = text.split("\n")[at.line - 1] ?? "";
  let i = at.column - 1;
  if (line[i] === '"') i++;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (c === "\\") {
      i += line[i + 1] === "u" ? 5 : 1;
      continue;
    }
    if (c === '"') break;
    if (c >= "0" && c <= "9") return { line: at.line, column: i + 1 };
  }
  return at;
}

function checkAcrossLocales(
  flat: Map<Locale, { file: LocaleFile; entries: Map<string, string>; locate: (key: string) => { line: number; column: number } }>,
  compiled: Map<Locale, Map<string, CompiledMessage>>,
  diagnostics: Diagnostic[],
): void {
  const baseKeys = new Map<Locale, Set<string>>();
  // A context variant (`key_f`, `key_down`) is optional: only its plain key must be in every locale.
  for (const [locale, { entries }] of flat) {
    const has = (k: string) => entries.has(k);
    baseKeys.set(locale, new Set([...entries.keys()].filter((k) => baseKey(k) === pluralBase(k, has)).map((k) => pluralBase(k, has))));
  }
  const all = new Set([...baseKeys.values()].flatMap((s) => [...s]));
  for (const [locale, keys] of baseKeys) {
    const { file, entries, locate } = flat.get(locale)!;
    const categories = new Intl.PluralRules(INTL_TAG[locale]).resolvedOptions().pluralCategories;
    for (const key of [...all].sort()) {
      if (!keys.has(key)) {
        const other = [...baseKeys].find(([, k]) => k.has(key))![0];
        // At the object that should hold it (its nearest ancestor in this file).
        diagnostics.push(diagnose(CATALOGUE["locale/missing-key"], { key, other, locale }, { file: file.file, ...locate(key), path: key, expected: `a ${locale} text for \`${key}\`` }));
        continue;
      }
      const plural = [...entries.keys()].some((k) => k !== key && pluralBase(k, (other) => entries.has(other)) === key);
      if (plural) {
        for (const category of categories) {
          if (!entries.has(`${key}_${category}`)) {
            diagnostics.push(diagnose(CATALOGUE["locale/missing-plural"], { key, category, locale }, { file: file.file, ...locate(`${key}_other`), path: key, expected: `${key}_${category}` }));
          }
        }
      }
      // Each locale writes a season's second year its own way: 2026-2027 ({{to}}) or 2026-27 ({{toShort}}).
      if (key === "figure.seasonYears") continue;
      const mine = placeholderSet(compiled.get(locale)!, key);
      for (const [otherLocale, messages] of compiled) {
        if (otherLocale === locale || !baseKeys.get(otherLocale)!.has(key)) continue;
        const theirs = placeholderSet(messages, key);
        const missing = [...theirs].filter((p) => !mine.has(p));
        if (missing.length > 0) {
          diagnostics.push(diagnose(CATALOGUE["locale/placeholders"], { key, missing, other: otherLocale }, { file: file.file, ...locate(entries.has(key) ? key : `${key}_other`), path: key, expected: [...theirs].sort().join(", "), actual: [...mine].sort().join(", ") }));
        }
      }
    }
  }
}

function placeholderSet(messages: Map<string, CompiledMessage>, key: string): Set<string> {
  const found = new Set<string>();
  for (const [k, m] of messages) if (k === key || pluralBase(k, (other) => messages.has(other)) === key) m.placeholders.forEach((p) => found.add(p));
  return found;
}

function compile(text: string): CompiledMessage {
  const parts: Part[] = [];
  const placeholders = new Set<string>();
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ literal: text.slice(last, match.index) });
    const name = match[1]!;
    parts.push({ name });
    placeholders.add(name);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ literal: text.slice(last) });
  return { parts, placeholders };
}

function flatten(value: unknown, path: string[], into: Map<string, string>, report: (path: string[], problem: { key: string } | { found: string }) => void): void {
  if (typeof value === "string") into.set(path.join("."), value);
  else if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes(".")) report([...path, key], { key });
      else flatten(child, [...path, key], into, report);
    }
  } else report(path, { found: Array.isArray(value) ? "a list" : typeof value });
}

function unflatten(entries: Map<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, text] of entries) {
    const parts = key.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = text;
  }
  return root;
}
