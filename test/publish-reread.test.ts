/**
 * Publishing reads the briefs that `check` verified again from out/, one
 * article at a time, and takes only the files still exactly as verified.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { projectPaths } from "../src/io/paths.ts";
import { cleanupProjects, makeProject, SLUG } from "./support/project.ts";

// `check` as it is, but able to hand the verified files' hashes over to a test before they are read again.
const between = vi.hoisted(() => ({ run: undefined as undefined | (() => void) }));
vi.mock("../src/build/pipeline.ts", async (original) => {
  const real = await original<typeof import("../src/build/pipeline.ts")>();
  return {
    ...real,
    check: async (...args: Parameters<typeof real.check>) => {
      const result = await real.check(...args);
      between.run?.();
      return result;
    },
  };
});
const { loadBriefs } = await import("../src/publish/briefs.ts");

afterAll(() => cleanupProjects());

describe("publishing the checked briefs", () => {
  it("reads every brief that check verified", async () => {
    const project = await makeProject();
    between.run = undefined;
    const { briefs, diagnostics } = await loadBriefs(projectPaths(project.root));
    expect(diagnostics).toEqual([]);
    expect(briefs.map((b) => `${b.slug}/${b.locale}`)).toEqual([`${SLUG}/fr`, `${SLUG}/nl`, `${SLUG}/en`]);
  });

  it("refuses a brief file changed on disk after check verified it, and publishes the others", async () => {
    const project = await makeProject();
    between.run = () => project.write(`out/${SLUG}/nl.html`, project.read(`out/${SLUG}/nl.html`).replace("290,8", "299,8"));
    const { briefs, diagnostics } = await loadBriefs(projectPaths(project.root));
    expect(diagnostics.map((d) => [d.file, d.rule, d.message])).toEqual([[`out/${SLUG}/nl.html`, "publish/unreadable-brief", "the file changed on disk after it was checked"]]);
    expect(briefs.map((b) => b.locale)).toEqual(["fr", "en"]);
  });
});
