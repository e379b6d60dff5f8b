/**
 * The build cache in two parts: the index alone decides that nothing
 * changed; the details (hashes, feed items, manifest entries) are read only
 * when something did, and a build without them renders again and writes the
 * same bytes.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { projectPaths } from "../src/io/paths.ts";
import { build } from "../src/build/pipeline.ts";
import { eachOutput, readBuildCache, writeBuildCache, type BuildCache } from "../src/io/cache.ts";
import { cleanupProjects, digestTree, FACTS, makeProject, replace, snapshotTree, SLUG } from "./support/project.ts";
import { cleanupStoryProjects, storyProject, SWISS_BUDGET } from "./support/story-project.ts";

afterAll(() => {
  cleanupProjects();
  cleanupStoryProjects();
});

/** Rewrites the JSON head of an index file (its second line), the articles' names and numbers kept as they are, the numbers aligned again. */
function rewriteIndexHead(file: string, change: (head: Record<string, unknown>) => Record<string, unknown>): void {
  const bytes = readFileSync(file);
  const versionEnd = bytes.indexOf(10);
  const headEnd = bytes.indexOf(10, versionEnd + 1);
  const head = JSON.parse(bytes.toString("utf8", versionEnd + 1, headEnd)) as { names: number; numbers: number };
  const names = bytes.subarray(headEnd + 1, headEnd + 1 + head.names);
  const numbers = bytes.subarray(bytes.length - 8 * head.numbers);
  const start = Buffer.from(`${bytes.toString("utf8", 0, versionEnd)}\n${JSON.stringify(change(head))}\n`);
  const padding = Buffer.alloc((8 - ((start.length + names.length) % 8)) % 8);
  writeFileSync(file, Buffer.concat([start, names, padding, numbers]));
}

/** An index file's bytes with its number at `position` (counted from the first) set to `value`. */
function withNumber(bytes: Buffer, count: number, position: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeDoubleLE(value, copy.length - 8 * count + 8 * position);
  return copy;
}

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
    rewriteIndexHead(index!, (head) => ({ ...head, detailsLines: 69 }));
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

