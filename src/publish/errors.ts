/** Settings that cannot work (a missing site folder, an unknown layout): a usage error (exit 2). */
export class PublishUsageError extends Error {
  override name = "PublishUsageError";
  /** Every problem found, each a sentence of its own. */
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("; "));
    this.problems = list;
  }
}
