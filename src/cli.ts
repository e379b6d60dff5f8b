/**
 * The `newsbrief` command line: a thin adapter over the library API. It
 * takes its process (argv, output streams, working directory) as an
 * argument and returns the exit code, so it can be tested with a fake one.
 */
import path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { CommandError, EXIT, exitCodeOf, UsageError } from "./errors.ts";
import { projectPaths } from "./io/paths.ts";
import { plausibleNames, suggestionLine } from "./suggest.ts";
import type { CliProcess, ProjectPaths } from "./types.ts";
import { VERSION } from "./version.ts";

export { EXIT };
export type { CliProcess };

/** Runs the CLI; resolves to the exit code. */
export async function main(proc: CliProcess): Promise<number> {
  const program = new Command()
    .name("newsbrief")
    .description("Render verified FR, NL and EN press briefs from a French article and its facts.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: proc.stdout, writeErr: proc.stderr })
    .showHelpAfterError("(run `newsbrief --help` for usage)")
    // commander suggests the least far name even when it is far (`--foo`: "Did you mean --root?"): ours suggests plausible typos only.
    .showSuggestionAfterError(false)
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
    .addOption(new Option("--preview <dir>", "write the rendered briefs to <dir> even when verification fails, each problem reported at its line there; out/ is not touched").conflicts("check"))
    .addOption(new Option("--wait <seconds>", "wait this long for another build that is writing out/").default("0").argParser(parseSeconds))
    .addOption(jobsOption())
    .option("--quiet", "no progress line on a terminal")
    .action(async (options: { check?: boolean; cache: boolean; wait: string | number; preview?: string; jobs?: number; quiet?: boolean }) => {
      const { runBuild, runPreview } = await import("./commands/build.ts");
      if (options.preview !== undefined) await runPreview(proc, pathsOf(), options.preview);
      else await runBuild(proc, pathsOf(), { ...options, wait: Number(options.wait) });
    });

  program
    .command("check")
    .description("verify out/ as it is: every figure against the dataset, every file against what build would write, and the briefs' typography (lint rules; spelling too when newsbrief.config.json sets lint.check to all)")
    .addOption(jobsOption())
    .option("--quiet", "no progress line on a terminal")
    .option("--no-lint", "verify only: do not run the lint rules")
    .action(async (options: { jobs?: number; quiet?: boolean; lint: boolean }) => {
      const { runCheck } = await import("./commands/build.ts");
      await runCheck(proc, pathsOf(), options);
    });

  program
    .command("templates")
    .description("list the story types (templates/<type>/): what each requires of an article, what it shows when there, and the measures it knows")
    .argument("[type]", "show this story type in full")
    .option("--json", "print the definitions as JSON")
    .action(async (type: string | undefined, options: { json?: boolean }) => {
      const { runTemplates } = await import("./commands/templates.ts");
      await runTemplates(proc, pathsOf(), type, options);
    });

  program
    .command("migrate")
    .description("upgrade every facts.yaml of version 1 to version 2 (exact decimals), writing the decimals that keep each brief as it is")
    .option("--dry-run", "list what would change, and write nothing")
    .action(async (options: { dryRun?: boolean }) => {
      const { runMigrate } = await import("./commands/migrate.ts");
      await runMigrate(proc, pathsOf(), options);
    });

  program
    .command("extract")
    .description("list every figure of a French text or Markdown file (front matter skipped): position, text, value, unit")
    .argument("<file>", "the file to read, relative to the current folder; offsets count UTF-16 code units from the start of the file as read")
    .option("--json", "print a JSON array of {text, start, end, value, unit, approx, bound, currencySource} instead of the table")
    .addOption(new Option("--draft", "print a draft facts.yaml instead: one fact per figure, its evidence quoted, and a TODO for each editor's decision").conflicts("json"))
    .option("--type <story-type>", "with --draft: the story type the article will be; a figure whose words name one of its measures gets `measure:` instead of labels to write")
    .action(async (file: string, options: { json?: boolean; draft?: boolean; type?: string }) => {
      const { runExtract } = await import("./commands/extract.ts");
      await runExtract(proc, file, options, pathsOf());
    });

  program
    .command("init")
    .description("start a project in the root folder (created if missing): an empty content/, and newsbrief's story types and locale files in templates/ and locales/ to adapt (never overwrites)")
    .action(async () => {
      const { runInit } = await import("./commands/init.ts");
      await runInit(proc, pathsOf());
    });

  program
    .command("new")
    .description("start an article: content/<slug>/ with the French text verbatim as source.fr.md and a draft facts.yaml (never overwrites)")
    // The slug and --from are required: checked by the command, so that every problem of the command line is said at once.
    .usage("<slug> --from <file> [options]")
    .argument("[slug]", "the article's folder name: lower-case words joined by hyphens (required)")
    .option("--from <file>", "the French article, as plain text or Markdown (required)")
    .option("--type <story-type>", "the story type the article will be (see `newsbrief templates`): its template is set, and figures whose words name one of its measures get `measure:` instead of labels to write")
    .action(async (slug: string | undefined, options: { from?: string; type?: string }) => {
      const { runNew } = await import("./commands/new.ts");
      await runNew(proc, pathsOf(), slug, options.from, options.type);
    });

  program
    .command("diff")
    .description("report what changed since a git commit, for review: facts (old → new), template and locale strings, and the sentences of every brief")
    .option("--base <git-ref>", "the commit to compare with (its merge base with HEAD); default: the merge base with origin/HEAD, main or master, else HEAD")
    .addOption(new Option("--format <format>", "markdown (one pull-request comment) or json").choices(["markdown", "json"]).default("markdown"))
    .option("--no-verify", "do not check the changed articles' outputs in the working tree")
    .option("--quiet", "no progress line on a terminal")
    .action(async (options: { base?: string; format: "markdown" | "json"; verify: boolean; quiet?: boolean }) => {
      // Loaded on demand, so that build and check do not pay for git and diffing.
      const { runDiff } = await import("./commands/diff.ts");
      await runDiff(proc, pathsOf(), options);
    });

  program
    .command("lint")
    .description("check the spelling (Hunspell dictionaries and locales/words.<locale>.txt) and the typography of every brief, each finding named at the input that wrote the text and the output line that shows it")
    .argument("[slug...]", "only these articles (default: every article)")
    .action(async (slugs: string[]) => {
      const { runLint } = await import("./commands/lint.ts");
      await runLint(proc, pathsOf(), slugs);
    });

  program
    .command("review")
    .description("write a review page per article (FR, NL and EN side by side, every figure tied to its fact and its evidence in the source, every problem where it occurs) and an index, even when the content fails (then exit 1)")
    .argument("[slug...]", "only these articles (default: every article)")
    .option("--out <dir>", "the folder for the pages, relative to the root", "review")
    .option("--serve", "serve the pages on 127.0.0.1 instead of writing them, rebuilding a page when its inputs change")
    .addOption(new Option("--port <port>", "the port for --serve (0: any free port)").default("4173").argParser(parsePort))
    .addOption(jobsOption("worker threads that review articles (default: one per core)"))
    .option("--quiet", "no progress line on a terminal")
    .action(async (slugs: string[], options: { out: string; serve?: boolean; port: string | number; jobs?: number; quiet?: boolean }, command: Command) => {
      if (command.getOptionValueSource("port") === "cli" && options.serve !== true) throw new UsageError("--port is the port of --serve: give --serve too, or leave --port out");
      const { runReview } = await import("./commands/review.ts");
      // `--out` after `review` names the review folder; the output folder's own `--out` is read by the program first.
      const given = program.getOptionValueSource("out") === "cli";
      const paths = given ? projectPaths(pathsOf().root, { out: "out", content: program.opts<{ content: string }>().content }) : pathsOf();
      await runReview(proc, paths, slugs, { out: given ? program.opts<{ out: string }>().out : options.out, serve: options.serve === true, port: Number(options.port), quiet: options.quiet === true, ...(options.jobs === undefined ? {} : { jobs: options.jobs }) });
    });

  // The publish command's options come from its targets: loaded only when publish (or the help) may need them.
  const commands = new Set(program.commands.map((c) => c.name()));
  const named = proc.argv.find((arg) => commands.has(arg) || arg === "publish" || arg === "help");
  const versionOnly = named === undefined && (proc.argv.includes("--version") || proc.argv.includes("-V"));
  if (!versionOnly && (named === undefined || named === "publish" || named === "help" || proc.argv.includes("--help") || proc.argv.includes("-h"))) {
    const { TARGET_NAMES } = await import("./publish/index.ts");
    const { layoutHelp, targetOptions } = await import("./commands/publish.ts");
    const publishCommand = program
      .command("publish")
      .description("check out/, then publish its verified briefs to a target, writing only what changed (exit 1: out/ not verified; 3: the target failed, done and not done are listed)")
      .argument("[site-dir]", "the site folder, for targets that write files (hugo, decap)")
      .addOption(new Option("--to <target>", "where to publish").choices(TARGET_NAMES).makeOptionMandatory())
      .option("--dry-run", "list what would be created, updated, skipped or deleted, and write nothing")
      .option("--prune", "also delete what newsbrief published for articles that no longer exist (never anything else)")
      .option("--quiet", "no progress line on a terminal while out/ is checked");
    publishCommand.option("--layout <layout>", `where the files go: ${layoutHelp()}`);
    for (const option of targetOptions()) publishCommand.addOption(option.choices ? new Option(option.flags, option.description).choices(option.choices) : new Option(option.flags, option.description));
    publishCommand.action(async (site: string | undefined, options: { to: string; [option: string]: unknown }) => {
      const { runPublish } = await import("./commands/publish.ts");
      await runPublish(proc, pathsOf(), site, options, proc.cwd);
    });
  }

  program
    .command("cms-config")
    .description("print the CMS configuration that matches what `publish` writes (hugo: the site's language settings; decap: the config.yml collection; wordpress: the must-use plugin for wp-content/mu-plugins/newsbrief.php)")
    .argument("<cms>", "hugo | decap | wordpress")
    .option("--layout <layout>", "hugo: by-filename | per-locale-dir (default by-filename); decap: multiple_files | multiple_folders (default multiple_files)")
    .option("--format <format>", "hugo: toml | yaml (default toml)")
    .action(async (cms: string, options: { layout?: string; format?: string }) => {
      const { runCmsConfig } = await import("./commands/cms-config.ts");
      runCmsConfig(proc, cms, options);
    });

  // A usage error names the command's own help, and says every unknown option with a plausible name for it.
  for (const command of program.commands) command.showHelpAfterError(`(run \`newsbrief ${command.name()} --help\` for usage)`);
  for (const command of [program, ...program.commands]) command.configureOutput({ outputError: (text, write) => write(usageError(command, text)) });
  try {
    await program.parseAsync([...proc.argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CommandError) {
      if (error.message) proc.stderr(`newsbrief: ${error.message}\n`);
    } else {
      proc.stderr(`newsbrief: internal error, please report it with the command you ran:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return exitCodeOf(error);
  }
  return EXIT.ok;
}

/**
 * A usage error as commander words it, with our suggestions: an unknown
 * option is followed by the other unknown options of the same command line
 * (commander stops at the first), each on its own line with a plausible
 * name for it when there is one; an unknown command by a plausible command.
 * Any other error is left as it is.
 */
function usageError(command: Command, text: string): string {
  const option = /^error: unknown option '(.*)'\n$/s.exec(text);
  if (option) {
    const names: string[] = [];
    for (let c: Command | null = command; c; c = c.parent) names.push(...c.createHelp().visibleOptions(c).flatMap((o) => (o.long ? [o.long] : [])));
    return unknownOptions(command, option[1]!)
      .map((flag) => {
        // commander suggests nothing for a short option, nor do we.
        const line = flag.startsWith("--") ? suggestionLine(plausibleNames(flag, names)) : "";
        return `error: unknown option '${flag}'\n${line ? `${line}\n` : ""}`;
      })
      .join("");
  }
  const unknown = /^error: unknown command '(.*)'\n$/s.exec(text);
  if (unknown) {
    const names = command.createHelp().visibleCommands(command).flatMap((c) => [c.name(), ...c.aliases()]);
    const line = suggestionLine(plausibleNames(unknown[1]!, names));
    return `${text}${line ? `${line}\n` : ""}`;
  }
  return text;
}

/**
 * Every unknown option of a command line, from the first one commander
 * reports: what it left unparsed from there (options it knows are taken
 * already) that looks like an option, up to `--` or, for a command with
 * subcommands, up to a subcommand's name (what follows is the subcommand's).
 */
function unknownOptions(command: Command, first: string): string[] {
  const rest = command.args.slice(Math.max(0, command.args.indexOf(first)));
  const subcommands = new Set(command.commands.flatMap((c) => [c.name(), ...c.aliases()]));
  const found: string[] = [];
  for (const arg of rest) {
    if (arg === "--" || subcommands.has(arg)) break;
    if (/^-[^\d]/.test(arg) && !found.includes(arg)) found.push(arg);
  }
  return found.length > 0 ? found : [first];
}

function jobsOption(description = "worker threads that render and verify articles (default: one per core)"): Option {
  return new Option("--jobs <n>", description).argParser((value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError("expected a whole number from 1 to 256");
    return n;
  });
}

function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new InvalidArgumentError("expected a port number from 0 to 65535");
  return port;
}

function parseSeconds(value: string): number {
  // Number("") and Number(" ") are 0: an empty value is refused, not read as no wait.
  const seconds = value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) throw new InvalidArgumentError("expected a number of seconds from 0 to 3600");
  return seconds;
}
