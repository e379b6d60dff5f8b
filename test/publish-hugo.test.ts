/**
 * `newsbrief publish --to hugo` against the real Hugo (Debian's 0.111): a
 * small multilingual site of the test's own, both layouts, then `hugo`
 * builds it and every page must exist, link its two translations with
 * hreflang, and still carry figures that match the dataset.
 */
import { execFile, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { LOCALES } from "../src/content/schema.ts";
import { verifyArticle } from "../src/verify/verify.ts";
import { bundledArticle, ROOT } from "./support/fixtures.ts";
import { cleanupProjects, makeProject, runCli, SLUG } from "./support/project.ts";

const run = promisify(execFile);
const FIXTURE = path.join(ROOT, "test", "fixtures", "hugo-site");
/** The hugo to run: `HUGO_BIN` when set (another version, or a missing one to see the CI rule work). */
const HUGO_BIN = process.env.HUGO_BIN ?? "hugo";
const HUGO = spawnSync(HUGO_BIN, ["version"], { encoding: "utf8" });
const hasHugo = HUGO.status === 0;

if (!hasHugo && !process.env.CI) {
  console.warn("publish-hugo.test.ts: `hugo` is not installed, the Hugo tests are skipped (apt-get install hugo; CI installs it and fails without it).");
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  cleanupProjects();
});

describe.runIf(process.env.CI)("the Hugo tests in CI", () => {
  it("find hugo installed", () => {
    expect(HUGO.error ?? HUGO.stderr, "CI must install hugo (see .ci/run)").toBeFalsy();
    expect(hasHugo).toBe(true);
  });
});

/** Where Hugo puts each locale's page of the article (French, the default language, at the root). */
const pageOf = (locale: string) => (locale === "fr" ? `/briefs/${SLUG}/` : `/${locale}/briefs/${SLUG}/`);

describe.skipIf(!hasHugo)(`publish --to hugo, built by ${HUGO.stdout?.split(" ")[1] ?? "hugo"}`, () => {
  for (const layout of ["by-filename", "per-locale-dir"] as const) {
    it(`${layout}: a page per locale, each linking the other two with hreflang, figures intact`, async () => {
      const project = await makeProject();
      const site = mkdtempSync(path.join(tmpdir(), "newsbrief-hugo-"));
      temporary.push(site);
      cpSync(path.join(FIXTURE, "layouts"), path.join(site, "layouts"), { recursive: true });
      cpSync(path.join(FIXTURE, `config.${layout}.yaml`), path.join(site, "config.yaml"));

      const published = await runCli(["--root", project.root, "publish", "--to", "hugo", "--layout", layout, site], project.root);
      expect(published.code, published.stderr).toBe(0);
      expect(published.stdout).toMatch(/hugo: created 3, updated 0, deleted 0, 0 unchanged\.\n$/);

      const built = await run(HUGO_BIN, ["--source", site, "--destination", path.join(site, "public"), "--cacheDir", path.join(site, ".cache"), "--quiet"], { timeout: 120_000 });
      expect(built.stderr).toBe("");

      const article = bundledArticle();
      for (const locale of LOCALES) {
        const file = path.join(site, "public", ...pageOf(locale).split("/").filter(Boolean), "index.html");
        const html = readFileSync(file, "utf8");
        expect(html).toContain(`<html lang="${locale}">`);
        const links = [...html.matchAll(/<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
        expect(links, `${locale} page links every translation`).toEqual(LOCALES.map((l) => [l, pageOf(l)]));
        expect(html).toContain(`data-translation-key="${SLUG}" data-draft="false"`);
        // Hugo rendered the Markdown itself: every figure must still read back and match the dataset.
        const verification = verifyArticle({ slug: SLUG, facts: article.facts, sourceLang: "fr" }, [{ file: path.relative(site, file), locale, format: "html", contents: html }]);
        expect(verification.diagnostics).toEqual([]);
        expect(verification.figures.length).toBeGreaterThan(10);
      }
    }, 180_000);
  }

  for (const layout of ["by-filename", "per-locale-dir"] as const) {
    for (const format of ["toml", "yaml"] as const) {
      it(`a fresh \`hugo new site\` configured only by \`cms-config hugo --layout ${layout} --format ${format}\` renders three linked pages`, async () => {
        const project = await makeProject();
        const parent = mkdtempSync(path.join(tmpdir(), "newsbrief-hugo-new-"));
        temporary.push(parent);
        const site = path.join(parent, "site");
        await run(HUGO_BIN, ["new", "site", site], { timeout: 60_000 });
        // The generated configuration goes; the printed one is the site's whole configuration.
        for (const name of readdirSync(site).filter((f) => /^(config|hugo)\.(toml|yaml|yml|json)$/.test(f))) rmSync(path.join(site, name));
        const printed = await runCli(["cms-config", "hugo", "--layout", layout, "--format", format], project.root);
        expect(printed.code, printed.stderr).toBe(0);
        writeFileSync(path.join(site, `hugo.${format}`), printed.stdout);
        // A fresh site has no theme: the fixture's two page templates stand in for the newsroom's own.
        cpSync(path.join(FIXTURE, "layouts"), path.join(site, "layouts"), { recursive: true });

        const published = await runCli(["--root", project.root, "publish", "--to", "hugo", "--layout", layout, site], project.root);
        expect(published.code, published.stderr).toBe(0);
        await run(HUGO_BIN, ["--source", site, "--destination", path.join(site, "public"), "--cacheDir", path.join(site, ".cache"), "--quiet"], { timeout: 120_000 });

        for (const locale of LOCALES) {
          const file = path.join(site, "public", ...pageOf(locale).split("/").filter(Boolean), "index.html");
          expect(existsSync(file), `${pageOf(locale)} was rendered`).toBe(true);
          const html = readFileSync(file, "utf8");
          expect(html).toContain(`<html lang="${locale}">`);
          const links = [...html.matchAll(/<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
          expect(links, `${locale} page links every translation`).toEqual(LOCALES.map((l) => [l, pageOf(l)]));
        }
      }, 180_000);
    }
  }

  it("cms-config hugo refuses an unknown layout or format, and --format for the other CMSs (exit 2)", async () => {
    const project = await makeProject();
    expect((await runCli(["cms-config", "hugo", "--layout", "multiple_files"], project.root)).code).toBe(2);
    expect((await runCli(["cms-config", "hugo", "--format", "json"], project.root)).code).toBe(2);
    for (const cms of ["decap", "wordpress"]) {
      const refused = await runCli(["cms-config", cms, "--format", "yaml"], project.root);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("drop --format");
    }
  });
});
