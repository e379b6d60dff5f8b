/**
 * The catalogue of diagnostics: one entry per rule id, with its title, the
 * one function that words its message from the values of a case, an optional
 * hint for the reference page, and `usage: true` when the problem is with
 * how a command is called or the project set up (exit 2).
 *
 * Call sites name an entry and pass values and a position to `diagnose` or
 * `phrase` (see report.ts); no message text or rule id is written anywhere
 * else. `docs/diagnostics.md` is generated from this file
 * (`npm run docs:diagnostics`).
 *
 * Rules whose id is made at run time are family entries: their key and
 * `rule` show the id's pattern (`<schema>/unknown-key`), and `ruleFor` makes
 * the id from the dynamic part passed as an argument (the schema name, the
 * YAML parser's error code).
 *
 * A leaf: it imports nothing but types.
 */
import type { Severity } from "./diagnostic.ts";

/** One rule of the catalogue. */
export interface CatalogueEntry<A = never> {
  /** Stable rule id; for a family, its pattern (`<schema>/unknown-key`). */
  rule: string;
  /** A short name of the problem, for the reference page. */
  title: string;
  /** The one wording of the rule's message. */
  message: (args: A) => string;
  /** What to do about it, for the reference page. */
  hint?: string;
  /** The problem is with how a command is called or the project set up: exit 2. */
  usage?: true;
  /** Only printed, never failing a run. @default "error" */
  severity?: Severity;
  /** For a family: the rule id of one case, from its dynamic part. */
  ruleFor?: (args: A) => string;
}

/** Who holds the output lock. */
interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** The schemas whose shape problems are a family (`facts.yaml`, the source's front matter). */
type Schema = { schema: string };

/** The YAML parser's error codes that have a rule of their own; any other is `yaml/syntax`. */
const YAML_CODES: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: "yaml/duplicate-key",
  TAG_RESOLVE_FAILED: "yaml/tag",
  BAD_ALIAS: "yaml/alias",
};

