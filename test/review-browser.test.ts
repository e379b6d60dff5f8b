/**
 * The review page in a real browser: Debian's Chromium driven by
 * playwright-core. A figure activated by the mouse and by the keyboard
 * highlights its fact in the other two languages and its evidence in the
 * source; axe-core finds no violation. Screenshots go to
 * test-artifacts/ (git-ignored) for a person to look at; no pixel is compared.
 * Without Chromium the tests are skipped, except in CI, where they fail.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanupProjects, makeProject, REPO_ROOT, runCli, SLUG } from "./support/project.ts";

const CHROMIUM = "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs the chromium package`);
if (!present) console.warn(`review-browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const ARTIFACTS = path.join(REPO_ROOT, "test-artifacts");

describe.skipIf(!present)("the review page in Chromium", () => {
  let browser: Browser;
  let page: string;
  beforeAll(async () => {
    const project = await makeProject();
    const run = await runCli(["review", "--out", "pages"], project.root);
    expect(run.code).toBe(0);
    page = pathToFileURL(project.path(`pages/${SLUG}.html`)).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    cleanupProjects();
  });

  it("highlights a figure's fact in every language and its evidence when it is clicked", async () => {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    tab.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await tab.goto(page);
    await tab.locator('td[lang="en-GB"] button[data-fact="ai"]').first().click();
    for (const lang of ["fr-BE", "nl-BE", "en-GB"]) {
      expect(await tab.locator(`td[lang="${lang}"] button[data-fact="ai"].is-active`).count(), lang).toBeGreaterThan(0);
    }
    expect(await tab.locator('#source [data-evidence~="ai"].is-active').count()).toBeGreaterThan(0);
    expect(await tab.locator('button[data-fact="total"].is-active').count()).toBe(0);
    expect(await tab.locator('td[lang="fr-BE"] button[data-fact="ai"]').first().getAttribute("aria-pressed")).toBe("true");
    await tab.screenshot({ path: path.join(ARTIFACTS, "review-desktop.png"), fullPage: false });
    // No policy violation or script error.
    expect(errors).toEqual([]);
    await tab.close();
  }, 120_000);

  it("works with the keyboard: Tab to a figure, Enter, and the fact's tooltip shows", async () => {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await tab.goto(page);
    let focused = "";
    for (let i = 0; i < 40 && !focused; i++) {
      await tab.keyboard.press("Tab");
      focused = await tab.evaluate(() => document.activeElement?.getAttribute("data-fact") ?? "");
    }
    expect(focused).not.toBe("");
    expect(await tab.locator("#tip").isVisible()).toBe(true);
    expect(await tab.locator("#tip").textContent()).toContain(focused);
    await tab.keyboard.press("Enter");
    expect(await tab.locator(`td[lang="nl-BE"] button[data-fact="${focused}"].is-active`).count()).toBeGreaterThan(0);
    expect(await tab.locator(`#source [data-evidence~="${focused}"].is-active`).count()).toBeGreaterThan(0);
    await tab.close();
  }, 120_000);

  it("has no axe-core violation, and reads on a phone", async () => {
    const tab = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await tab.goto(page);
    // The policy forbids inline scripts: axe is injected as the test's own script.
    await tab.addScriptTag({ content: AXE }).catch(async () => {
      await tab.evaluate(AXE);
    });
    const violations = await tab.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run(document);
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    const width = await tab.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await tab.screenshot({ path: path.join(ARTIFACTS, "review-phone.png") });
    await tab.close();
  }, 120_000);

  it("the index has no axe-core violation either, and reads on a phone", async () => {
    for (const viewport of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) {
      const tab = await browser.newPage({ viewport });
      await tab.goto(page.replace(/[^/]+\.html$/, "index.html"));
      await tab.addScriptTag({ content: AXE }).catch(async () => {
        await tab.evaluate(AXE);
      });
      const violations = await tab.evaluate(async () => {
        const result = await (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run(document);
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations, `${viewport.width} px`).toEqual([]);
      expect(await tab.locator("table.articles tbody tr").count()).toBe(1);
      // On a phone each cell says which column it is.
      if (viewport.width < 820) expect(await tab.locator("table.articles tbody td[data-label]").count()).toBe(5);
      expect(await tab.evaluate(() => document.documentElement.scrollWidth), `${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
      await tab.close();
    }
  }, 120_000);
});
