/** The `newsbrief templates` command: the story types of the project, what each needs and its measures. */
import { failureOf, formatReport, type Diagnostic } from "../diagnostics/diagnostic.ts";
import { measureLabel, type StoryType } from "../content/story-type.ts";
import { CommandError, UsageError } from "../errors.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import { readTemplates } from "../io/read.ts";
import { compileTemplates } from "../render/templates.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";

/** Runs `newsbrief templates [<type>]`: one line per type, or the whole of one type. */
export async function runTemplates(proc: CliProcess, paths: ProjectPaths, name: string | undefined, options: { json?: boolean } = {}): Promise<void> {
  const diagnostics: Diagnostic[] = [];
  const read = await readTemplates(paths, diagnostics);
  const compiled = compileTemplates(read.templates);
  diagnostics.push(...compiled.diagnostics);
  if (diagnostics.length > 0) proc.stderr(`${formatReport(diagnostics)}\n`);
  const failure = failureOf(diagnostics);
  if (failure) throw new CommandError(failure);
  const types = [...compiled.templates.values()].map((t) => t.type).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (name !== undefined) {
    const type = types.find((t) => t.name === name);
    if (!type) throw new UsageError(`no story type \`${name}\` in ${paths.templates}/: ${types.map((t) => t.name).join(", ") || "there is none"}`);
    // The id its template shows a breakdown by, which type.yaml does not say.
    const breakdowns = [...new Set(compiled.templates.get(name)!.references.filter((ref) => ref.kind === "breakdown").map((ref) => ref.name))];
    proc.stdout(options.json ? `${JSON.stringify(type.definition, null, 2)}\n` : describeType(type, breakdowns));
    return;
  }
  if (options.json) {
    proc.stdout(`${JSON.stringify(Object.fromEntries(types.map((t) => [t.name, t.definition])), null, 2)}\n`);
    return;
  }
  const width = Math.max(...types.map((t) => t.name.length), 4);
  proc.stdout(`${types.map((t) => `${t.name.padEnd(width)}  ${t.definition.description}`).join("\n")}\n\nRun \`newsbrief templates <type>\` for what a type requires and the measures it knows.\n`);
}

/** The whole of one story type, for a newsroom editor. */
export function describeType(type: StoryType, breakdowns: readonly string[] = []): string {
  const { definition } = type;
  const lines = [`${type.name}: ${definition.description}`, ""];
  const needs = (title: string, needs: typeof definition.requires) => {
    const items = [
      ...needs.story.map((s) => `story ${s.list ? "list" : "text"} \`${s.key}\`${s.description ? `: ${s.description}` : ""}${(s.or ?? []).map((o) => `; or \`${o.key}\`${o.description ? `: ${o.description}` : ""}`).join("")}`),
      ...needs.facts.map((f) => `${f.type ?? "fact"}${f.measure ? ` of measure \`${f.measure}\`` : ""}${f.id ? ` with id \`${f.id}\`` : ""}${f.description ? `: ${f.description}` : ""}`),
      ...(needs.quotes > 0 ? [`at least ${needs.quotes} quote(s)`] : []),
      ...(needs.breakdowns > 0 ? [`at least ${needs.breakdowns} breakdown(s)${breakdowns.length > 0 ? ` with id ${breakdowns.map((id) => `\`${id}\``).join(" or ")}` : ""}`] : []),
    ];
    lines.push(`${title}:`, ...(items.length > 0 ? items.map((i) => `  - ${i}`) : ["  (nothing)"]), "");
  };
  needs("Requires", definition.requires);
  needs("Shows when the article has it", definition.optional);
  const measures = Object.entries(definition.measures);
  lines.push(`Measures (${measures.length}): set \`measure: <id>\` on a fact instead of writing its label in three languages.`);
  for (const [id, measure] of measures) {
    const negative = measure.negative ? ` (below zero: ${measureLabel(measure.negative, "fr")} / ${measureLabel(measure.negative, "nl")} / ${measureLabel(measure.negative, "en")})` : "";
    lines.push(`  ${id}: ${measureLabel(measure, "fr")} / ${measureLabel(measure, "nl")} / ${measureLabel(measure, "en")}${negative}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The story type `name` of the project; when there is none, a usage problem
 * (`new/unknown-type`) listing the types there are, so that a command reports
 * it with its other problems in one run.
 */
export async function storyTypeNamed(paths: ProjectPaths, name: string, diagnostics: Diagnostic[]): Promise<StoryType | undefined> {
  const compiled = compileTemplates((await readTemplates(paths, [])).templates);
  const type = compiled.templates.get(name)?.type;
  if (!type) {
    const names = [...compiled.templates.keys()].sort();
    diagnostics.push(diagnose(CATALOGUE["new/unknown-type"], { type: name, folder: paths.templates }, { file: `${paths.templates}/`, expected: names.length > 0 ? `one of ${names.join(", ")} (see \`newsbrief templates\`)` : "a story type: templates/ has none", actual: name }));
  }
  return type;
}
