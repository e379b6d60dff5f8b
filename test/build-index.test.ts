/**
 * The build cache in two parts: the index alone decides that nothing
 * changed; the details (hashes, feed items, manifest entries) are read only
 * when something did, and a build without them renders again and writes the
 * same bytes.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectPaths } from "../src/io/paths.ts";
import { build } from "../src/build/pipeline.ts";
import { cleanupProjects, digestTree, FACTS, makeProject, replace, snapshotTree, SLUG } from "./support/project.ts";
import { cleanupStoryProjects, storyProject, SWISS_BUDGET } from "./support/story-project.ts";

afterAll(() => {
  cleanupProjects();
  cleanupStoryProjects();
});

function cacheFiles(root: string, ending: string): string[] {
  const dir = path.join(root, "node_modules", ".cache", "newsbrief");
  return readdirSync(dir).filter((name) => name.endsWith(ending)).map((name) => path.join(dir, name));
}

describe("the build index", () => {
  it("says nothing changed from the index alone, without the details", async () => {
    const project = await makeProject();
    const paths = projectPaths(project.root);
    expect((await build(paths)).diagnostics).toEqual([]);
    const details = cacheFiles(project.root, ".details");
    expect(details).toHaveLength(1);
    expect(cacheFiles(project.root, ".index")).toHaveLength(1);
    const before = digestTree(snapshotTree(project.out));
    rmSync(details[0]!);
    const again = await build(paths);
    expect(again.diagnostics).toEqual([]);
    expect(again.changed).toEqual([]);
    expect(again.cached).toBe(1);
    expect(digestTree(snapshotTree(project.out))).toEqual(before);
  });

  it("reuses articles without the details (hashes, manifest entries), adds the rendered one's, and writes what a build without cache writes", async () => {
    const project = await makeProject();
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${SLUG}-b`), { recursive: true });
    const paths = projectPaths(project.root);
    expect((await build(paths)).diagnostics).toEqual([]);
    const [details] = cacheFiles(project.root, ".details");
    expect(readFileSync(details!, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)[0])).toEqual([SLUG, `${SLUG}-b`]);
    rmSync(details!);
    project.edit(FACTS, replace('date: "2025-03-28"', 'date: "2025-03-30"'));
    const rebuilt = await build(paths);
    expect(rebuilt.diagnostics).toEqual([]);
    expect(rebuilt.cached).toBe(1);
    // Only the rendered article's line is there now: the details grow by what a build renders.
    expect(readFileSync(details!, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)[0])).toEqual([SLUG]);
    const incremental = digestTree(snapshotTree(project.out));
    const uncached = await build(paths, { cache: false });
    expect(uncached.changed).toEqual([]);
    expect(digestTree(snapshotTree(project.out))).toEqual(incremental);
  });

  it("writes the details whole again once they hold more than twice the articles' lines", async () => {
    const project = await makeProject();
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${SLUG}-b`), { recursive: true });
    const paths = projectPaths(project.root);
    expect((await build(paths)).diagnostics).toEqual([]);
    const [details] = cacheFiles(project.root, ".details");
    const [index] = cacheFiles(project.root, ".index");
    const slugs = () => readFileSync(details!, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)[0]);
    project.edit(FACTS, replace('date: "2025-03-28"', 'date: "2025-03-30"'));
    expect((await build(paths)).cached).toBe(1);
    expect(slugs()).toEqual([SLUG, `${SLUG}-b`, SLUG]);
    const lineOf = (slug: string) => readFileSync(details!, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line)).findLast(([s]) => s === slug)?.[1];
    const reusedLine = lineOf(`${SLUG}-b`);
    expect(reusedLine.briefs).toHaveLength(3);
    // As if many builds had added lines: the next one reads them and writes one line per article.
    const [version, head, articles] = readFileSync(index!, "utf8").split("\n");
    writeFileSync(index!, [version, JSON.stringify({ ...JSON.parse(head!), detailsLines: 69 }), articles, ""].join("\n"));
    project.edit(FACTS, replace('date: "2025-03-30"', 'date: "2025-03-28"'));
    const again = await build(paths);
    expect(again.diagnostics).toEqual([]);
    expect(again.cached).toBe(1);
    expect(slugs()).toEqual([SLUG, `${SLUG}-b`]);
    // The reused article's details (its hashes, key and manifest entry) are kept as they were.
    expect(lineOf(`${SLUG}-b`)).toEqual(reusedLine);
  });

  it("renders reused articles again when the places of their feed items are gone, and writes what a build without cache writes", async () => {
    const project = await makeProject();
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${SLUG}-b`), { recursive: true });
    const paths = projectPaths(project.root);
    expect((await build(paths)).diagnostics).toEqual([]);
    for (const file of cacheFiles(project.root, ".places")) rmSync(file);
    project.edit(FACTS, replace('date: "2025-03-28"', 'date: "2025-03-30"'));
    const rebuilt = await build(paths);
    expect(rebuilt.diagnostics).toEqual([]);
    expect(rebuilt.cached).toBe(0);
    const withIndexOnly = digestTree(snapshotTree(project.out));
    const uncached = await build(paths, { cache: false });
    expect(uncached.changed).toEqual([]);
    expect(digestTree(snapshotTree(project.out))).toEqual(withIndexOnly);
  });

  it("takes no reused item from a feed or manifest edited by hand: those articles are rendered again, and the files made whole", async () => {
    const project = await makeProject();
    cpSync(project.path(`content/${SLUG}`), project.path(`content/${SLUG}-b`), { recursive: true });
    const paths = projectPaths(project.root);
    expect((await build(paths)).diagnostics).toEqual([]);
    const clean = digestTree(snapshotTree(project.out));
    for (const file of ["feed.fr.json", "manifest.json"]) {
      // Text put in front moves every item: a build reading items at their recorded places would cut them wrong.
      writeFileSync(path.join(project.out, file), `${" ".repeat(37)}${readFileSync(path.join(project.out, file), "utf8")}`);
      project.edit(FACTS, replace('date: "2025-03-28"', 'date: "2025-03-30"'));
      const rebuilt = await build(paths);
      expect(rebuilt.diagnostics).toEqual([]);
      expect(rebuilt.cached).toBe(0);
      expect(rebuilt.changed).toContain(file);
      const incremental = digestTree(snapshotTree(project.out));
      expect((await build(paths, { cache: false })).changed).toEqual([]);
      expect(digestTree(snapshotTree(project.out))).toEqual(incremental);
      project.edit(FACTS, replace('date: "2025-03-30"', 'date: "2025-03-28"'));
      expect((await build(paths)).diagnostics).toEqual([]);
      expect(digestTree(snapshotTree(project.out))).toEqual(clean);
    }
  });

  it("renders everything again, and writes the same bytes, when the index is not one it can read", async () => {
    const project = await makeProject();
    const paths = projectPaths(project.root);
    expect((await build(paths)).diagnostics).toEqual([]);
    const before = digestTree(snapshotTree(project.out));
    for (const text of ["newsbrief build index 4\n{not json\n", "newsbrief build index 4\n{}\n[1,2\n", "an older index\n"]) {
      for (const file of cacheFiles(project.root, ".index")) writeFileSync(file, text);
      const again = await build(paths);
      expect(again.diagnostics).toEqual([]);
      expect(again.cached).toBe(0);
      expect(again.articles).toBe(1);
      expect(digestTree(snapshotTree(project.out))).toEqual(before);
    }
  });

  it("writes each of its files (index, places, details, story types) through a temporary file: one that cannot be replaced leaves no temporary file and fails no build", async () => {
    // An article of a story type defined by its type.yaml, so that the story types are kept too.
    const root = storyProject(SWISS_BUDGET);
    const paths = projectPaths(root);
    expect((await build(paths)).diagnostics).toEqual([]);
    const before = digestTree(snapshotTree(paths.out));
    const endings = [".index", ".places", ".details", ".types"];
    const files = endings.flatMap((ending) => cacheFiles(root, ending));
    expect(files).toHaveLength(4);
    // A folder that is not empty in the place of each file: renaming over it fails.
    for (const file of files) {
      rmSync(file);
      mkdirSync(path.join(file, "kept"), { recursive: true });
    }
    const again = await build(paths);
    expect(again.diagnostics).toEqual([]);
    expect(digestTree(snapshotTree(paths.out))).toEqual(before);
    const dir = path.dirname(files[0]!);
    expect(readdirSync(dir).sort()).toEqual(files.map((file) => path.basename(file)).sort());
    for (const file of files) expect(readdirSync(file)).toEqual(["kept"]);
  });

  it("reuses an article whose input was touched but not changed, by the hash of its texts", async () => {
    const project = await makeProject();
    const paths = projectPaths(project.root);
    expect((await build(paths)).diagnostics).toEqual([]);
    const touched = new Date(Date.now() + 60_000);
    utimesSync(project.path(FACTS), touched, touched);
    const again = await build(paths);
    expect(again.diagnostics).toEqual([]);
    expect(again.cached).toBe(1);
    expect(again.changed).toEqual([]);
  });
  it("writes the same feeds, manifest and index whether it puts them together in memory or writes them in two passes", async () => {
    const trees: Array<Record<string, string>> = [];
    const places: string[] = [];
    for (const heldItems of [0, 2000]) {
      const project = await makeProject();
      for (const n of [2, 3, 4]) {
        cpSync(project.path(`content/${SLUG}`), project.path(`content/${SLUG}-${n}`), { recursive: true });
        const facts = project.path(`content/${SLUG}-${n}/facts.yaml`);
        writeFileSync(facts, readFileSync(facts, "utf8").replace('date: "2025-03-28"', `date: "2025-03-2${n}"`));
      }
      const paths = projectPaths(project.root);
      expect((await build(paths, { heldItems })).diagnostics).toEqual([]);
      // One article moved to the top of the feeds: the others are copied from the files on disk.
      project.edit(FACTS, replace('date: "2025-03-28"', 'date: "2025-04-02"'));
      const changed = await build(paths, { heldItems });
      expect(changed.diagnostics).toEqual([]);
      expect(changed.cached).toBe(3);
      trees.push(digestTree(snapshotTree(project.out)));
      places.push(readFileSync(cacheFiles(project.root, ".places")[0]!, "utf8"));
      // And what it wrote is what a build from nothing writes.
      const uncached = await build(paths, { heldItems, cache: false });
      expect(uncached.changed).toEqual([]);
    }
    expect(trees[0]).toEqual(trees[1]);
    expect(places[0]).toEqual(places[1]);
  });
});
