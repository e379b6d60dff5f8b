/**
 * The library API: read → parse and validate → render every article in
 * every locale → verify → plan → write. Each stage reports diagnostics;
 * nothing is written unless every stage passed.
 */
import { createHash } from "node:crypto";
import { compareDiagnostics, compareStrings, diagnostic, hasErrors, type Diagnostic } from "./diagnostics.ts";
import { loadArticle, type Article } from "./content/load.ts";
import { LOCALES } from "./content/schema.ts";
import { readOutputs, readProject, writeOutputs, type ProjectInputs, type ProjectPaths } from "./io.ts";
import { createRenderer, type OutputFile } from "./render/brief.ts";
import { loadMessages } from "./render/messages.ts";
import { checkTemplate, compileTemplates } from "./render/templates.ts";
import { verifyArticle, type VerifyFile } from "./verify/verify.ts";

/** Bumped when a change to newsbrief itself changes what it writes. */
export const RENDER_VERSION = "1";

/** What a build or check found and did. */
export interface RunResult {
  diagnostics: Diagnostic[];
  /** The files the content produces, sorted by path. */
  files: OutputFile[];
  articles: number;
  /** Figures read back from the outputs and matched to a fact. */
  figuresVerified: number;
  /** Paths under the output folder that the run changed (build only). */
  changed: string[];
}

/** Options of {@link build}. */
export interface BuildOptions {
  /** Render and verify, then compare with the output folder instead of writing. @default false */
  dryRun?: boolean;
}

/** Renders, verifies and (unless `dryRun`) writes every article's briefs. */
export async function build(paths: ProjectPaths, options: BuildOptions = {}): Promise<RunResult> {
  const inputs = await readProject(paths);
  const result = renderAll(inputs, paths);
  if (hasErrors(result.diagnostics)) return result;
  if (options.dryRun) {
    result.diagnostics.push(...staleOutputs(paths, result.files, await readOutputs(paths)));
    result.diagnostics.sort(compareDiagnostics);
    return result;
  }
  result.changed = await writeOutputs(paths, result.files);
  return result;
}

/**
 * Checks the output folder as it is on disk: every figure of every brief is
 * read back and matched to the dataset, and every file must be exactly
 * what a build would write.
 */
export async function check(paths: ProjectPaths): Promise<RunResult> {
  const inputs = await readProject(paths);
  const result = renderAll(inputs, paths);
  if (hasErrors(result.diagnostics)) return result;
  const onDisk = await readOutputs(paths);
  const articles = loadedArticles(inputs);
  let figures = 0;
  const diagnostics: Diagnostic[] = [];
  for (const article of articles) {
    const files = LOCALES.flatMap((locale) =>
      (["md", "html"] as const).flatMap((ext) => {
        const relative = `${article.slug}/${locale}.${ext}`;
        const contents = onDisk.get(relative);
        return contents === undefined ? [] : [verifyFile(paths, relative, contents)];
      }),
    );
    const verification = verifyArticle({ slug: article.slug, facts: article.facts, sourceLang: article.source.frontMatter.lang }, files);
    figures += verification.figures.length;
    diagnostics.push(...verification.diagnostics);
  }
  diagnostics.push(...staleOutputs(paths, result.files, onDisk));
  return { ...result, diagnostics: [...result.diagnostics, ...diagnostics].sort(compareDiagnostics), figuresVerified: figures };
}

