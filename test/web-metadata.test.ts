/**
 * Web metadata from the site settings (`newsbrief.config.json`): absolute
 * canonical, og:url and hreflang URLs with x-default, the feeds' home and
 * feed URLs, NewsArticle JSON-LD with publisher and author, meta
 * descriptions of at most 160 characters, and a quote's `lang` kept by the
 * sanitizer. Without the settings, URLs stay relative.
 */
import { JSDOM } from "jsdom";
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { MAX_DESCRIPTION, sanitizeBody, shortenDescription, sourceTitleText } from "../src/render/brief.ts";
import { cleanupProjects, makeProject, runCli, SLUG } from "./support/project.ts";
import { ACME_RESULTS, cleanupStoryProjects, storyProject } from "./support/story-project.ts";

afterAll(() => {
  cleanupProjects();
  cleanupStoryProjects();
});

const SITE = {
  site: {
    baseUrl: "https://news.example.org/briefs/",
    publisher: { name: "Le Quotidien", logo: "https://news.example.org/logo.png" },
    author: { name: "La rédaction", type: "Organization" },
  },
};

describe("the site settings", () => {
  it("make every URL of the pages and feeds absolute, and name the publisher and author", async () => {
    const project = await makeProject({ "newsbrief.config.json": JSON.stringify(SITE, null, 2) });
    const run = await runCli(["build"], project.root);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const locale of ["fr", "nl", "en"]) {
      const doc = new JSDOM(project.read(`out/${SLUG}/${locale}.html`)).window.document;
      const url = `https://news.example.org/briefs/${SLUG}/${locale}.html`;
      expect(doc.querySelector('link[rel="canonical"]')!.getAttribute("href")).toBe(url);
      expect(doc.querySelector('meta[property="og:url"]')!.getAttribute("content")).toBe(url);
      const alternates = Object.fromEntries([...doc.querySelectorAll('link[rel="alternate"]')].map((l) => [l.getAttribute("hreflang"), l.getAttribute("href")]));
      expect(alternates).toEqual({
        "fr-BE": `https://news.example.org/briefs/${SLUG}/fr.html`,
        "nl-BE": `https://news.example.org/briefs/${SLUG}/nl.html`,
        "en-GB": `https://news.example.org/briefs/${SLUG}/en.html`,
        "x-default": `https://news.example.org/briefs/${SLUG}/fr.html`,
      });
      const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!) as Record<string, any>;
      expect(ld.publisher).toEqual({ "@type": "Organization", name: "Le Quotidien", logo: { "@type": "ImageObject", url: "https://news.example.org/logo.png" } });
      expect(ld.author).toEqual({ "@type": "Organization", name: "La rédaction" });
      expect(ld.mainEntityOfPage).toEqual({ "@type": "WebPage", "@id": url });
      expect(ld.datePublished).toBe("2025-03-28");
      const description = doc.querySelector('meta[name="description"]')!.getAttribute("content")!;
      expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
      expect(ld.description).toBe(description);
    }
    const feed = JSON.parse(project.read("out/feed.nl.json")) as { home_page_url: string; feed_url: string; items: Array<{ url: string }> };
    expect(feed.home_page_url).toBe("https://news.example.org/briefs/");
    expect(feed.feed_url).toBe("https://news.example.org/briefs/feed.nl.json");
    expect(feed.items[0]!.url).toBe(`https://news.example.org/briefs/${SLUG}/nl.html`);
    // check agrees with what build wrote.
    expect((await runCli(["check"], project.root)).code).toBe(0);
  });

  it("leave relative URLs and no publisher without the settings", async () => {
    const project = await makeProject();
    const html = project.read(`out/${SLUG}/en.html`);
    expect(html).toContain('<link rel="alternate" hreflang="en-GB" href="./en.html">');
    expect(html).not.toContain("canonical");
    expect(html).not.toContain('"publisher": {\n    "@type": "Organization",\n    "name": "Le');
    expect(JSON.parse(project.read("out/feed.en.json")).home_page_url).toBeUndefined();
  });

  it("are checked: a relative base URL is an error at its line", async () => {
    const project = await makeProject({ "newsbrief.config.json": JSON.stringify({ site: { ...SITE.site, baseUrl: "/briefs/" } }, null, 2) });
    const run = await runCli(["build"], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^newsbrief\.config\.json:3:\d+ +error/m);
  });
});

