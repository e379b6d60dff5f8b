/**
 * newsbrief's library API: the front door that `package.json` `exports`
 * points at. Everything else under src/ is internal and may move.
 */
export { build, check, RENDER_VERSION, type BuildOptions, type CheckOptions, type RunResult } from "./build/pipeline.ts";
export { extractFigures, type ExtractedFigure } from "./extract/index.ts";
export { diffProject, type DiffOptions, type ReviewReport } from "./review/diff.ts";
export { createPublisher, publish, TARGETS, TARGET_NAMES, type PublishRun } from "./publish/index.ts";
export type { Brief, PlanEntry, Publisher, PublishOptions, PublishResult, TargetDefinition } from "./publish/types.ts";
export { main } from "./cli.ts";
export { projectPaths } from "./io/paths.ts";
export { CommandError, ContentError, EXIT, LockError, TargetError, UsageError, exitCodeOf, type FailureKind } from "./errors.ts";
export { formatDiagnostic, formatReport, type Diagnostic, type Severity } from "./diagnostics/diagnostic.ts";
export type { Fact, Facts, Quote, Breakdown, Related, SourceFrontMatter } from "./content/schema.ts";
export { LOCALES, type ArticleFiles, type CliProcess, type Locale, type OutputFile, type ProjectPaths } from "./types.ts";