function renderAll(inputs: ProjectInputs, paths: ProjectPaths): RunResult {
  const diagnostics: Diagnostic[] = [...inputs.diagnostics];
  const messages = loadMessages(inputs.locales);
  diagnostics.push(...messages.diagnostics);
  const templates = compileTemplates(inputs.templates);
  diagnostics.push(...templates.diagnostics);
  const loaded = inputs.articles.map((files) => loadArticle(files));
  for (const { diagnostics: d } of loaded) diagnostics.push(...d);
  const empty: RunResult = { diagnostics, files: [], articles: 0, figuresVerified: 0, changed: [] };
  if (hasErrors(diagnostics) || !inputs.pageTemplate) return sorted(empty);

  const articles = loaded.flatMap((l) => (l.article ? [l.article] : []));
  for (const article of articles) {
    const template = templates.templates.get(article.facts.editorial.template);
    if (!template) {
      diagnostics.push(diagnostic({ file: article.files.factsFile, rule: "facts/unknown-template", message: `no template \`${article.facts.editorial.template}\` in templates/`, path: "editorial.template", expected: [...templates.templates.keys()].join(", "), actual: article.facts.editorial.template }));
      continue;
    }
    for (const locale of LOCALES) diagnostics.push(...checkTemplate(template, article, messages.catalog.get(locale)!));
  }
  if (hasErrors(diagnostics)) return sorted(empty);

  const renderer = createRenderer(messages.catalog, inputs.pageTemplate.text);
  const shared = sharedInputsHash(inputs);
  const files: OutputFile[] = [];
  let figures = 0;
  for (const article of articles) {
    const template = templates.templates.get(article.facts.editorial.template)!;
    const source = inputs.templates.find((t) => t.file === template.file)!;
    const inputHash = hashOf(shared, source.file, source.text, article.files.factsText, article.files.sourceText);
    const rendered = renderer.render(article, template, `sha256:${inputHash}`);
    const verification = verifyArticle(
      { slug: article.slug, facts: article.facts, sourceLang: article.source.frontMatter.lang },
      rendered.map((f) => verifyFile(paths, f.path, f.contents)),
    );
    figures += verification.figures.length;
    diagnostics.push(...verification.diagnostics);
    files.push(...rendered);
  }
  files.sort((a, b) => compareStrings(a.path, b.path));
  return sorted({ diagnostics, files, articles: articles.length, figuresVerified: figures, changed: [] });
}

function loadedArticles(inputs: ProjectInputs): Article[] {
  return inputs.articles.flatMap((files) => loadArticle(files).article ?? []);
}

function verifyFile(paths: ProjectPaths, relative: string, contents: string): VerifyFile {
  const [, locale, ext] = /\/(fr|nl|en)\.(md|html)$/.exec(relative) ?? [];
  return { file: `${paths.out}/${relative}`, locale: locale as VerifyFile["locale"], format: ext === "html" ? "html" : "markdown", contents };
}

function staleOutputs(paths: ProjectPaths, files: readonly OutputFile[], onDisk: ReadonlyMap<string, string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const expected = new Map(files.map((f) => [f.path, f.contents]));
  for (const [relative, contents] of expected) {
    const actual = onDisk.get(relative);
    if (actual === undefined) {
      diagnostics.push(diagnostic({ file: `${paths.out}/${relative}`, rule: "out/missing", message: "this output is missing: run `newsbrief build`" }));
    } else if (actual !== contents) {
      const line = firstDifferentLine(contents, actual);
      diagnostics.push(diagnostic({ file: `${paths.out}/${relative}`, line: line.number, column: 1, rule: "out/stale", message: "this output differs from what `newsbrief build` writes (stale or edited by hand)", expected: line.expected, actual: line.actual }));
    }
  }
  for (const relative of onDisk.keys()) {
    if (!expected.has(relative)) diagnostics.push(diagnostic({ file: `${paths.out}/${relative}`, rule: "out/orphan", message: "no article produces this file any more: run `newsbrief build` to remove it" }));
  }
  return diagnostics;
}

function firstDifferentLine(expected: string, actual: string): { number: number; expected: string; actual: string } {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { number: i + 1, expected: JSON.stringify(a[i] ?? "(end of file)"), actual: JSON.stringify(b[i] ?? "(end of file)") };
  }
  return { number: 1, expected: "", actual: "" };
}

function sharedInputsHash(inputs: ProjectInputs): string {
  const hash = createHash("sha256").update(`newsbrief render ${RENDER_VERSION}\n`);
  for (const locale of [...inputs.locales].sort((a, b) => compareStrings(a.file, b.file))) hash.update(`${locale.file}\n${locale.text}\n`);
  if (inputs.pageTemplate) hash.update(`${inputs.pageTemplate.file}\n${inputs.pageTemplate.text}\n`);
  return hash.digest("hex");
}

function hashOf(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest("hex");
}

function sorted(result: RunResult): RunResult {
  result.diagnostics.sort(compareDiagnostics);
  return result;
}
