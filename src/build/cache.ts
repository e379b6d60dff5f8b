/**
 * The build cache's keys and entries: an article's outputs are reused when
 * the hash of everything it depends on is the one of its last verified build
 * and the output folder still holds exactly those files.
 */
import { createHash } from "node:crypto";
import { compareStrings } from "../diagnostics/diagnostic.ts";
import type { ProjectInputs } from "../io/read.ts";

/** Bumped when a change to newsbrief itself changes what it writes. */
export const RENDER_VERSION = "1";

/** Hash of what every article shares: the render version, the locales and every template. */
export function sharedInputsHash(inputs: ProjectInputs): string {
  const hash = createHash("sha256").update(`newsbrief render ${RENDER_VERSION}\n`);
  const shared = [...inputs.locales, ...inputs.templates, ...(inputs.pageTemplate ? [inputs.pageTemplate] : []), ...(inputs.config ? [inputs.config] : [])];
  for (const file of shared.sort((a, b) => compareStrings(a.file, b.file))) hash.update(`${file.file}\n${file.text.length}:${file.text}\n`);
  return hash.digest("hex");
}

export function hashOf(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:${part}`);
  return hash.digest("hex");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
