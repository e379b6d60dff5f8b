/**
 * The `publish` and `cms-config` commands: parsing is in src/cli.ts, the
 * work and the printing are here.
 */
import { formatReport, hasErrors } from "../diagnostics.ts";
import type { ProjectPaths } from "../io.ts";
import { decapConfig, DECAP_LAYOUTS, type DecapLayout } from "./decap.ts";
import { createPublisher, publish, PublishUsageError, summarize, TARGETS, type TargetOption } from "./index.ts";
import type { PlanEntry } from "./types.ts";
import { wordpressPlugin } from "./wordpress-target.ts";

/** Exit codes of `publish`. */
export const PUBLISH_EXIT = {
  ok: 0,
  /** out/ is not verified and current. */
  unverified: 1,
  usage: 2,
  /** The target failed: nothing or only part of the plan was applied. */
  failed: 3,
} as const;

/** What the commands print to. */
export interface Printer {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The environment, for targets that read credentials from it (wordpress). */
  env?: Readonly<Record<string, string | undefined>>;
}

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

/** Runs `newsbrief publish`; resolves to the exit code. */
export async function runPublish(
  io: Printer,
  paths: ProjectPaths,
  site: string | undefined,
  options: { to: string; dryRun?: boolean; prune?: boolean; layout?: string; [option: string]: unknown },
  cwd: string,
): Promise<number> {
  const { to, dryRun, prune, layout, ...rest } = options;
  let publisher;
  try {
    publisher = createPublisher(to, { ...rest, cwd, env: io.env ?? {}, ...(site !== undefined ? { site } : {}), ...(layout !== undefined ? { layout } : {}) });
  } catch (error) {
    if (error instanceof PublishUsageError) {
      io.stderr(`newsbrief: ${error.message}\n`);
      return PUBLISH_EXIT.usage;
    }
    throw error;
  }
  const run = await publish(paths, publisher, { dryRun: dryRun === true, prune: prune === true, progress: (line) => io.stderr(`${to}: ${line}\n`) });
  if (run.diagnostics.length > 0) io.stderr(`${formatReport(run.diagnostics)}\n`);
  if (hasErrors(run.diagnostics)) {
    const planning = run.diagnostics.some((d) => d.rule === "publish/plan-failed");
    // A missing root or input folder is a usage error, as for build and check.
    const configuration = run.diagnostics.some((d) => d.severity === "error" && d.rule.startsWith("config/"));
    io.stderr(planning || configuration ? "newsbrief: nothing was published.\n" : `newsbrief: ${paths.out}/ is not verified and current: run \`newsbrief build\`, nothing was published.\n`);
    return planning ? PUBLISH_EXIT.failed : configuration ? PUBLISH_EXIT.usage : PUBLISH_EXIT.unverified;
  }
  if (!run.result) {
    io.stdout(formatPlan(run.plan));
    io.stdout(`${to}: ${summaryLine(run.plan, "would")} (dry run: nothing written).\n`);
    return PUBLISH_EXIT.ok;
  }
  const { done, notDone, error } = run.result;
  io.stdout(formatPlan(done));
  if (error) {
    io.stderr(`newsbrief: ${to} stopped: ${error}\n`);
    if (notDone.length > 0) io.stderr(`not done (a later run completes them):\n${formatPlan(notDone)}`);
    io.stdout(`${to}: ${summaryLine(done, "did")}; ${notDone.length} not done.\n`);
    return PUBLISH_EXIT.failed;
  }
  io.stdout(`${to}: ${summaryLine(done, "did")}.\n`);
  return PUBLISH_EXIT.ok;
}

/** Runs `newsbrief cms-config <cms>`. */
export function runCmsConfig(io: Printer, cms: string, layout: string | undefined): number {
  if (cms === "wordpress") {
    if (layout !== undefined) {
      io.stderr("newsbrief: the wordpress plugin has no layouts: drop --layout\n");
      return PUBLISH_EXIT.usage;
    }
    io.stdout(wordpressPlugin());
    return PUBLISH_EXIT.ok;
  }
  if (cms !== "decap") {
    io.stderr(`newsbrief: no configuration for \`${cms}\`: expected decap or wordpress\n`);
    return PUBLISH_EXIT.usage;
  }
  if (layout !== undefined && !(DECAP_LAYOUTS as readonly string[]).includes(layout)) {
    io.stderr(`newsbrief: unknown layout \`${layout}\` for decap: expected one of ${DECAP_LAYOUTS.join(", ")}\n`);
    return PUBLISH_EXIT.usage;
  }
  io.stdout(decapConfig((layout ?? DECAP_LAYOUTS[0]) as DecapLayout));
  return PUBLISH_EXIT.ok;
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