export const CATALOGUE = {
  // Project set-up and command line.
  "config/preview-location": {
    rule: "config/preview-location",
    title: "A preview that would overwrite the project",
    message: (a: { dir: string }) => `\`${a.dir}\` cannot hold a preview: it is the output folder, the project root, or an input folder (or holds one)`,
    usage: true,
  },
  "config/not-a-folder": {
    rule: "config/not-a-folder",
    title: "A folder to write to is a file",
    message: (a: { dir: string; kind: string }) => `\`${a.dir}\` is ${a.kind}, not a folder: nothing can be written there`,
    hint: "Give a folder that does not exist yet or is a folder.",
    usage: true,
  },
  "config/missing-folder": {
    rule: "config/missing-folder",
    title: "A folder of the project is missing",
    message: (a: { folder: string; root?: boolean }) => (a.root ? `the project root \`${a.folder}\` does not exist or is not a folder` : `the folder \`${a.folder}\` does not exist`),
    hint: "Run the command from the project root or pass --root; a project holds content/, templates/ and locales/, and `newsbrief init` starts one.",
    usage: true,
  },
  "config/missing-file": {
    rule: "config/missing-file",
    title: "The HTML page template is missing",
    message: () => "the HTML page template is missing",
    hint: "Add templates/page.html.hbs.",
    usage: true,
  },
  "config/out-is-link": {
    rule: "config/out-is-link",
    title: "The output folder is a symbolic link",
    message: () => "the output folder is a symbolic link: a build replaces the folder whole, and would replace the link with a folder of its own",
    hint: "Give --out the folder the link points to, or remove the link.",
    usage: true,
  },
  "config/out-contains-inputs": {
    rule: "config/out-contains-inputs",
    title: "The output folder overlaps the inputs",
    message: () => "the output folder is replaced whole by every build: it cannot be the project root, contain an input folder or sit inside one",
    hint: "Give the outputs a folder of their own, such as out/.",
    usage: true,
  },

  // Reading input files.
  "content/missing-file": {
    rule: "content/missing-file",
    title: "An input file is missing",
    message: (a: { file: string }) => `\`${a.file}\` is missing`,
    hint: "Every article folder holds facts.yaml and source.fr.md.",
  },
  "content/not-a-file": {
    rule: "content/not-a-file",
    title: "An input is not a regular file",
    message: (a: { file: string }) => `\`${a.file}\` is a symbolic link or not a regular file: it is not read`,
    hint: "Replace the link or special file by the file itself.",
  },
  "content/unreadable": {
    rule: "content/unreadable",
    title: "An input file cannot be read",
    message: (a: { file: string; code: string }) => `\`${a.file}\` cannot be read (${a.code})`,
    hint: "Give the user who runs newsbrief read access to the file (EACCES is a permission).",
  },
  "content/symlink": {
    rule: "content/symlink",
    title: "A symbolic link among the inputs",
    message: (a: { file: string; base?: boolean }) => `\`${a.file}\` is a symbolic link${a.base ? " at the base commit" : ""}: links are not followed, put the files themselves here`,
    hint: "Links are never followed: put the files themselves in the project.",
  },
  "content/too-large": {
    rule: "content/too-large",
    title: "An input file is too large",
    message: (a: { file: string; max: number }) => `\`${a.file}\` is larger than ${a.max} bytes`,
  },
  "content/encoding": {
    rule: "content/encoding",
    title: "An input file is not UTF-8",
    message: (a: { offset: number }) => `invalid UTF-8 at byte ${a.offset}`,
    hint: "Save the file as UTF-8.",
  },
  "content/nul": {
    rule: "content/nul",
    title: "An input file contains a NUL character",
    message: () => "the file contains a NUL character",
  },
  "content/empty": {
    rule: "content/empty",
    title: "No articles",
    message: () => "no articles: add a folder with facts.yaml and source.fr.md",
    severity: "warning",
  },
  "content/invalid-slug": {
    rule: "content/invalid-slug",
    title: "An article folder's name is not a slug",
    message: (a: { slug: string }) => `the folder name \`${a.slug}\` is not a valid slug`,
    hint: "Use lower-case letters, digits and single hyphens, at most 80 characters.",
  },

  // YAML.
  "yaml/<parser-code>": {
    rule: "yaml/<parser-code>",
    title: "The YAML parser refuses the text",
    message: (a: { code: string; text: string }) => a.text,
    ruleFor: (a: { code: string; text: string }) => YAML_CODES[a.code] ?? "yaml/syntax",
    hint: "The parser's own message; a key written twice in a mapping is named, with the lines of both. Its error codes DUPLICATE_KEY, TAG_RESOLVE_FAILED and BAD_ALIAS give `yaml/duplicate-key`, `yaml/tag` and `yaml/alias`, any other `yaml/syntax`. In locales/*.json every `yaml/` rule is reported as `locale/`.",
  },
  "yaml/too-deep": {
    rule: "yaml/too-deep",
    title: "Brackets nested too deep",
    message: (a: { max: number }) => `brackets and braces nest more than ${a.max} levels deep here`,
    hint: "No dataset needs this: a bracket is probably left open (or the file is not a dataset).",
  },
  "json/syntax": {
    rule: "json/syntax",
    title: "A JSON file that is not valid JSON",
    message: (a: { reason: string }) => `not valid JSON: ${a.reason}`,
    hint: "Locale files and newsbrief.config.json are JSON: keys and texts in double quotes, no comma after the last entry, no comments. In locales/*.json it is reported as `locale/syntax`.",
  },
  "yaml/syntax": {
    rule: "yaml/syntax",
    title: "More YAML problems than are listed",
    message: (a: { more: number }) => `${a.more} more YAML problem(s) after this point, probably caused by the ones above`,
    hint: "Fix the problems listed first: the later ones often follow from them.",
  },
  "yaml/alias": {
    rule: "yaml/alias",
    title: "A YAML anchor or alias",
    message: (a: { kind: "aliases" | "anchors"; mark: string }) => `YAML ${a.kind} (${a.mark}) are not allowed: write the value out`,
  },
  "yaml/tag": {
    rule: "yaml/tag",
    title: "A YAML tag",
    message: (a: { tag: string }) => `YAML tags (${a.tag}) are not allowed`,
  },
  "yaml/merge-key": {
    rule: "yaml/merge-key",
    title: "A YAML merge key",
    message: () => "YAML merge keys (<<) are not allowed",
  },

  // Shape of facts.yaml and of the source's front matter.
  "<schema>/unknown-key": {
    rule: "<schema>/unknown-key",
    title: "An unknown field",
    message: (a: Schema & { key: string }) => `unknown field \`${a.key}\``,
    ruleFor: (a: Schema & { key: string }) => `${a.schema}/unknown-key`,
    hint: "`<schema>` is facts (facts.yaml), front-matter (the source's front matter), config (newsbrief.config.json) or story-type (a story type's type.yaml). The `expected:` line lists the fields allowed where the unknown one stands.",
  },
  "<schema>/missing-field": {
    rule: "<schema>/missing-field",
    title: "A required field is missing",
    message: (a: Schema & { field: string }) => `missing field \`${a.field}\``,
    ruleFor: (a: Schema & { field: string }) => `${a.schema}/missing-field`,
    hint: "`<schema>` is facts or front-matter.",
  },
  "<schema>/invalid-type": {
    rule: "<schema>/invalid-type",
    title: "A field has the wrong type",
    message: (_: Schema) => "wrong type",
    ruleFor: (a: Schema) => `${a.schema}/invalid-type`,
    hint: "`<schema>` is facts or front-matter.",
  },
  "<schema>/<issue>": {
    rule: "<schema>/<issue>",
    title: "A field has a value it cannot have",
    message: (a: Schema & { issue: "invalid-value" | "out-of-range" | "invalid-format"; discriminator?: string }) => (a.discriminator ? `unknown ${a.discriminator}` : "invalid value"),
    ruleFor: (a: Schema & { issue: "invalid-value" | "out-of-range" | "invalid-format" }) => `${a.schema}/${a.issue}`,
    hint: "`<schema>` is facts, front-matter or config (newsbrief.config.json, such as a `lint.check` other than typography or all); `<issue>` is invalid-value, out-of-range (too small or too large) or invalid-format. The message names the field that chooses an item's form (`unknown type`) when that field is wrong.",
  },

  // Front matter of the source.
  "front-matter/opener": {
    rule: "front-matter/opener",
    title: "The front matter names a language",
    message: () => "front matter must open with a bare `---` line: no language after it",
  },
  "front-matter/missing": {
    rule: "front-matter/missing",
    title: "The source has no front matter",
    message: () => "the source must start with front matter (a `---` line)",
  },
  "front-matter/unclosed": {
    rule: "front-matter/unclosed",
    title: "The front matter is never closed",
    message: () => "front matter is never closed: add a `---` line after it",
  },

  // Rules across the fields of facts.yaml.
  "facts/duplicate-id": {
    rule: "facts/duplicate-id",
    title: "An id is used twice",
    message: (a: { id: string; first: string }) => `id \`${a.id}\` is already used by ${a.first}`,
  },
  "facts/unknown-reference": {
    rule: "facts/unknown-reference",
    title: "A reference to no fact",
    message: (a: { id: string }) => `no fact has the id \`${a.id}\``,
  },
  "facts/reference-type": {
    rule: "facts/reference-type",
    title: "A reference to a fact of the wrong kind",
    message: (a: { id: string; part: boolean; found: string; wanted: string }) => `${a.part ? "part " : ""}\`${a.id}\` is ${a.found}, not ${a.wanted}`,
    hint: "A breakdown is of a money fact, and its parts are money in the same currency; a change goes from one fact to another of the same kind, and is compared with a period.",
  },
  "facts/duplicate-part": {
    rule: "facts/duplicate-part",
    title: "A breakdown lists a part twice",
    message: (a: { part: string; breakdown: string }) => `\`${a.part}\` is listed twice in breakdown \`${a.breakdown}\``,
  },
  "facts/rest-not-a-part": {
    rule: "facts/rest-not-a-part",
    title: "A breakdown's rest is not one of its parts",
    message: (a: { id: string; breakdown: string }) => `\`${a.id}\` is the rest of breakdown \`${a.breakdown}\` but not one of its parts`,
    hint: "`rest` names the part that gathers the others (“the other credits”); list it in `parts` too.",
  },
  "facts/precision-above-value": {
    rule: "facts/precision-above-value",
    title: "A precision coarser than the amount",
    message: (a: { id: string }) => `the precision of \`${a.id}\` is larger than the amount itself`,
    hint: "`precision` is the step of the last digit the source states: 100000 for “544,7 millions”.",
  },
  "facts/breakdown-sum": {
    rule: "facts/breakdown-sum",
    title: "A complete breakdown does not add up",
    message: (a: { breakdown: string; sum: number; total: string }) => `the parts of \`${a.breakdown}\` add up to ${a.sum}, not to \`${a.total}\`; set \`complete: false\` if the breakdown is partial`,
  },
  "facts/breakdown-exceeds-total": {
    rule: "facts/breakdown-exceeds-total",
    title: "A breakdown adds up to more than its total",
    message: (a: { breakdown: string; total: string }) => `the parts of \`${a.breakdown}\` add up to more than \`${a.total}\``,
  },
  "facts/missing-label": {
    rule: "facts/missing-label",
    title: "A fact with neither a label nor a measure",
    message: (a: { id: string }) => `fact \`${a.id}\` needs a \`label\` in fr, nl and en, or a \`measure\` of its story type`,
    hint: "`newsbrief templates` lists each story type's measures; a measure gives the label in every language.",
  },
  "facts/unknown-measure": {
    rule: "facts/unknown-measure",
    title: "A measure the story type does not know",
    message: (a: { measure: string; template: string }) => `the story type \`${a.template}\` has no measure \`${a.measure}\``,
    hint: "Use a measure that `newsbrief templates` lists for the story type, or give the fact a `label` instead.",
  },
  "facts/label-hides-sign": {
    rule: "facts/label-hides-sign",
    title: "A label replaces the words that say an amount is below zero",
    message: (a: { id: string; measure: string; negative: string }) => `fact \`${a.id}\` is below zero, which its measure \`${a.measure}\` says with its own words (${a.negative}), but its \`label\` replaces them in every brief`,
    hint: "Remove the `label`, so that the briefs say the loss or deficit with the measure's words; a figure below zero of such a measure is written without its sign.",
  },
  "facts/approx-and-bound": {
    rule: "facts/approx-and-bound",
    title: "A figure both hedged and bounded",
    message: (a: { id: string }) => `fact \`${a.id}\` cannot be both \`approx\` and a \`bound\`: a bound says more than, at least, less than or up to, not about`,
  },
  "facts/change-ends": {
    rule: "facts/change-ends",
    title: "A change without its value or its two ends",
    message: (a: { id: string }) => `change \`${a.id}\` needs a \`value\`, or both \`from\` and \`to\` (then it is computed)`,
  },
  "facts/change-value": {
    rule: "facts/change-value",
    title: "A change whose value is not the one its ends give",
    message: (a: { id: string; computed: string }) => `change \`${a.id}\` is ${a.computed} from its \`from\` and \`to\` facts: its \`value\` says otherwise`,
    hint: "Leave `value` out to have it computed, or correct the facts it is computed from.",
  },
  "facts/change-currency": {
    rule: "facts/change-currency",
    title: "A change in money without its currency",
    message: (a: { id: string }) => `change \`${a.id}\` counts money: it needs a \`currency\` (or \`from\` and \`to\` money facts to take it from)`,
  },
  "facts/false-precision": {
    rule: "facts/false-precision",
    title: "A display more precise than the source",
    message: (a: { id: string }) => `\`${a.id}\` would be shown more precisely than the source states it`,
  },
  "facts/invalid-range": {
    rule: "facts/invalid-range",
    title: "A range that ends before it starts",
    message: (a: { id: string }) => `the range of \`${a.id}\` ends before it starts`,
  },
  "facts/invalid-date": {
    rule: "facts/invalid-date",
    title: "A date that is not in the calendar",
    message: (a: { value: string; kind: string }) => `\`${a.value}\` is not a calendar ${a.kind}`,
  },
  "facts/quote-translation": {
    rule: "facts/quote-translation",
    title: "A quote's translation is not marked as one",
    message: (a: { locale: string; quote: string; lang: string }) =>
      `the ${a.locale} text of quote \`${a.quote}\` ${a.locale === a.lang ? "is its original: it cannot be a translation" : `must say it is translated from ${a.lang}`}`,
    hint: "The text in the quote's own language is plain; the others say `translated-from: <lang>`.",
  },
  "facts/typography": {
    rule: "facts/typography",
    title: "A straight apostrophe in French",
    message: () => "French text uses a straight apostrophe",
    severity: "warning",
  },
  "facts/figure-in-text": {
    rule: "facts/figure-in-text",
    title: "A figure in a free text",
    message: (a: { figure: string; what: string }) => `${a.what} holds a figure, “${a.figure}”: a figure reaches a brief only as a fact`,
    hint: "Make the figure a fact of facts.yaml (with its evidence), and let the template show it; a number written in words is a figure too.",
  },
  "facts/quote-figures": {
    rule: "facts/quote-figures",
    title: "A quote's translation does not carry the figures of its original",
    message: (a: { locale: string; quote: string; lang: string }) => `the ${a.locale} translation of quote \`${a.quote}\` does not carry exactly the figures of its ${a.lang} original`,
    hint: "A translated quote says the same figures as the words the speaker said, written in its own language.",
  },
  "facts/foreign-digit": {
    rule: "facts/foreign-digit",
    title: "A digit other than 0–9 in a text",
    message: (a: { code: string; what: string }) => `${a.what} holds ${a.code}, a digit other than 0–9`,
    hint: "Figures are written with the digits 0–9 only, and come from facts; other digit systems, fullwidth digits, superscripts and subscripts are refused.",
  },
  "facts/invisible-character": {
    rule: "facts/invisible-character",
    title: "An invisible or bidirectional control character in a text",
    message: (a: { code: string; what: string }) => `${a.what} holds ${a.code}, an invisible or bidirectional control character`,
    hint: "Remove it: zero-width and direction-control characters (U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+FEFF, a soft hyphen in a number) hide or reverse what a reader sees.",
  },
  "facts/unknown-template": {
    rule: "facts/unknown-template",
    title: "A template that does not exist",
    message: (a: { template: string }) => `no template \`${a.template}\` in templates/`,
  },
  "facts/missing-requirement": {
    rule: "facts/missing-requirement",
    title: "An article lacks what its story type needs",
    message: (a: { template: string; what: string }) => `the story type \`${a.template}\` needs ${a.what}`,
    hint: "`newsbrief templates` lists what each story type requires; add it to facts.yaml, or choose another `editorial.template`.",
  },
  "draft/todo": {
    rule: "draft/todo",
    title: "An editor's decision is still open",
    message: (a: { what: string }) => `an editor's decision is still open: ${a.what}`,
    hint: "Replace every TODO left by `newsbrief new` or `extract --draft`.",
  },

  // Provenance: every fact quotes the source, every source figure is covered.
  "provenance/missing-evidence": {
    rule: "provenance/missing-evidence",
    title: "A fact without evidence",
    message: (a: { id: string }) => `fact \`${a.id}\` has no evidence: quote the words of the source it comes from`,
  },
  "provenance/evidence-not-found": {
    rule: "provenance/evidence-not-found",
    title: "Evidence that is not in the source",
    message: (a: { id: string; source: string }) => `the evidence of \`${a.id}\` is not in ${a.source}`,
  },
  "provenance/no-figure": {
    rule: "provenance/no-figure",
    title: "Evidence without a figure",
    message: (a: { id: string; where: string }) => `the evidence of \`${a.id}\` at ${a.where} holds no figure`,
  },
  "provenance/wrong-unit": {
    rule: "provenance/wrong-unit",
    title: "Evidence in another unit",
    message: (a: { id: string; fact: string; where: string; figure: string; unit: string }) => `fact \`${a.id}\` is ${a.fact}, but its evidence at ${a.where} reads “${a.figure}” as ${a.unit}`,
  },
  "provenance/hedge": {
    rule: "provenance/hedge",
    title: "The source hedges an exact fact",
    message: (a: { id: string; where: string; figure: string }) => `the source hedges the figure of \`${a.id}\` at ${a.where} (“${a.figure}”), but the fact is not approximate`,
  },
  "provenance/direction": {
    rule: "provenance/direction",
    title: "A figure stored with the opposite sign of its source",
    message: (a: { id: string; where: string; words: string; above: boolean; change: boolean }) =>
      a.change
        ? `\`${a.id}\` stores a ${a.above ? "rise" : "fall"}, but the source says “${a.words}” at ${a.where}: a ${a.above ? "fall" : "rise"}`
        : `\`${a.id}\` stores a value ${a.above ? "above" : "below"} zero, but the source says “${a.words}” at ${a.where}: ${a.above ? "below" : "above"} zero`,
    hint: "A fall, a loss or a deficit is stored below zero (`value: -3.2`), a rise or a profit above: the briefs say “en baisse”, “perte nette”, “net loss” from the sign.",
  },
  "provenance/bound": {
    rule: "provenance/bound",
    title: "A bound of the source is missing from its fact",
    message: (a: { id: string; where: string; figure: string; bound: string }) => `the source gives the figure of \`${a.id}\` at ${a.where} (“${a.figure}”) as a bound (${a.bound}), but the fact does not say so`,
    hint: "Add `bound:` to the fact (more-than, at-least, less-than, up-to), so that the briefs say “plus de”, “meer dan”, “more than” rather than state the figure as exact.",
  },
  "provenance/value-mismatch": {
    rule: "provenance/value-mismatch",
    title: "A fact and its evidence disagree",
    message: (a: { id: string; stored: string; where: string; figure: string; value: string }) => `fact \`${a.id}\` stores ${a.stored}, but its evidence at ${a.where} reads “${a.figure}” as ${a.value}`,
  },
  "provenance/false-precision": {
    rule: "provenance/false-precision",
    title: "A fact more precise than its evidence",
    message: (a: { id: string; precision: number; finest: number }) => `fact \`${a.id}\` claims a precision of ${a.precision}, but its evidence states it only to ${a.finest}`,
  },
  "provenance/unused-ignore": {
    rule: "provenance/unused-ignore",
    title: "An `ignore` entry that ignores nothing",
    message: (a: { text: string; source: string } & ({ problem: "occurrence"; occurrence: number } | { problem: "not-found" } | { problem: "no-figure"; where: string })) =>
      a.problem === "occurrence"
        ? `occurrence ${a.occurrence} of “${a.text}” is not in ${a.source}`
        : a.problem === "not-found"
          ? `the ignored text is not in ${a.source}: remove the entry or quote the source exactly`
          : `the ignored text “${a.text}” at ${a.where} holds no figure that needs ignoring (none, or only evidence of facts): remove the entry`,
    hint: "The entry's text is not in the source, its occurrence is not there, or it holds no figure left to ignore.",
  },
  "provenance/uncovered": {
    rule: "provenance/uncovered",
    title: "A source figure no fact stands for",
    message: (a: { figure: string; facts: string }) => `the figure “${a.figure}” is the evidence of no fact: add it to a fact's \`evidence\` in ${a.facts}, or list it under \`ignore\` with a reason`,
  },
  "facts/not-shown": {
    rule: "facts/not-shown",
    title: "A fact or breakdown its story type would show in no brief of this article",
    message: (a: { id: string; template: string; when?: string; type?: string; like?: string; what?: "fact" | "breakdown" }) =>
      a.when !== undefined
        ? `${a.what ?? "fact"} \`${a.id}\` would appear in no brief: ${a.template} shows it only ${a.when}`
        : `${a.what ?? "fact"} \`${a.id}\` would appear in no brief: ${a.template} shows no ${a.what ?? "fact"} of that id${a.type ? ` and lists no ${a.type} fact` : ""}${a.like ? ` (did you mean \`${a.like}\`?)` : ""}`,
    hint: "A story type writes some figures only beside others (a previous value only with its period, an outlook's period only with an item of the outlook). Give the article what the type shows the fact with, or set `required: false` on the fact if the briefs may leave it out.",
  },
  "provenance/uncovered-title": {
    rule: "provenance/uncovered-title",
    title: "A figure of the source's title that no fact states",
    message: (a: { figure: string; facts: string }) => `the figure “${a.figure}” of the source's title states no fact's value: every brief cites the title, so add a fact for it in ${a.facts} (its evidence may be in the body; \`required: false\` if the template does not show it)`,
    hint: "The briefs cite the source's title word for word, and the verifier fails on any figure of theirs that matches no fact: an `ignore` entry cannot leave a figure of the title out. Add a fact whose value is the title's figure, with the body's words as its evidence. If the story type does not show that fact, give it `required: false`: the title is cited in the pages, not in the feeds' items, where a required fact must appear too.",
    severity: "warning",
  },
  "init/exists": {
    rule: "init/exists",
    title: "`init` would overwrite a folder of a project",
    message: (a: { folder: string }) => `\`${a.folder}\` already exists: nothing was written`,
    hint: "`init` starts a project in a folder that holds none of content/, templates/ and locales/; to add an article to a project, use `newsbrief new`.",
    usage: true,
  },
  "init/write-failed": {
    rule: "init/write-failed",
    title: "`init` could not write the project",
    message: (a: { root: string; code: string }) => `could not create the project in ${a.root} (${a.code}); nothing was left behind`,
    usage: true,
  },
  "new/invalid-slug": {
    rule: "new/invalid-slug",
    title: "`new` was given an invalid slug",
    message: (a: { slug: string }) => `\`${a.slug}\` is not a valid slug`,
    usage: true,
  },
  "new/exists": {
    rule: "new/exists",
    title: "`new` would overwrite an article",
    message: (a: { folder: string }) => `\`${a.folder}\` already exists: nothing was overwritten; choose another slug or remove the folder first`,
    usage: true,
  },
  "new/write-failed": {
    rule: "new/write-failed",
    title: "`new` could not write the article",
    message: (a: { folder: string; code: string; cleaned?: boolean }) => `could not ${a.cleaned ? "write" : "create"} \`${a.folder}\` (${a.code})${a.cleaned ? "; nothing was left behind" : ""}`,
    usage: true,
  },
  "new/unknown-type": {
    rule: "new/unknown-type",
    title: "`new` or `extract --draft` was given an unknown story type",
    message: (a: { type: string; folder: string }) => `no story type \`${a.type}\` in ${a.folder}/`,
    hint: "`newsbrief templates` lists the story types of the project; leave out --type to draft without one.",
    usage: true,
  },
  "new/empty-source": {
    rule: "new/empty-source",
    title: "`new` was given an empty text",
    message: () => "the text is empty: there is no article to start from",
  },

  // Locale files.
  "locale/missing-file": {
    rule: "locale/missing-file",
    title: "A locale has no messages",
    message: (a: { locale: string }) => `no messages for locale ${a.locale}`,
  },
  "locale/invalid-value": {
    rule: "locale/invalid-value",
    title: "A locale file holds something other than messages",
    message: (a: { key: string } | { found: string }) => ("key" in a ? `message keys cannot contain a dot: \`${a.key}\`` : `a message must be a text or a group of messages, not ${a.found}`),
    hint: "A locale file maps keys without dots to texts or to groups of messages.",
  },
  "locale/empty": {
    rule: "locale/empty",
    title: "An empty message",
    message: (a: { key: string }) => `message \`${a.key}\` is empty`,
  },
  "locale/digit": {
    rule: "locale/digit",
    title: "A digit in a message",
    message: (a: { key: string }) => `message \`${a.key}\` contains a digit: figures come only from the dataset`,
  },
  "locale/unsupported": {
    rule: "locale/unsupported",
    title: "A message uses an unsupported i18next feature",
    message: (a: { key: string }) => `message \`${a.key}\` uses nesting, a formatter or unescaped interpolation`,
  },
  "locale/missing-key": {
    rule: "locale/missing-key",
    title: "A message missing from one locale",
    message: (a: { key: string; other: string; locale: string }) => `message \`${a.key}\` exists in ${a.other} but not in ${a.locale}`,
  },
  "locale/missing-plural": {
    rule: "locale/missing-plural",
    title: "A plural form missing",
    message: (a: { key: string; category: string; locale: string }) => `plural message \`${a.key}\` lacks the \`${a.category}\` form that ${a.locale} needs`,
  },
  "locale/placeholders": {
    rule: "locale/placeholders",
    title: "Placeholders that differ between locales",
    message: (a: { key: string; missing: readonly string[]; other: string }) => `message \`${a.key}\` lacks {{${a.missing.join("}}, {{")}}} that ${a.other} has`,
  },
  "locale/missing-message": {
    rule: "locale/missing-message",
    title: "A message the briefs need is missing",
    message: (a: { key: string; locale: string; what?: string }) => `message \`${a.key}\` (${a.what ?? `the title of the ${a.locale} feed`}) is missing`,
  },

  // Templates.
  "template/syntax": {
    rule: "template/syntax",
    title: "A template does not parse",
    message: (a: { text: string }) => a.text,
    hint: "The Handlebars parser's own message.",
  },
  "template/unknown-helper": {
    rule: "template/unknown-helper",
    title: "A helper that is not a brief helper",
    message: (a: { name: string }) => `\`${a.name}\` is not a brief helper: data reaches a brief only through helpers`,
  },
  "template/unsupported": {
    rule: "template/unsupported",
    title: "A partial or decorator",
    message: () => "partials and decorators are not supported in brief templates",
  },
  "template/digit": {
    rule: "template/digit",
    title: "A number in a template",
    message: (a: { what: "numbers" | "digits" }) => `templates cannot contain ${a.what}: figures come only from the dataset`,
  },
  "template/unknown-message": {
    rule: "template/unknown-message",
    title: "A template uses a message that does not exist",
    message: (a: { name: string; locale: string }) => `template uses message \`${a.name}\`, which locales/${a.locale}.json does not have`,
  },
  "template/page-unknown-name": {
    rule: "template/page-unknown-name",
    title: "The page template names a value pages do not have",
    message: (a: { name: string }) => `the page template names \`${a.name}\`, which a page does not have`,
    hint: "templates/page.html.hbs is rendered with the brief's title, description, body and page settings; `expected:` lists them.",
  },
  "template/page-helper": {
    rule: "template/page-helper",
    title: "The page template calls a helper",
    message: (a: { name: string }) => `\`${a.name}\` is not a block the page template may use: only if, unless, each and with, each with one value`,
  },
  "template/unknown-name": {
    rule: "template/unknown-name",
    title: "A template names something the facts do not define",
    message: (a: { kind: string; name: string; facts: string }) => `template names ${a.kind} \`${a.name}\`, which ${a.facts} does not define`,
  },

  // Outputs.
  "out/locked": {
    rule: "out/locked",
    title: "A build is writing the outputs",
    message: (a: { out: string; holder: Holder; wait?: boolean }) =>
      `a build is writing ${a.out}/ (process ${a.holder.pid} on ${a.holder.host || "this machine"}${a.holder.since ? ` since ${a.holder.since}` : ""}); try again when it is done${a.wait ? ", or pass --wait" : ""}`,
    hint: "`build --wait <seconds>` waits for the other build.",
  },
  "out/write-failed": {
    rule: "out/write-failed",
    title: "The outputs could not be written",
    message: (a: { out: string; reason: string }) => `could not write ${a.out}/ (${a.reason}); the previous ${a.out}/ is left as it was`,
  },
  "out/missing": {
    rule: "out/missing",
    title: "An output is missing",
    message: () => "this output is missing: run `newsbrief build`",
  },
  "out/stale": {
    rule: "out/stale",
    title: "An output is stale or edited by hand",
    message: () => "this output differs from what `newsbrief build` writes (stale or edited by hand)",
  },
  "out/orphan": {
    rule: "out/orphan",
    title: "An output no article produces",
    message: () => "no article produces this file any more: run `newsbrief build` to remove it (a file added to out/ by hand: delete it, or run `newsbrief build --no-cache`, which writes out/ anew)",
    hint: "`build` removes the files of an article that was removed; it does not look for files added to out/ by hand, which only a build without cache replaces.",
  },

  // The independent verifier.
  "verify/style": {
    rule: "verify/style",
    title: "A figure written against the house style",
    message: (a: { figure: string; where: string; problem: string }) => `${a.figure} in ${a.where}: ${a.problem}`,
  },
  "verify/false-precision": {
    rule: "verify/false-precision",
    title: "A figure more precise than its fact",
    message: (a: { figure: string; id: string; where: string }) => `${a.figure} is more precise than fact \`${a.id}\` in ${a.where}`,
  },
  "verify/approximation": {
    rule: "verify/approximation",
    title: "A figure hedged differently from its fact",
    message: (a: { figure: string; id: string; approx: boolean; where: string }) =>
      `${a.approx ? `${a.figure} must be hedged: fact \`${a.id}\` is approximate` : `${a.figure} is hedged, but fact \`${a.id}\` is exact`} in ${a.where}`,
  },
  "verify/bound": {
    rule: "verify/bound",
    title: "A figure bounded differently from its fact",
    message: (a: { figure: string; id: string; bound: string | undefined; shown: string | undefined; where: string }) =>
      `${a.figure} ${a.shown ? `is bounded ${a.shown}` : "has no bound"}, but fact \`${a.id}\` ${a.bound ? `is bounded ${a.bound}` : "has no bound"} in ${a.where}`,
    hint: "A bound (plus de, minstens, up to) is never an approximation: the brief shows the fact's bound, in its direction.",
  },
  "verify/ambiguous-figure": {
    rule: "verify/ambiguous-figure",
    title: "A figure several facts match equally well",
    severity: "warning",
    message: (a: { figure: string; ids: string[]; where: string }) =>
      `${a.figure} matches facts ${a.ids.map((id) => `\`${id}\``).join(", ")} equally well in ${a.where}; it is counted as \`${a.ids[0] ?? ""}\``,
    hint: "Give the facts different precisions or values, or show the figure at a step that tells them apart.",
  },
  "verify/unmatched-figure": {
    rule: "verify/unmatched-figure",
    title: "A figure of an output matches no fact",
    message: (a: { figure: string; where: string } | { date: "front matter's date" | "JSON-LD datePublished" }) =>
      "date" in a ? `the ${a.date} is not the editorial date` : `${a.figure} matches no fact of the dataset in ${a.where}`,
    hint: "Every figure a brief shows, its dates included, is a fact of the dataset.",
  },
  "verify/foreign-digit": {
    rule: "verify/foreign-digit",
    title: "A digit other than 0–9 in an output",
    message: (a: { code: string; where: string }) => `${a.code} in ${a.where} is a digit other than 0–9`,
    hint: "Briefs write figures with the digits 0–9 only; the diagnostic names the input the character came from.",
  },
  "verify/invisible-character": {
    rule: "verify/invisible-character",
    title: "An invisible or bidirectional control character in an output",
    message: (a: { code: string; where: string }) => `${a.code} in ${a.where} is an invisible or bidirectional control character`,
    hint: "Remove it from the input the diagnostic names.",
  },
  "verify/missing-fact": {
    rule: "verify/missing-fact",
    title: "A required fact missing from an output",
    message: (a: { id: string; locale: string; page: boolean }) => `fact \`${a.id}\` must appear in every brief but is missing from this ${a.locale} ${a.page ? "page" : "brief"}`,
  },
  "verify/front-matter": {
    rule: "verify/front-matter",
    title: "A brief's front matter is wrong",
    message: (a: { problem: "none" | "yaml" | "lang" }) =>
      a.problem === "none" ? "the brief has no front matter" : a.problem === "yaml" ? "the front matter is not valid YAML" : "the front matter's lang does not match the file",
  },
  "verify/json-ld": {
    rule: "verify/json-ld",
    title: "The JSON-LD block is not JSON",
    message: () => "the JSON-LD block is not valid JSON",
  },
  "verify/feed": {
    rule: "verify/feed",
    title: "A feed item is incomplete or wrong",
    message: (a: { problem: "no-items" } | { problem: "fields"; id: string; locale: string } | { problem: "date"; id: string }) =>
      a.problem === "no-items"
        ? "the feed has no `items` list"
        : a.problem === "fields"
          ? `item \`${a.id}\` needs title, summary and content_html, and _newsbrief.locale ${a.locale}`
          : `date_published of \`${a.id}\` is not the editorial date`,
  },
  "verify/json": {
    rule: "verify/json",
    title: "An output is not valid JSON",
    message: (a: { reason: string }) => `not valid JSON: ${a.reason}`,
  },

  // Publishing.
  "publish/plan-failed": {
    rule: "publish/plan-failed",
    title: "A publication could not be planned",
    message: (a: { target: string; reason: string }) => `could not plan the ${a.target} publication: ${a.reason}`,
  },
  "publish/missing-brief": {
    rule: "publish/missing-brief",
    title: "A brief is missing from the outputs",
    message: (a: { locale: string; slug: string; out: string }) => `the ${a.locale} brief of ${a.slug} is missing from ${a.out}/: run \`newsbrief build\``,
  },
  "publish/future-date": {
    rule: "publish/future-date",
    title: "A brief dated in the future would be scheduled",
    message: (a: { key: string; date: string }) => `${a.key} is dated ${a.date}, in the future: published as asked, WordPress would schedule it for that date`,
    hint: "Give `--status future` to schedule the briefs dated in the future (and publish the others), or `--status draft` to keep them as drafts; nothing was sent.",
    usage: true,
  },
  "publish/unreadable-brief": {
    rule: "publish/unreadable-brief",
    title: "A brief cannot be read back",
    message: (a: { reason: string }) => a.reason,
  },
  // Language checks (`newsbrief lint`, and `newsbrief check`: the typography rules, spelling when set).
  "lint/<rule>": {
    rule: "lint/<rule>",
    title: "A brief's language breaks a house rule (spelling, typography)",
    message: (a: { rule: string; text: string; locale: string; output: string }) =>
      a.rule === "spelling"
        ? `“${a.text}” is not in the ${a.locale} dictionary nor in locales/words.${a.locale}.txt (shown at ${a.output})`
        : `${a.locale} text breaks the house rule \`${a.rule}\` (shown at ${a.output})`,
    hint: "Fix the text at the place named (a locale message, a story text of facts.yaml, a template line); for a name or an EU term, add it to locales/words.<locale>.txt. Each rule can be made a warning or turned off in newsbrief.config.json, where `lint.check` says whether `newsbrief check` runs spelling too (docs/lint.md).",
    ruleFor: (a: { rule: string }) => `lint/${a.rule}`,
  },
} as const satisfies Record<string, CatalogueEntry<never>>;

/** The rule ids and families of the catalogue. */
export type RuleId = keyof typeof CATALOGUE;