describe("meta descriptions", () => {
  it("are cut at a clause or a word boundary, never inside a figure, to at most 160 characters", () => {
    const text = "La Commission européenne a approuvé le financement du programme de travail pluriannuel 2025-2027 du Programme pour une Europe numérique, doté de 1,2 milliard d’euros.";
    const short = shortenDescription(text);
    expect(short.length).toBeLessThanOrEqual(160);
    expect(short).toBe("La Commission européenne a approuvé le financement du programme de travail pluriannuel 2025-2027 du Programme pour une Europe numérique…");
    const words = `${"mot ".repeat(37)}reçoit 1 232 726 898 euros et plus encore`;
    const cut = shortenDescription(words);
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut).toMatch(/reçoit…$/);
    expect(shortenDescription("court")).toBe("court");
  });

  it("without a clause to cut at, end on a whole phrase in the brief's language: not inside a name, not inside a figure", () => {
    const fr = "Le 28 mars 2025, la Commission européenne a annoncé une enveloppe de 1,2 milliard d’euros pour le programme de travail pluriannuel du Programme pour une Europe numérique, en plus.";
    // Before "du", not before "pour" inside the name "Programme pour une Europe numérique".
    expect(shortenDescription(fr, "fr")).toBe("Le 28 mars 2025, la Commission européenne a annoncé une enveloppe de 1,2 milliard d’euros pour le programme de travail pluriannuel…");
    expect(shortenDescription(fr)).toMatch(/du Programme pour une Europe…$/);
    const nl = "Op 28 maart 2025 kondigde de Europese Commissie een budget van 1,2 miljard euro aan voor het meerjarige werkprogramma van het programma Digitaal Europa en nog veel meer.";
    expect(shortenDescription(nl, "nl")).toBe("Op 28 maart 2025 kondigde de Europese Commissie een budget van 1,2 miljard euro aan voor het meerjarige werkprogramma…");
    const en = `The Council of Ministers approved the construction of a new offshore wind zone in the Belgian part of the North Sea for ${"a ".repeat(20)}total of 1.2 billion of euros more`;
    const cut = shortenDescription(en, "en");
    expect(cut.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    expect(cut).not.toMatch(/\d[^ ]*…$|billion…$/);
    // A figure's words are never split before an opener: "1,2 milliard | de francs".
    const figure = `${"mot ".repeat(30)}atteint 1,2 milliard de francs suisses et encore bien davantage`;
    expect(shortenDescription(figure, "fr")).not.toMatch(/milliard…$/);
  });
});

describe("the body sanitizer", () => {
  it("keeps the lang of a passage in another language, and drops a malformed one", () => {
    expect(sanitizeBody('<blockquote lang="fr"><p>« Citation »</p></blockquote>')).toBe('<blockquote lang="fr"><p>« Citation »</p></blockquote>');
    expect(sanitizeBody('<p><span lang="fr-BE">en français</span></p>')).toBe('<p><span lang="fr-BE">en français</span></p>');
    expect(sanitizeBody('<p lang="x&quot; onclick=&quot;">t</p>')).toBe("<p>t</p>");
    expect(sanitizeBody('<p style="x" lang="nl">t</p>')).toBe('<p lang="nl">t</p>');
  });
});

describe("the source's title as the briefs cite it", () => {
  it("has a no-break space between a figure and % where the source has an ordinary space or none", async () => {
    for (const space of [" ", ""]) {
      const root = storyProject({ ...ACME_RESULTS, title: `Acme : chiffre d’affaires en baisse de 3,2${space}% en 2025` });
      const run = await runCli(["build"], root);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const cited = "Acme : chiffre d’affaires en baisse de 3,2\u00a0% en 2025";
      for (const locale of ["fr", "nl", "en"]) {
        const markdown = readFileSync(path.join(root, "out", "acme-results", `${locale}.md`), "utf8");
        expect(markdown).toContain(`  title: ${JSON.stringify(cited)}`);
        const doc = new JSDOM(readFileSync(path.join(root, "out", "acme-results", `${locale}.html`), "utf8")).window.document;
        const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!) as { isBasedOn: { headline: string } };
        expect(ld.isBasedOn.headline).toBe(cited);
      }
    }
  });

  it("keeps every other character of the source's title", () => {
    expect(sourceTitleText("Le chômage recule à 5,4 % (contre 5,6\u202f%) : « stable »")).toBe("Le chômage recule à 5,4\u00a0% (contre 5,6\u202f%) : « stable »");
    expect(sourceTitleText("100 % renouvelable")).toBe("100\u00a0% renouvelable");
    expect(sourceTitleText("Un titre sans pourcentage % ni chiffre")).toBe("Un titre sans pourcentage % ni chiffre");
  });
});
