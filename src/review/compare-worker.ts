/**
 * The worker thread of a large `diff`: compares the two sides there, so
 * that their texts go with the thread rather than stay in the heap of the
 * thread that then checks the changed articles.
 */
import { compareSides, type CompareTask, type ComparedApart } from "./diff.ts";
import { GitError } from "../io/git.ts";

export default async function compare(task: CompareTask): Promise<ComparedApart> {
  try {
    return { comparison: await compareSides(task) };
  } catch (error) {
    return { git: error instanceof GitError, message: error instanceof Error ? error.message : String(error) };
  }
}
