/** Settings that cannot work (a missing site folder, an unknown layout): a usage error (exit 2). */
export class PublishUsageError extends Error {
  override name = "PublishUsageError";
}
