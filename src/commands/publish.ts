/** The `publish` command: checks out/, then publishes its verified briefs to a target. */
import { failureOf, formatReport } from "../diagnostics/diagnostic.ts";
import { CommandError, TargetError, UsageError } from "../errors.ts";
import type { CliProcess, ProjectPaths } from "../types.ts";
import { createPublisher, publish, PublishUsageError, summarize, TARGETS, type TargetOption } from "../publish/index.ts";
import type { PlanEntry } from "../publish/types.ts";
import { progressOf } from "../build/progress.ts";

/** Every target's own flags, once each, in registry order. */
export function targetOptions(): TargetOption[] {
  const seen = new Map<string, TargetOption>();
  for (const target of Object.values(TARGETS)) for (const option of target.options) if (!seen.has(option.flags)) seen.set(option.flags, option);
  return [...seen.values()];
}

/** The `--layout` help: each target's layouts, its default first. */
export function layoutHelp(): string {
  return Object.values(TARGETS)
    .filter((t) => t.layouts.length > 0)
    .map((t) => `${t.name}: ${t.layouts.join(" | ")} (default ${t.layouts[0]})`)
    .join("; ");
}

/**
 * Runs `newsbrief publish`. Throws a usage error for bad settings, a content
 * error when out/ is not verified and current, a target error when the
 * target failed (what was and was not done is printed).
 */
export async function runPublish(
  io: CliProcess,
  paths: ProjectPaths,
  site: string | undefined,
  options: { to: string; dryRun?: boolean; prune?: boolean; layout?: string; quiet?: boolean; [option: string]: unknown },
  cwd: string,
): Promise<void> {
  const { to, dryRun, prune, layout, quiet, ...rest } = options;
  let publisher;
  try {
    publisher = createPublisher(to, { ...rest, cwd, env: io.env ?? {}, ...(site !== undefined ? { site } : {}), ...(layout !== undefined ? { layout } : {}) });
  } catch (error) {
    if (error instanceof PublishUsageError) {
      // Every problem of the command line on a line of its own, in one run.
      for (const problem of error.problems.slice(0, -1)) io.stderr(`newsbrief: ${problem}\n`);
      throw new UsageError(error.problems.at(-1) ?? error.message);
    }
    throw error;
  }
  const run = await publish(paths, publisher, { dryRun: dryRun === true, prune: prune === true, progress: (line) => io.stderr(`${to}: ${line}\n`) }, progressOf(io, quiet === true));
  if (run.diagnostics.length > 0) io.stderr(`${formatReport(run.diagnostics)}\n`);
  if (run.planFailed) throw new TargetError("nothing was published.");
  const failure = failureOf(run.diagnostics);
  // A missing root or input folder is a usage error, as for build and check.
  if (failure === "usage") throw new UsageError("nothing was published.");
  if (failure) throw new CommandError(failure, `${paths.out}/ is not verified and current: run \`newsbrief build\`, nothing was published.`);
  if (!run.result) {
    io.stdout(formatPlan(run.plan));
    io.stdout(`${to}: ${summaryLine(run.plan, "would")} (dry run: nothing written).\n`);
    return;
  }
  const { done, notDone, error } = run.result;
  io.stdout(formatPlan(done));
  if (error) {
    io.stderr(`newsbrief: ${to} stopped: ${error}\n`);
    if (notDone.length > 0) io.stderr(`not done (a later run completes them):\n${formatPlan(notDone)}`);
    io.stdout(`${to}: ${summaryLine(done, "did")}; ${notDone.length} not done.\n`);
    throw new TargetError();
  }
  io.stdout(`${to}: ${summaryLine(done, "did")}.\n`);
}

/** A plan as an aligned table: action, brief, where, why. */
export function formatPlan(entries: readonly PlanEntry[]): string {
  if (entries.length === 0) return "";
  const rows = [["ACTION", "BRIEF", "TARGET", "REASON"], ...entries.map((e) => [e.action, e.key, e.target, e.reason ?? ""])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${r.slice(0, 3).map((cell, i) => cell.padEnd(widths[i]!)).join("  ")}  ${r[3]}`.trimEnd()).join("\n") + "\n";
}

function summaryLine(entries: readonly PlanEntry[], mood: "would" | "did"): string {
  const c = summarize(entries);
  const verbs = mood === "would" ? ["create", "update", "delete"] : ["created", "updated", "deleted"];
  return `${mood === "would" ? "would " : ""}${verbs[0]} ${c.create}, ${verbs[1]} ${c.update}, ${verbs[2]} ${c.delete}, ${c.skip} unchanged`;
}
