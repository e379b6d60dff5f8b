/**
 * `newsbrief new <slug> --from <file>`: a new article folder made from a
 * French text, with the text verbatim as `source.fr.md` and a draft
 * `facts.yaml`. Nothing is written unless everything is in order.
 */
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { parseSource, SLUG_PATTERN } from "../content/load.ts";
import { parseYaml } from "../content/yaml.ts";
import { frontMatterEnd } from "../plan/front-matter.ts";
import type { FigureReader } from "./consistency.ts";
import { datelineOf } from "./dateline.ts";
import { draftFacts, draftSource, titleOf, type DraftInput } from "./draft.ts";

/** The files of a new article, or why there are none. */
export interface NewArticlePlan {
  files: Array<{ name: "source.fr.md" | "facts.yaml"; contents: string }>;
  diagnostics: Diagnostic[];
  /** Figures the draft was made from. */
  figures: number;
}

/** Plans a new article from a French text; pure. */
export function planNewArticle(slug: string, text: string, contentFolder: string, read: FigureReader, fromFile?: string, type?: DraftInput["type"]): NewArticlePlan {
  const folder = `${contentFolder}/${slug}`;
  const diagnostics: Diagnostic[] = checkSlug(slug, contentFolder);
  const sourceFile = `${folder}/source.fr.md`;
  // A text that is already a source.fr.md (front matter and body) is kept as it is.
  const ready = text.startsWith("---\n") ? parseSource(text, sourceFile) : undefined;
  // A text whose front matter opens and closes is meant as a source.fr.md: its front matter's
  // problems are reported at their place in that file, rather than the block pasted into a body.
  if (ready && !ready.value && frontMatterEnd(text) > 0) {
    diagnostics.push(...parseSource(text, fromFile ?? sourceFile).diagnostics);
    return { files: [], diagnostics, figures: 0 };
  }
  const title = ready?.value ? ready.value.frontMatter.title : titleOf(text.slice(frontMatterEnd(text)));
  if (!title) {
    diagnostics.push(diagnose(CATALOGUE["new/empty-source"], {}, { file: fromFile ?? folder }));
    return { files: [], diagnostics, figures: 0 };
  }
  const source = ready?.value ? text : draftSource(text, title);
  const parsed = ready?.value ? ready : parseSource(source, sourceFile);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.value || hasErrors(diagnostics)) return { files: [], diagnostics, figures: 0 };
  const figures = read(parsed.value.body);
  const date = parsed.value.frontMatter.date;
  const facts = draftFacts({ title, body: parsed.value.body, figures, ...(date ? { date } : {}), ...(type ? { type } : {}) });
  // A plain text's dateline with a whole date is the article's date: the new front matter says it
  // (the same lines, so the body's figures stand where they were read).
  const dateline = ready?.value ? undefined : datelineOf(parsed.value.body, figures, title);
  const dated = dateline && /^\d{4}-\d{2}-\d{2}$/.test(dateline.date.value) ? draftSource(text, title, { date: dateline.date.value, dateline: dateline.text.replace(/\s+/g, " ").replace(/["“”]/g, "").trim() }) : undefined;
  const written = dated && parseSource(dated, sourceFile).value ? dated : source;
  const check = parseYaml(facts, { file: `${folder}/facts.yaml` });
  // The draft is generated: a YAML problem in it is a bug, not a user mistake.
  if (check.diagnostics.length > 0) throw new Error(`the draft facts.yaml does not parse: ${check.diagnostics.map((d) => d.message).join("; ")}`);
  return {
    files: [
      { name: "source.fr.md", contents: written },
      { name: "facts.yaml", contents: facts },
    ],
    diagnostics,
    figures: figures.filter((f) => f.unit !== "label").length,
  };
}

/** The slug's problem, if any. */
export function checkSlug(slug: string, contentFolder: string): Diagnostic[] {
  if (SLUG_PATTERN.test(slug) && slug.length <= 80) return [];
  return [
    diagnose(CATALOGUE["new/invalid-slug"], { slug }, { file: `${contentFolder}/${slug}`, expected: "lower-case letters, digits and single hyphens, at most 80 characters, such as `eu-chips-2026`", actual: slug }),
  ];
}
