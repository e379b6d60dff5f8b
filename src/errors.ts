/**
 * The one exit policy: every command ends normally (exit 0) or throws one
 * of these typed errors, and the command line maps it to an exit code with
 * {@link EXIT}. Nothing else decides an exit code.
 */

/** Exit codes, by kind of failure. */
export const EXIT = {
  ok: 0,
  /** Content or verification errors: fix the articles, templates or locales. */
  content: 1,
  /** Usage or configuration errors: fix the command or the project's folders. */
  usage: 2,
  /** A publishing target failed: what was and was not done is listed. */
  target: 3,
  /** A bug in newsbrief. */
  internal: 70,
  /** Another build holds the output folder. */
  lock: 75,
} as const;

/** A kind of failure. */
export type FailureKind = Exclude<keyof typeof EXIT, "ok">;

/**
 * A command's failure. The command has already printed what went wrong in
 * detail (its diagnostics); `message`, when not empty, is one closing line.
 */
export class CommandError extends Error {
  override name = "CommandError";
  constructor(
    readonly kind: FailureKind,
    message = "",
  ) {
    super(message);
  }
}

/** The command was called wrongly, or the project is not set up (exit 2). */
export class UsageError extends CommandError {
  override name = "UsageError";
  constructor(message = "") {
    super("usage", message);
  }
}

/** The content does not pass (exit 1). */
export class ContentError extends CommandError {
  override name = "ContentError";
  constructor(message = "") {
    super("content", message);
  }
}

/** A publishing target failed (exit 3). */
export class TargetError extends CommandError {
  override name = "TargetError";
  constructor(message = "") {
    super("target", message);
  }
}

/** Another build holds the output folder (exit 75). */
export class LockError extends CommandError {
  override name = "LockError";
  constructor(message = "") {
    super("lock", message);
  }
}

/** The exit code for what a command threw: a {@link CommandError}'s kind, anything else is internal. */
export function exitCodeOf(error: unknown): number {
  return error instanceof CommandError ? EXIT[error.kind] : EXIT.internal;
}
