/**
 * `newsbrief review`: one page per article and an index, the three briefs
 * line by line with every figure tied to its fact and to its evidence in
 * the source, problems shown where they occur, a strict policy, no external
 * resource, and the pages written even when the content fails.
 */
import { createHash } from "node:crypto";
import { get } from "node:http";
import { mkdirSync } from "node:fs";
import { JSDOM } from "jsdom";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupProjects, FACTS, makeProject, replace, runCli, SLUG, SOURCE, TEMPLATE } from "./support/project.ts";
import { markLine } from "../src/review-page/markup.ts";
import { reviewIndex } from "../src/review-page/page.ts";
import { serveReview } from "../src/io/serve.ts";

afterAll(() => cleanupProjects());

const MONEY_FACTS = ["total", "ai", "digital-solutions", "cybersecurity", "hpc", "interoperability", "chips-fund"];

function dom(html: string): Document {
  return new JSDOM(html).window.document;
}

describe("newsbrief review", () => {
  it("writes a page per article and an index, every money fact tied to its figures in each language and to its evidence", async () => {
    const project = await makeProject();
    const run = await runCli(["review", "--out", "pages"], project.root);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(project.exists("pages/index.html")).toBe(true);
    const html = project.read(`pages/${SLUG}.html`);
    const doc = dom(html);
    for (const [lang, column] of [["fr-BE", "fr"], ["nl-BE", "nl"], ["en-GB", "en"]] as const) {
      const cells = doc.querySelectorAll(`td[lang="${lang}"]`);
      expect(cells.length, column).toBeGreaterThan(10);
    }
    for (const id of MONEY_FACTS) {
      for (const lang of ["fr-BE", "nl-BE", "en-GB"]) {
        expect(doc.querySelectorAll(`td[lang="${lang}"] [data-fact="${id}"]`).length, `${id} in ${lang}`).toBeGreaterThan(0);
      }
      expect(doc.querySelectorAll(`#source [data-evidence~="${id}"]`).length, `evidence of ${id}`).toBeGreaterThan(0);
      expect(doc.getElementById(`fact-${id}`), `card of ${id}`).not.toBeNull();
    }
    // The figure is exactly the text the verifier read.
    const total = [...doc.querySelectorAll('td[lang="en-GB"] [data-fact="total"]')].map((e) => e.textContent);
    expect(total.some((text) => /^€1\.2\sbillion$/.test(text ?? ""))).toBe(true);
    expect(doc.querySelector('[data-evidence~="ai"]')!.textContent).toBe("544,7 millions d’euros");
    // A fact's card shows the stored digits in groups of three.
    expect(doc.getElementById("fact-ai")!.textContent).toContain("money: 544\u202f700\u202f000 EUR");
    // Rows align the same template line in the three languages.
    const row = doc.getElementById("L-fr-24")!.parentElement!;
    expect(row.querySelector('td[lang="nl-BE"]')!.textContent).toContain("Artificiële intelligentie");
    expect(row.querySelector('td[lang="en-GB"]')!.textContent).toContain("Artificial intelligence");
  });

  it("keeps the punctuation that follows a figure on the figure's line, and each figure a button of its own", async () => {
    const project = await makeProject();
    await runCli(["review", "--out", "pages"], project.root);
    const doc = dom(project.read(`pages/${SLUG}.html`));
    const kept = [...doc.querySelectorAll("td .nb")];
    expect(kept.length).toBeGreaterThan(3);
    for (const span of kept) {
      // One button, then only punctuation: a line cannot break between them.
      expect(span.querySelectorAll("button.fig").length).toBe(1);
      expect(span.firstElementChild!.tagName).toBe("BUTTON");
      expect(span.textContent!.slice(span.firstElementChild!.textContent!.length)).toMatch(/^[.,;:!?)\]»”’…]+$/);
    }
    // Every figure followed by a full stop or a comma in the briefs' cells is held with it.
    for (const button of doc.querySelectorAll("td button.fig")) {
      const next = button.nextSibling?.textContent ?? "";
      if (/^[.,]/.test(next)) expect(button.parentElement!.className, `${button.textContent} and the ${next[0]} after it`).toBe("nb");
    }
    expect(doc.querySelector("style")!.textContent).toContain(".nb { white-space: nowrap; }");
  });

  it("lists every article in the index with its title, date, story type, figures and source coverage, failing ones named first", async () => {
    const project = await makeProject();
    await runCli(["review", "--out", "pages"], project.root);
    const clean = dom(project.read("pages/index.html"));
    const rows = [...clean.querySelectorAll("table.articles tbody tr")];
    expect(rows.length).toBe(1);
    const cells = [...rows[0]!.querySelectorAll("td")].map((td) => td.textContent);
    const title = rows[0]!.querySelector("a")!;
    expect(title.getAttribute("href")).toBe(`${SLUG}.html`);
    expect(title.getAttribute("lang")).toBe("fr-BE");
    expect(title.textContent).toBe(/^title: "(.*)"$/m.exec(project.read(SOURCE))![1]);
    expect(cells[0]).toContain(SLUG);
    expect(cells[1]).toBe(/^  date: "(.*)"$/m.exec(project.read(FACTS))![1]);
    expect(cells[2]).toBe(/^  template: (\S+)$/m.exec(project.read(FACTS))![1]);
    // The figures tied are those the article's own page counts (front matter included), at least its buttons.
    const page = dom(project.read(`pages/${SLUG}.html`));
    const tied = /(\d+) figure\(s\) of the briefs tied to their facts/.exec(page.querySelector(".summary")!.textContent!)![1]!;
    expect(cells[3]).toBe(tied);
    expect(Number(tied)).toBeGreaterThanOrEqual(page.querySelectorAll("td button.fig").length);
    const sourceFigures = page.querySelectorAll("#source .sf").length;
    expect(cells[4]).toMatch(new RegExp(`^\\d+ of ${sourceFigures} covered`));
    expect(cells[5]).toBe("passes");
    expect(clean.body.textContent).not.toContain("Failing:");

    // A broken fact: the article is named as failing, with what can still be read of it.
    project.edit(FACTS, replace("    value: 544700000", "    value: 545700000"));
    expect((await runCli(["review", "--out", "broken"], project.root)).code).toBe(1);
    const broken = dom(project.read("broken/index.html"));
    const row = broken.querySelector("table.articles tbody tr")!;
    expect(row.className).toBe("failing");
    expect(row.querySelector("a")!.textContent).toBe(title.textContent);
    expect([...row.querySelectorAll("td")].map((td) => td.textContent).slice(1, 3)).toEqual([cells[1], cells[2]]);
    expect(row.querySelector("td:last-child")!.textContent).toMatch(/^fails: \d+ error\(s\)/);
    expect(broken.body.textContent).toContain(`Failing: ${SLUG}`);

    // A fact of the wrong shape: the article does not load and nothing renders, but its title, date and story type are still read.
    project.edit(FACTS, replace("    value: 545700000", '    value: "many"'));
    expect((await runCli(["review", "--out", "unloaded"], project.root)).code).toBe(1);
    const unloaded = dom(project.read("unloaded/index.html")).querySelector("table.articles tbody tr")!;
    expect(unloaded.querySelector("a")!.textContent).toBe(title.textContent);
    expect([...unloaded.querySelectorAll("td")].map((td) => td.textContent).slice(1, 5)).toEqual([cells[1], cells[2], "–", "–"]);
  });

  it("holds a strict policy whose hashes match the inline style and script, and loads nothing", async () => {
    const project = await makeProject();
    await runCli(["review", "--out", "pages"], project.root);
    const html = project.read(`pages/${SLUG}.html`);
    const doc = dom(html);
    const policy = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute("content")!;
    expect(policy).toContain("default-src 'none'");
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(policy).toContain(`style-src ${hash(doc.querySelector("style")!.textContent!)}`);
    expect(policy).toContain(`script-src ${hash(doc.querySelector("script")!.textContent!)}`);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    // Deterministic: a second run writes the same bytes.
    await runCli(["review", "--out", "again"], project.root);
    expect(project.read(`again/${SLUG}.html`)).toBe(html);
  });

  it("writes the page when a fact is broken, shows the problem at its place, and exits 1", async () => {
    const project = await makeProject({ [FACTS]: replace("value: 544700000", "value: 554700000") });
    const run = await runCli(["review", "--out", "pages"], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("provenance/value-mismatch");
    const doc = dom(project.read(`pages/${SLUG}.html`));
    expect(doc.querySelector(".status-failed")).not.toBeNull();
    // The provenance problem sits on the fact's card; the briefs are still there.
    expect(doc.querySelector("#fact-ai .issues")!.textContent).toContain("provenance/value-mismatch");
    expect(doc.querySelectorAll('td[lang="fr-BE"] [data-fact="ai"]').length).toBeGreaterThan(0);
  });

  it("reports a page template problem at its line, as build does, and a template problem once, not once per locale", async () => {
    const project = await makeProject({ "templates/page.html.hbs": replace("<main>", "<main>{{nope}}"), [TEMPLATE]: replace('{{t "brief.next.register"}}', '{{t "brief.next.register"}} {{text "nobody"}}') });
    const run = await runCli(["review", "--out", "pages"], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^templates\/page\.html\.hbs:\d+:\d+ {2}error {2}the page template names `nope`/m);
    const both = await runCli(["review", "--out", "pages"], (await makeProject({ [TEMPLATE]: replace('{{t "brief.next.register"}}', '{{t "brief.next.register"}} {{text "nobody"}}') })).root);
    expect(both.code).toBe(1);
    expect(both.stderr.match(/template names story `nobody`/g)).toHaveLength(1);
  });

  it("a file where its folder should be is a usage error that names it, for review and build --preview", async () => {
    const project = await makeProject();
    project.write("afile", "notes\n");
    for (const [args, at] of [[["review", "--out", "afile"], "afile"], [["review", "--out", "afile/sub"], "afile/sub"], [["build", "--preview", "afile"], "afile"]] as const) {
      const run = await runCli([...args], project.root);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${at}  error  \`${at}\` is `);
      expect(run.stderr).toContain("[config/not-a-folder]");
    }
    expect(project.read("afile")).toBe("notes\n");
    // A page that cannot be written (here a folder stands in its place): a usage error naming it, not an internal error.
    mkdirSync(project.path(`blocked/${SLUG}.html`), { recursive: true });
    const blocked = await runCli(["review", "--out", "blocked"], project.root);
    expect(blocked.code, blocked.stderr).toBe(2);
    expect(blocked.stderr).toContain(`newsbrief: could not write the review pages to blocked/ (EISDIR: blocked/${SLUG}.html)`);
    // --port without --serve: nothing would use it.
    const port = await runCli(["review", "--port", "5000"], project.root);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("--port is the port of --serve");
    expect(project.exists("review")).toBe(false);
  });

  it("shows a figure typed into a story text as the problem it is, even though nothing renders", async () => {
    // A figure in a free text is refused when facts.yaml is read: the page still says so.
    const project = await makeProject({ [FACTS]: replace(/ {4}en: European Commission$/m, "    en: European Commission (2019)") });
    const run = await runCli(["review", "--out", "pages"], project.root);
    expect(run.code).toBe(1);
    const doc = dom(project.read(`pages/${SLUG}.html`));
    expect(doc.querySelector(".status-failed")).not.toBeNull();
    expect(doc.body.textContent).toContain("facts/figure-in-text");
  });

  it("marks uncovered source figures as errors and ignored ones with their reason", async () => {
    const project = await makeProject({ [SOURCE]: (text) => `${text.trimEnd()}\n\nLe programme compte 17 pays partenaires.\n` });
    const run = await runCli(["review", "--out", "pages"], project.root);
    expect(run.code).toBe(1);
    const doc = dom(project.read(`pages/${SLUG}.html`));
    const uncovered = doc.querySelector("#source .sf.uncovered")!;
    expect(uncovered.textContent).toBe("17");
    expect(uncovered.closest("li")!.querySelector(".issues")!.textContent).toContain("provenance/uncovered");
  });

  it("still writes a page when facts.yaml cannot be read", async () => {
    const project = await makeProject({ [FACTS]: (text) => `${text}\n  bad: [\n` });
    const run = await runCli(["review", "--out", "pages"], project.root);
    expect(run.code).toBe(1);
    const doc = dom(project.read(`pages/${SLUG}.html`));
    expect(doc.querySelectorAll("#problems .issues li").length).toBeGreaterThan(0);
    expect(doc.querySelector("#source li")).not.toBeNull();
  });

  it("refuses to write over the project, and an unknown article", async () => {
    const project = await makeProject();
    expect((await runCli(["review", "--out", "content"], project.root)).code).toBe(2);
    expect((await runCli(["review", "no-such-article", "--out", "pages"], project.root)).code).toBe(2);
  });
});

