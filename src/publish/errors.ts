/** Settings that cannot work (a missing site folder, an unknown layout): a usage error (exit 2). */
export class PublishUsageError extends Error {
  override name = "PublishUsageError";
  /** Every problem found, each a sentence of its own. */
  readonly problems: readonly string[];
  /** Settings keys (`draft`) that a problem already explains: they are not refused again as another target's flags. */
  readonly explained: readonly string[];
  constructor(problems: string | readonly string[], explained: readonly string[] = []) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("; "));
    this.problems = list;
    this.explained = explained;
  }
}