describe("the index file", () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  const cacheOf = (): BuildCache => ({
    cms: { "feed.fr.json": ["f".repeat(64), 120, 1_700_000_000_123.25], "manifest.json": ["m".repeat(64), 80, 1_700_000_000_124.5] },
    types: { event: "e".repeat(64) },
    tool: "t".repeat(64),
    detailsLines: 2,
    entries: {
      "a-brief": {
        key: "k1",
        figures: 7,
        template: "event",
        coverage: { slug: "a-brief", figures: 9, covered: 6, ignored: 3 },
        inputs: { facts: [1234, 1_700_000_000_001.5], source: [567, 1_700_000_000_002.75], inputHash: "h1" },
        files: new Map<string, [string, number, number]>([
          ["a-brief/fr.md", ["d1", 100, 1_700_000_000_010.0625]],
          ["a-brief/fr.html", ["d2", 200, 1_700_000_000_011]],
          // A path outside its own folder is kept whole.
          ["élan/nl.md", ["d3", 300, 1_700_000_000_012]],
        ]),
        feed: { fr: [10, 20, "2025-03-28"] },
        manifest: [30, 40],
      },
      // No story type, no outputs.
      "b-brief": {
        key: "k2",
        figures: 0,
        coverage: { slug: "b-brief", figures: 0, covered: 0, ignored: 0 },
        inputs: { facts: [1, 2], source: [3, 4], inputHash: "h2" },
        files: new Map(),
      },
    },
  });
  const project = () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsbrief-index-"));
    roots.push(root);
    return projectPaths(root);
  };

  it("reads back what it wrote, and writes the same bytes again from what it read, with or without making the maps of outputs", async () => {
    const paths = project();
    await writeBuildCache(paths, cacheOf());
    const [file] = cacheFiles(paths.root, ".index");
    const written = readFileSync(file!);
    const read = await readBuildCache(paths);
    expect(Object.keys(read.entries)).toEqual(["a-brief", "b-brief"]);
    expect(read.cms).toEqual(cacheOf().cms);
    expect(read.types).toEqual({ event: "e".repeat(64) });
    expect(read.tool).toBe("t".repeat(64));
    const a = read.entries["a-brief"]!;
    expect([a.figures, a.template, a.coverage, a.inputs]).toEqual([7, "event", { slug: "a-brief", figures: 9, covered: 6, ignored: 3 }, { facts: [1234, 1_700_000_000_001.5], source: [567, 1_700_000_000_002.75], inputHash: "" }]);
    const seen: Array<[string, number, number]> = [];
    expect(eachOutput(a, (relative, size, time) => void seen.push([relative, size, time]))).toBe(true);
    expect(seen).toEqual([
      ["a-brief/fr.md", 100, 1_700_000_000_010.0625],
      ["a-brief/fr.html", 200, 1_700_000_000_011],
      ["élan/nl.md", 300, 1_700_000_000_012],
    ]);
    // Stopping early says so.
    expect(eachOutput(a, () => false)).toBe(false);
    const b = read.entries["b-brief"]!;
    expect(b.template).toBeUndefined();
    expect("template" in b).toBe(false);
    expect([...b.files]).toEqual([]);
    // Written again from the table alone, then from the maps: the same bytes both times.
    await writeBuildCache(paths, { ...read, detailsLines: 2 });
    expect(readFileSync(file!)).toEqual(written);
    expect([...a.files]).toEqual([
      ["a-brief/fr.md", ["", 100, 1_700_000_000_010.0625]],
      ["a-brief/fr.html", ["", 200, 1_700_000_000_011]],
      ["élan/nl.md", ["", 300, 1_700_000_000_012]],
    ]);
    await writeBuildCache(paths, { ...read, detailsLines: 2 });
    expect(readFileSync(file!)).toEqual(written);
    // A map changed after it was made is what is written.
    a.files.delete("élan/nl.md");
    await writeBuildCache(paths, { ...read, detailsLines: 2 });
    const changed = await readBuildCache(paths);
    expect([...changed.entries["a-brief"]!.files.keys()]).toEqual(["a-brief/fr.md", "a-brief/fr.html"]);
  });

  it("leaves out an article whose paths it cannot hold, and reads an index that is cut short, too long or out of step as an empty cache", async () => {
    const paths = project();
    const cache = cacheOf();
    cache.entries["a-brief"]!.files.set("a-brief/odd\tname.md", ["d4", 1, 2]);
    await writeBuildCache(paths, cache);
    expect(Object.keys((await readBuildCache(paths)).entries)).toEqual(["b-brief"]);
    await writeBuildCache(paths, cacheOf());
    const [file] = cacheFiles(paths.root, ".index");
    const good = readFileSync(file!);
    expect(Object.keys((await readBuildCache(paths)).entries)).toHaveLength(2);
    const versionEnd = good.indexOf(10);
    const headEnd = good.indexOf(10, versionEnd + 1);
    const head = JSON.parse(good.toString("utf8", versionEnd + 1, headEnd)) as { numbers: number };
    const broken = [
      good.subarray(0, good.length - 8),
      Buffer.concat([good, Buffer.alloc(8)]),
      Buffer.from(good.toString("latin1").replace(`"numbers":${head.numbers}`, `"numbers":${head.numbers - 2}`), "latin1"),
      Buffer.from(good.toString("latin1").replace('"names":', '"names":"'), "latin1"),
      Buffer.concat([Buffer.from("newsbrief build index 6\n"), good.subarray(versionEnd + 1)]),
      // The first article (three outputs) said to have fewer or more: the names and the numbers no longer match.
      withNumber(good, head.numbers, 8, 2),
      withNumber(good, head.numbers, 8, 100),
      withNumber(good, head.numbers, 8, 1.5),
      // A path fewer in the names than the numbers count, every length as written.
      Buffer.from(good.toString("latin1").replace("\t/fr.html", " /fr.html"), "latin1"),
    ];
    for (const bytes of broken) {
      writeFileSync(file!, bytes);
      expect((await readBuildCache(paths)).entries).toEqual({});
    }
  });
});
