/**
 * The `newsbrief` command line: a thin adapter over the library API. It
 * takes its process (argv, output streams, working directory) as an
 * argument and returns the exit code, so it can be tested with a fake one.
 */
import path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { formatReport, hasErrors, type Diagnostic } from "./diagnostics.ts";
import { projectPaths, type ProjectPaths } from "./io.ts";
import { build, check, type RunResult } from "./pipeline.ts";
import { extractFile } from "./extract/cli.ts";
import { extractFigures } from "./extract/index.ts";
import { coverageLine } from "./provenance/check.ts";
import { draftFromDocument } from "./provenance/draft.ts";
import { createArticle } from "./provenance/new.ts";
import { layoutHelp, runCmsConfig, runPublish, targetOptions } from "./publish/cli.ts";
import { TARGET_NAMES } from "./publish/index.ts";

/** What the CLI needs of a process. */
export interface CliProcess {
  argv: readonly string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The environment: where `publish --to wordpress` reads its credentials. @default no variables */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Exit codes. */
export const EXIT = {
  ok: 0,
  /** Content or verification errors. */
  content: 1,
  /** Usage or configuration errors. */
  usage: 2,
  /** A bug in newsbrief. */
  internal: 70,
  /** Another build holds the output folder. */
  locked: 75,
} as const;

const VERSION = "0.1.0";

/** Runs the CLI; resolves to the exit code. */
export async function main(proc: CliProcess): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name("newsbrief")
    .description("Render verified FR, NL and EN press briefs from a French article and its facts.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: proc.stdout, writeErr: proc.stderr })
    .showHelpAfterError("(run `newsbrief --help` for usage)")
    .addOption(new Option("--root <dir>", "project root holding content/, templates/, locales/ and out/").default(proc.cwd, "the current folder"))
    .addOption(new Option("--out <dir>", "output folder, relative to the root").default("out"))
    .addOption(new Option("--content <dir>", "content folder, relative to the root").default("content"));

  const pathsOf = (): ProjectPaths => {
    const options = program.opts<{ root: string; out: string; content: string }>();
    // A relative --root is relative to the folder the command runs in.
    return projectPaths(path.resolve(proc.cwd, options.root), { out: options.out, content: options.content });
  };

  program
    .command("build")
    .description("render every article in fr, nl and en, verify every figure, then write out/ (nothing is written if anything fails)")
    .option("--check", "render and verify, then report outputs that differ from out/ instead of writing (dry run)")
    .option("--no-cache", "render and verify every article, even those whose inputs have not changed since the last build")
    .addOption(new Option("--wait <seconds>", "wait this long for another build that is writing out/").default("0").argParser(parseSeconds))
    .action(async (options: { check?: boolean; cache: boolean; wait: string | number }) => {
      const result = await build(pathsOf(), { dryRun: options.check === true, cache: options.cache, waitMs: Number(options.wait) * 1000 });
      for (const line of result.recovered ?? []) proc.stderr(`newsbrief: ${line}\n`);
      exitCode = report(proc, result, options.check ? "checked" : "built");
    });

  program
    .command("check")
    .description("verify out/ as it is: every figure against the dataset, and every file against what build would write")
    .action(async () => {
      exitCode = report(proc, await check(pathsOf()), "checked");
    });

  program
    .command("extract")
    .description("list every figure of a French text or Markdown file (front matter skipped): position, text, value, unit")
    .argument("<file>", "the file to read, relative to the current folder; offsets count UTF-16 code units from the start of the file as read")
    .option("--json", "print a JSON array of {text, start, end, value, unit, approx} instead of the table")
    .addOption(new Option("--draft", "print a draft facts.yaml instead: one fact per figure, its evidence quoted, and a TODO for each editor's decision").conflicts("json"))
    .action(async (file: string, options: { json?: boolean; draft?: boolean }) => {
      const result = await extractFile(proc.cwd, file, { json: options.json === true });
      if (result.diagnostics.length > 0) proc.stderr(`${formatReport(result.diagnostics)}\n`);
      if (hasErrors(result.diagnostics)) {
        exitCode = result.diagnostics.some((d) => d.rule === "content/missing-file" || d.rule === "content/not-a-file") ? EXIT.usage : EXIT.content;
        return;
      }
      proc.stdout(options.draft ? draftFromDocument(result.text ?? "", extractFigures) : result.output);
    });

  program
    .command("new")
    .description("start an article: content/<slug>/ with the French text verbatim as source.fr.md and a draft facts.yaml (never overwrites)")
    .argument("<slug>", "the article's folder name: lower-case words joined by hyphens")
    .requiredOption("--from <file>", "the French article, as plain text or Markdown")
    .action(async (slug: string, options: { from: string }) => {
      const paths = pathsOf();
      const created = await createArticle(paths, slug, options.from, proc.cwd, extractFigures);
      if (hasErrors(created.diagnostics)) {
        proc.stderr(`${formatReport(created.diagnostics)}\nnewsbrief: nothing was written.\n`);
        exitCode = created.diagnostics.some((d) => d.rule === "new/empty-source" || d.rule.startsWith("front-matter/") || d.rule.startsWith("yaml/") || d.rule === "content/encoding" || d.rule === "content/nul" || d.rule === "content/too-large") ? EXIT.content : EXIT.usage;
        return;
      }
      proc.stdout(`created ${created.folder}/source.fr.md and ${created.folder}/facts.yaml (${created.figures} figure(s) drafted); fill in each TODO, then run \`newsbrief check\`.\n`);
    });

  program
    .command("diff")
    .description("report what changed since a git commit, for review: facts (old → new), template and locale strings, and the sentences of every brief")
    .option("--base <git-ref>", "the commit to compare with (its merge base with HEAD); default: the merge base with origin/HEAD, main or master, else HEAD")
    .addOption(new Option("--format <format>", "markdown (one pull-request comment) or json").choices(["markdown", "json"]).default("markdown"))
    .option("--no-verify", "do not check the changed articles' outputs in the working tree")
    .action(async (options: { base?: string; format: "markdown" | "json"; verify: boolean }) => {
      // Loaded on demand, so that build and check do not pay for git and diffing.
      const { runDiff } = await import("./review/command.ts");
      exitCode = await runDiff(proc, pathsOf(), options);
    });

  const publishCommand = program
    .command("publish")
    .description("check out/, then publish its verified briefs to a target, writing only what changed (exit 1: out/ not verified; 3: the target failed, done and not done are listed)")
    .argument("[site-dir]", "the site folder, for targets that write files (hugo, decap)")
    .addOption(new Option("--to <target>", "where to publish").choices(TARGET_NAMES).makeOptionMandatory())
    .option("--dry-run", "list what would be created, updated, skipped or deleted, and write nothing")
    .option("--prune", "also delete what newsbrief published for articles that no longer exist (never anything else)")
    .option("--layout <layout>", `where the files go: ${layoutHelp()}`);
  for (const option of targetOptions()) publishCommand.addOption(option.choices ? new Option(option.flags, option.description).choices(option.choices) : new Option(option.flags, option.description));
  publishCommand.action(async (site: string | undefined, options: { to: string; [option: string]: unknown }) => {
    exitCode = await runPublish(proc, pathsOf(), site, options, proc.cwd);
  });

  program
    .command("cms-config")
    .description("print the CMS configuration that matches what `publish` writes (decap: the config.yml collection; wordpress: the must-use plugin for wp-content/mu-plugins/newsbrief.php)")
    .argument("<cms>", "decap | wordpress")
    .option("--layout <layout>", "decap: multiple_files | multiple_folders (default multiple_files)")
    .action((cms: string, options: { layout?: string }) => {
      exitCode = runCmsConfig(proc, cms, options.layout);
    });

  try {
    await program.parseAsync([...proc.argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    proc.stderr(`newsbrief: internal error, please report it with the command you ran:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
  return exitCode;
}

function parseSeconds(value: string): number {
  // Number("") and Number(" ") are 0: an empty value is refused, not read as no wait.
  const seconds = value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) throw new InvalidArgumentError("expected a number of seconds from 0 to 3600");
  return seconds;
}

function report(proc: CliProcess, result: RunResult, verb: "built" | "checked"): number {
  if (result.diagnostics.length > 0) proc.stderr(`${formatReport(result.diagnostics)}\n`);
  if (result.lockedBy) return EXIT.locked;
  if (hasErrors(result.diagnostics)) {
    proc.stderr(verb === "built" ? "newsbrief: nothing was written.\n" : "newsbrief: check failed.\n");
    return isConfigurationProblem(result.diagnostics) ? EXIT.usage : EXIT.content;
  }
  if (result.coverage && result.coverage.length > 0) proc.stdout(`${coverageLine(result.coverage)}\n`);
  const written = verb === "built" ? `, ${result.changed.length === 0 ? "out/ already up to date" : `${result.changed.length} file(s) written`}` : "";
  const cached = result.cached > 0 ? ` (${result.cached} unchanged article(s) reused from the last verified build)` : "";
  proc.stdout(`${result.articles} article(s), ${result.files.length} file(s), ${result.figuresVerified} figure(s) verified${cached}${written}.\n`);
  return EXIT.ok;
}

function isConfigurationProblem(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error" && d.rule.startsWith("config/"));
}
