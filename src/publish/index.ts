/**
 * The publishing API: a registry of targets, and `publish`, which checks
 * `out/`, reads the verified briefs, plans, and (unless a dry run) applies.
 *
 * Adding a target: write a module exporting a {@link TargetDefinition} and
 * list it in {@link TARGETS}. Its `options` become flags of
 * `newsbrief publish` (shared by every target that declares the same flag),
 * and `create` receives their parsed values.
 */
import { type Diagnostic } from "../diagnostics/diagnostic.ts";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import { diagnose } from "../diagnostics/report.ts";
import type { ProjectPaths } from "../types.ts";
import { loadBriefs } from "./briefs.ts";
import type { ProgressReporter } from "../build/progress.ts";
import { decapTarget } from "./decap.ts";
import { PublishUsageError } from "./errors.ts";
import { hugoTarget } from "./hugo.ts";
import { wordpressTarget } from "./wordpress-target.ts";
import type { PlanEntry, Publisher, PublishOptions, PublishResult, TargetDefinition, TargetSettings } from "./types.ts";

export { PublishUsageError };
export type { Brief, PlanEntry, Publisher, PublishOptions, PublishResult, TargetDefinition, TargetOption, TargetSettings } from "./types.ts";

/** Every target, by its `--to` name. */
export const TARGETS: Readonly<Record<string, TargetDefinition>> = {
  hugo: hugoTarget,
  decap: decapTarget,
  wordpress: wordpressTarget,
};

/** The names `--to` accepts, in registry order. */
export const TARGET_NAMES: readonly string[] = Object.keys(TARGETS);

/**
 * Builds the publisher named `name`; throws {@link PublishUsageError} for an
 * unknown target or bad settings, with every problem of the settings at once.
 */
export function createPublisher(name: string, settings: TargetSettings): Publisher {
  const target = Object.hasOwn(TARGETS, name) ? TARGETS[name] : undefined;
  if (!target) throw new PublishUsageError(`unknown target \`${name}\`: expected one of ${TARGET_NAMES.join(", ")}`);
  const problems: string[] = [];
  if (settings.layout !== undefined && !target.layouts.includes(settings.layout)) {
    problems.push(target.layouts.length === 0 ? `the ${name} target has no layouts: drop --layout` : `unknown layout \`${settings.layout}\` for ${name}: expected one of ${target.layouts.join(", ")}`);
  }
  const noSite = target.needsSite && !settings.site;
  if (noSite) problems.push(`the ${name} target needs the site folder: newsbrief publish --to ${name} <site-dir>`);
  let publisher: Publisher | undefined;
  const ownProblems: string[] = [];
  const explained = new Set<string>();
  if (!noSite) {
    try {
      publisher = target.create(settings);
    } catch (error) {
      if (!(error instanceof PublishUsageError)) throw error;
      ownProblems.push(...error.problems);
      for (const key of error.explained) explained.add(key);
    }
  }
  // Another target's flag is refused rather than silently ignored (once: not again when the target explained it).
  const own = new Set(["site", "cwd", "env", "layout", ...target.options.map((o) => optionKey(o.flags))]);
  const flags = Object.keys(settings)
    .filter((key) => settings[key] !== undefined && !own.has(key) && !explained.has(key))
    .map((key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  if (flags.length > 0) problems.push(`the ${name} target takes no ${flags.join(", ")}: drop ${flags.length === 1 ? "it" : "them"}`);
  problems.push(...ownProblems);
  if (problems.length > 0 || !publisher) throw new PublishUsageError(problems);
  return publisher;
}

/** The settings key commander gives a flag: `--dry-run <x>` → `dryRun`. */
function optionKey(flags: string): string {
  const long = flags.split(/[\s,|]+/).find((part) => part.startsWith("--")) ?? flags;
  return long.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** What {@link publish} planned and did. */
export interface PublishRun {
  /** Every entry, `skip` ones included; empty when `out/` did not pass the check. */
  plan: PlanEntry[];
  /** Absent on a dry run or when nothing could be planned. */
  result?: PublishResult;
  /** The check's errors when `out/` is not verified and current, and the target's planning problem. */
  diagnostics: Diagnostic[];
  /** Set when the target could not plan (it could not be reached, or refused): nothing was done. */
  planFailed?: true;
}

/**
 * Checks `out/`, reads its briefs, plans with `publisher`, then applies the
 * plan unless `options.dryRun`. Refuses (no plan, the check's diagnostics)
 * when `out/` is not verified and current. `checking` reports the check's
 * progress.
 */
export async function publish(paths: ProjectPaths, publisher: Publisher, options: PublishOptions, checking?: ProgressReporter): Promise<PublishRun> {
  const { briefs, diagnostics } = await loadBriefs(paths, checking);
  if (diagnostics.length > 0) return { plan: [], diagnostics };
  const refused = publisher.refuse?.(briefs, paths.out) ?? [];
  if (refused.length > 0) return { plan: [], diagnostics: refused };
  let plan: PlanEntry[];
  try {
    plan = await publisher.plan(briefs, options);
  } catch (error) {
    return { plan: [], planFailed: true, diagnostics: [diagnose(CATALOGUE["publish/plan-failed"], { target: publisher.name, reason: error instanceof Error ? error.message : String(error) }, { file: publisher.name })] };
  }
  if (options.dryRun) return { plan, diagnostics: [] };
  const result = await publisher.apply(plan, briefs, options);
  return { plan, result, diagnostics: [] };
}

/** Counts of a plan or result by action, for the one-line summary. */
export function summarize(entries: readonly PlanEntry[]): Record<PlanEntry["action"], number> {
  const counts = { create: 0, update: 0, skip: 0, delete: 0 };
  for (const entry of entries) counts[entry.action]++;
  return counts;
}
