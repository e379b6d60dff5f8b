/** The `newsbrief init` command: a new project with newsbrief's story types and locale files. */
import { failureOf, formatReport, hasErrors } from "../diagnostics/diagnostic.ts";
import { CommandError } from "../errors.ts";
import { createProject } from "../io/scaffold.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";

/** Runs `newsbrief init`: creates the project's folders and says what to do next; throws when nothing was written. */
export async function runInit(proc: CliProcess, paths: ProjectPaths): Promise<void> {
  const project = await createProject(paths);
  if (hasErrors(project.diagnostics)) {
    proc.stderr(`${formatReport(project.diagnostics)}\nnewsbrief: nothing was written.\n`);
    throw new CommandError(failureOf(project.diagnostics)!);
  }
  proc.stdout(
    [
      `created ${project.created.map((folder) => `${folder}/`).join(", ")} in ${paths.root}`,
      `story types: ${project.storyTypes.join(", ")} (\`newsbrief templates\` says what each needs)`,
      "next: `newsbrief new <slug> --from article.txt --type <story-type>`, fill in each TODO, then `newsbrief build`",
      "",
    ].join("\n"),
  );
}