describe("the review index", () => {
  it("names at most twenty failing articles above the table, and counts the rest", () => {
    const error = { rule: "verify/unknown-figure", severity: "error" as const, message: "m", file: "f", line: 1, column: 1 };
    const articles = Array.from({ length: 25 }, (_, i) => ({ slug: `a-${String(i).padStart(2, "0")}`, diagnostics: [error], source: { covered: 1, ignored: 0, uncovered: 0 } }));
    const doc = dom(reviewIndex({ articles: [...articles, { slug: "ok", diagnostics: [], figures: 3, source: { covered: 2, ignored: 1, uncovered: 1 } }], diagnostics: [] }));
    const failing = [...doc.querySelectorAll("main > p")].find((p) => p.textContent!.startsWith("Failing:"))!;
    expect(failing.querySelectorAll("a").length).toBe(20);
    expect(failing.textContent).toMatch(/and 5 more \(marked in the table\)$/);
    expect(doc.querySelectorAll("tr.failing").length).toBe(25);
    const ok = doc.querySelector("tbody tr:last-child")!;
    expect([...ok.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["ok", "–", "–", "3", "2 of 4 covered, 1 ignored, 1 not covered", "passes"]);
  });
});

describe("marking up a line", () => {
  it("nests crossing stretches properly", () => {
    const html = markLine("abcdef", [
      { start: 0, end: 4, layer: 0, wrap: (s) => `<m>${s}</m>` },
      { start: 2, end: 6, layer: 1, wrap: (s) => `<f>${s}</f>`, after: "!" },
    ]);
    expect(html).toBe("<m>ab</m><m><f>cd</f></m><f>ef</f>!");
    expect(markLine("a<b", [])).toBe("a&lt;b");
  });
});

describe("newsbrief review --serve", () => {
  it("serves the pages and rebuilds one when its article changes", async () => {
    const project = await makeProject();
    let builds = 0;
    const { gatherReview } = await import("../src/build/review.ts");
    const { reviewFiles } = await import("../src/review-page/page.ts");
    const { projectPaths } = await import("../src/io/paths.ts");
    const paths = projectPaths(project.root);
    const server = await serveReview({
      root: project.root,
      watch: ["content"],
      articlesFolder: "content",
      port: 0,
      build: async (slugs) => {
        builds++;
        const files = reviewFiles(await gatherReview(paths, slugs ? { articles: slugs } : {}), { reloadUrl: (page) => `/__version?page=${page}` });
        return new Map(files.map((f) => [f.path, f.contents]));
      },
    });
    try {
      const fetchText = (url: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          get(url, (response) => {
            let body = "";
            response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
          }).on("error", reject);
        });
      const page = await fetchText(`${server.url}${SLUG}.html`);
      expect(page.status).toBe(200);
      expect(page.body).toContain(`data-reload="/__version?page=${SLUG}.html"`);
      expect(page.body).toContain("connect-src 'self'");
      const before = (await fetchText(`${server.url}__version?page=${SLUG}.html`)).body;
      project.edit(FACTS, replace("value: 544700000", "value: 554700000"));
      for (let i = 0; i < 50 && builds < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      await server.settled();
      expect(builds).toBeGreaterThanOrEqual(2);
      const after = (await fetchText(`${server.url}__version?page=${SLUG}.html`)).body;
      expect(after).not.toBe(before);
      expect((await fetchText(`${server.url}${SLUG}.html`)).body).toContain("status-failed");
      expect((await fetchText(`${server.url}nothing.html`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
