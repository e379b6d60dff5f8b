/**
 * What every publishing target implements. A target (a Hugo site, a Decap
 * CMS repository, a WordPress site, and later Strapi, Directus or Ghost)
 * receives the verified briefs of `out/` as {@link Brief}s, plans what it
 * would change, and applies that plan.
 */
import type { Locale } from "../content/schema.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";

/**
 * One verified brief, as read back from `out/<slug>/<locale>.md|.html`.
 * The briefs a publisher is handed read their bodies from `out/` when asked
 * (throwing if a file changed since it was checked), so a target should not
 * hold them longer than it needs them.
 */
export interface Brief {
  slug: string;
  locale: Locale;
  /** Shared by the locales of one article: links them as translations. */
  translationKey: string;
  title: string;
  description: string;
  /** The brief's editorial date, `YYYY-MM-DD`. */
  date: string;
  /** The Markdown body, without front matter. */
  markdown: string;
  /** The sanitized HTML body (the page's `<main>` content, not the whole page). */
  html: string;
  /** Tags for the target, in a stable order. */
  tags: string[];
  /** The article's story type (the template that rendered it, e.g. `funding-announcement`), when known. */
  storyType?: string;
  /** `sha256:<hex>` of what the target stores for this brief: a change means an update. */
  contentHash: string;
}

/** What a target will do (or did) with one brief or one leftover entry. */
export type PublishAction = "create" | "update" | "skip" | "delete";

export interface PlanEntry {
  action: PublishAction;
  /** `<slug>/<locale>`, or the target's own name for an entry with no brief (a pruned file). */
  key: string;
  /** Where it goes in the target: a path under the site, or a post URL or id. */
  target: string;
  /** Why, in a few words (for `skip`: "unchanged"). */
  reason?: string;
}

/** The outcome of applying a plan, complete or not. */
export interface PublishResult {
  done: PlanEntry[];
  /** Entries not applied because the run stopped; a later run completes them. */
  notDone: PlanEntry[];
  /** Set when the run stopped early: what stopped it, credentials never included. */
  error?: string;
}

/** Reports progress, one line per brief; the CLI prints it to stderr. */
export type Progress = (line: string) => void;

export interface PublishOptions {
  dryRun: boolean;
  /** Remove what the target holds for articles that no longer exist. */
  prune: boolean;
  progress: Progress;
}

/** A publishing target. */
export interface Publisher {
  /** The `--to` name: `hugo`, `decap`, `wordpress`. */
  readonly name: string;
  /** What publishing these briefs would change, without changing anything. */
  plan(briefs: readonly Brief[], options: PublishOptions): Promise<PlanEntry[]>;
  /**
   * Briefs the target's settings forbid publishing (a usage problem: nothing
   * is planned or sent), as diagnostics on their files under `out`.
   */
  refuse?(briefs: readonly Brief[], out: string): Diagnostic[];
  /** Applies a plan made by {@link plan}; never throws for a target's failure, reports it in the result. */
  apply(plan: readonly PlanEntry[], briefs: readonly Brief[], options: PublishOptions): Promise<PublishResult>;
}

/** A target-specific flag of `newsbrief publish`. */
export interface TargetOption {
  /** Commander flags, e.g. `--url <url>` or `--draft`. */
  flags: string;
  description: string;
  /** Allowed values, shown in `--help` and checked by the CLI. */
  choices?: readonly string[];
}

/** What a target receives: the parsed flags of `newsbrief publish`. */
export interface TargetSettings {
  /** The positional argument (a site folder for file-based targets), resolved against `cwd` by the target. */
  site?: string;
  /** The folder the command runs in. */
  cwd: string;
  /** The environment, for targets that read credentials from it (never from flags or files). */
  env?: Readonly<Record<string, string | undefined>>;
  /** `--layout`, when given; each target knows its own layouts. */
  layout?: string;
  /** Every other flag, by its camel-cased name (`--draft` → `draft`). */
  [option: string]: unknown;
}

/** One publishing target in the registry. */
export interface TargetDefinition {
  /** The `--to` name. */
  name: string;
  /** One line for `--help`. */
  description: string;
  /** Layouts for `--layout`; the first is the default. Empty when the target has none. */
  layouts: readonly string[];
  /** Whether the positional `<site>` argument is required. */
  needsSite: boolean;
  /** Flags of its own. */
  options: readonly TargetOption[];
  /** Builds the publisher; throws a `PublishUsageError` for bad settings. */
  create(settings: TargetSettings): Publisher;
}
