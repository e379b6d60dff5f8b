/**
 * `publish --to wordpress` against a real WordPress 6.1 brought up from
 * Debian's packages (test/support/wordpress.ts). What the site holds is read
 * back through its REST API, never through the publisher's own view.
 */
import { readFileSync, renameSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.ts";
import { projectPaths } from "../src/io/paths.ts";
import { loadBriefs } from "../src/publish/briefs.ts";
import { wordpressPublisher, type WordPressPublisher } from "../src/publish/wordpress.ts";
import type { Brief, PublishOptions, PublishResult } from "../src/publish/types.ts";
import { startFaultProxy, type Fault, type FaultProxy, type Rule } from "./support/fault-proxy.ts";
import { cleanupProjects, makeProject, REPO_ROOT, SLUG } from "./support/project.ts";
import { startWordPress, wordpressUnavailable, type WordPressSite } from "./support/wordpress.ts";

const unavailable = wordpressUnavailable();
if (unavailable !== undefined && process.env.CI) {
  throw new Error(`the WordPress tests need ${unavailable}`);
}
if (unavailable !== undefined) console.warn(`skipping the WordPress tests: ${unavailable}`);

/** Everything printed or thrown in this file, searched for credentials at the end. */
const captured: string[] = [];

/** The bundled article's three verified briefs, read from out/ as `publish` reads them. */
let bundled: Brief[] = [];

/** The bundled article under another slug and key: each test publishes its own articles. */
function article(name: string): Brief[] {
  return bundled.map((brief) => ({ ...brief, slug: `${name}-${brief.slug}`, translationKey: `${name}-${brief.translationKey}` }));
}

/** A proxy rule: everything passes until the first post is created, then every request gets `fault`. */
function failAfterFirstPost(fault: Fault): Rule {
  let created = false;
  return (request) => {
    if (created) return fault;
    if (request.method === "POST" && request.route === "/wp/v2/posts") created = true;
    return undefined;
  };
}

interface RemotePost {
  id: number;
  slug: string;
  status: string;
  modified_gmt: string;
  content: { raw: string };
  title: { raw: string };
  meta: Record<string, string>;
}

describe.skipIf(unavailable !== undefined)("publish --to wordpress, against a real WordPress", () => {
  let site: WordPressSite;
  let proxy: FaultProxy | undefined;

  beforeAll(async () => {
    const loaded = await loadBriefs(projectPaths((await makeProject()).root));
    expect(loaded.diagnostics).toEqual([]);
    bundled = loaded.briefs;
    expect(bundled.map((b) => b.locale)).toEqual(["fr", "nl", "en"]);
    site = await startWordPress();
  }, 90_000);

  afterAll(async () => {
    await proxy?.stop();
    await site?.stop();
    cleanupProjects({ base: true });
  }, 30_000);

  const env = (): Record<string, string> => ({ NEWSBRIEF_WP_USER: site.user, NEWSBRIEF_WP_APP_PASSWORD: site.appPassword });

  /** What the site holds for one translation key, read as an editor through the REST API. */
  async function remotePosts(translationKey: string): Promise<RemotePost[]> {
    const url = `${site.url}?rest_route=/wp/v2/posts&context=edit&status=any&per_page=100&newsbrief_translation_key=${encodeURIComponent(translationKey)}`;
    const response = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` } });
    expect(response.status).toBe(200);
    const posts = (await response.json()) as RemotePost[];
    return posts.sort((a, b) => a.id - b.id);
  }

  /** Every post of the site with the given slug prefix, whatever its meta says: duplicates show here. */
  async function postsWithSlugPrefix(prefix: string): Promise<RemotePost[]> {
    const posts: RemotePost[] = [];
    for (let page = 1; ; page++) {
      const response = await fetch(`${site.url}?rest_route=/wp/v2/posts&context=edit&status=any&per_page=100&page=${page}&orderby=id&order=asc`, {
        headers: { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` },
      });
      posts.push(...((await response.json()) as RemotePost[]));
      if (!(page < Number(response.headers.get("x-wp-totalpages") ?? "1"))) break;
    }
    return posts.filter((post) => post.slug.startsWith(prefix));
  }

  /** Deletes for good every post of a translation key (tests that publish the bundled article share its key). */
  async function deletePosts(translationKey: string): Promise<void> {
    for (const post of await remotePosts(translationKey)) {
      const deleted = await fetch(`${site.url}?rest_route=/wp/v2/posts/${post.id}&force=true`, { method: "DELETE", headers: { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` } });
      expect(deleted.status).toBe(200);
    }
  }

  function publisher(options: { url?: string; status?: "draft" | "publish"; env?: Record<string, string>; timeoutMs?: number; attempts?: number; sleeps?: number[] } = {}): WordPressPublisher {
    const made = wordpressPublisher({
      url: options.url ?? site.url,
      status: options.status,
      env: options.env ?? env(),
      timeoutMs: options.timeoutMs ?? 10_000,
      retry: { attempts: options.attempts ?? 5, baseDelayMs: 100, maxDelayMs: 20_000, sleep: async (ms) => void options.sleeps?.push(ms) },
    });
    expect(made.problems).toEqual([]);
    return made.publisher!;
  }

  async function run(target: WordPressPublisher, briefs: Brief[], progress: string[] = []): Promise<{ planned: string[]; result: PublishResult; progress: string[] }> {
    const options: PublishOptions = { dryRun: false, prune: false, progress: (line) => void progress.push(line) };
    const plan = await target.plan(briefs, options);
    const result = await target.apply(plan, briefs, options);
    captured.push(...progress, result.error ?? "");
    return { planned: plan.map((e) => `${e.action} ${e.key}`), result, progress };
  }

  async function expectThreePosts(briefs: Brief[], status = "draft"): Promise<RemotePost[]> {
    const posts = await remotePosts(briefs[0]!.translationKey);
    expect(posts.map((p) => `${p.meta.newsbrief_locale} ${p.slug} ${p.status}`).sort()).toEqual(
      briefs.map((b) => `${b.locale} ${b.slug}-${b.locale} ${status}`).sort(),
    );
    expect(await postsWithSlugPrefix(briefs[0]!.slug)).toHaveLength(3);
    return posts;
  }

  it("publishes three draft posts per article, then skips them all on a second run", async () => {
    const one = article("twice-a");
    const two = article("twice-b");
    const first = await run(publisher(), [...one, ...two]);
    expect(first.planned).toEqual([...one, ...two].map((b) => `create ${b.slug}/${b.locale}`));
    expect(first.result.notDone).toEqual([]);
    expect(first.result.error).toBeUndefined();
    expect(first.progress.filter((line) => line.startsWith("created "))).toHaveLength(6);
    const postsOne = await expectThreePosts(one);
    const postsTwo = await expectThreePosts(two);
    for (const post of postsOne) {
      const brief = one.find((b) => b.locale === post.meta.newsbrief_locale)!;
      expect(post.title.raw).toBe(brief.title);
      expect(post.content.raw).toBe(brief.html);
      expect(post.meta.newsbrief_translation_key).toBe(brief.translationKey);
      expect(post.meta.newsbrief_content_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }

    const second = await run(publisher(), [...one, ...two]);
    expect(second.planned).toEqual([...one, ...two].map((b) => `skip ${b.slug}/${b.locale}`));
    expect(second.result.notDone).toEqual([]);
    expect(await expectThreePosts(one)).toEqual(postsOne);
    expect(await expectThreePosts(two)).toEqual(postsTwo);
  }, 60_000);

  it("updates exactly the three posts of the article whose content changed", async () => {
    const changed = article("change-a");
    const same = article("change-b");
    await run(publisher(), [...changed, ...same]);
    const before = [...(await remotePosts(changed[0]!.translationKey)), ...(await remotePosts(same[0]!.translationKey))];
    await new Promise((resolve) => setTimeout(resolve, 1100)); // modified_gmt has a one-second resolution

    const edited = changed.map((brief) => ({ ...brief, html: brief.html.replace("544,7", "545,7").replace("544.7", "545.7"), contentHash: `${brief.contentHash}-changed` }));
    expect(edited.every((b, i) => b.html !== changed[i]!.html)).toBe(true);
    const { planned } = await run(publisher(), [...edited, ...same]);
    expect(planned).toEqual([...edited.map((b) => `update ${b.slug}/${b.locale}`), ...same.map((b) => `skip ${b.slug}/${b.locale}`)]);

    const after = [...(await expectThreePosts(edited)), ...(await expectThreePosts(same))];
    expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
    const touched = after.filter((post, i) => post.modified_gmt !== before[i]!.modified_gmt || post.content.raw !== before[i]!.content.raw);
    expect(touched.map((p) => p.slug).sort()).toEqual(edited.map((b) => `${b.slug}-${b.locale}`).sort());
    for (const post of touched) expect(post.content.raw).toContain("545");
  }, 60_000);

  it("creates published posts with --status publish", async () => {
    const briefs = article("status");
    await run(publisher({ status: "publish" }), briefs);
    await expectThreePosts(briefs, "publish");
  }, 60_000);

  it("with --prune, trashes the posts of an article that is gone, and nothing else", async () => {
    const kept = article("prune-kept");
    const gone = article("prune-gone");
    await run(publisher(), [...kept, ...gone]);
    const hello = await fetch(`${site.url}?rest_route=/wp/v2/posts/1&context=edit`, { headers: { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` } });
    expect(((await hello.json()) as RemotePost).status).toBe("publish");

    const target = publisher();
    const options: PublishOptions = { dryRun: false, prune: true, progress: (line) => void captured.push(line) };
    const plan = await target.plan(kept, options);
    const deletions = plan.filter((e) => e.action === "delete");
    // Other tests' articles are gone from this run too: every newsbrief post outside `kept` goes.
    expect(deletions.map((e) => e.key)).toEqual(expect.arrayContaining(gone.map((b) => `${b.translationKey}/${b.locale}`)));
    expect(deletions.some((e) => e.key.startsWith(kept[0]!.translationKey))).toBe(false);
    const result = await target.apply(plan, kept, options);
    expect(result.notDone).toEqual([]);
    expect(await remotePosts(gone[0]!.translationKey)).toEqual([]);
    await expectThreePosts(kept);
    const helloAfter = await fetch(`${site.url}?rest_route=/wp/v2/posts/1&context=edit`, { headers: { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` } });
    expect(((await helloAfter.json()) as RemotePost).status).toBe("publish");
    const trashed = await fetch(`${site.url}?rest_route=/wp/v2/posts&context=edit&status=trash&per_page=100&newsbrief_translation_key=${gone[0]!.translationKey}`, {
      headers: { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` },
    });
    expect(((await trashed.json()) as RemotePost[]).map((p) => p.meta.newsbrief_locale).sort()).toEqual(["en", "fr", "nl"]);
  }, 60_000);

  it("with --prune, trashes a second post of the same brief (two runs at once) and keeps the oldest", async () => {
    const briefs = article("duplicate");
    await run(publisher(), briefs);
    const [first] = await remotePosts(briefs[0]!.translationKey);
    const authorization = `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}`;
    // The plugin refuses a second post of the brief (409); one left by an older plugin gets its meta afterwards.
    const refused = await fetch(`${site.url}?rest_route=/wp/v2/posts`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ title: first!.title.raw, content: first!.content.raw, slug: first!.slug, status: "draft", meta: first!.meta }),
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string; data: { post_id: number } }).data.post_id).toBe(first!.id);
    const copy = await fetch(`${site.url}?rest_route=/wp/v2/posts`, {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify({ title: first!.title.raw, content: first!.content.raw, slug: first!.slug, status: "draft" }),
    });
    expect(copy.status).toBe(201);
    const copyId = ((await copy.json()) as RemotePost).id;
    const tagged = await fetch(`${site.url}?rest_route=/wp/v2/posts/${copyId}`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ meta: first!.meta }) });
    expect(tagged.status).toBe(200);
    expect(await remotePosts(briefs[0]!.translationKey)).toHaveLength(4);

    const target = publisher();
    const options: PublishOptions = { dryRun: false, prune: true, progress: (line) => void captured.push(line) };
    // Only this article's entries: the other tests' articles are not in this run, so --prune lists them too.
    const plan = (await target.plan(briefs, options)).filter((e) => e.key.startsWith(briefs[0]!.slug) || e.key.startsWith(briefs[0]!.translationKey));
    expect(plan.filter((e) => e.action !== "skip").map((e) => `${e.action} ${e.target} ${e.reason}`)).toEqual([
      `delete ${site.url}?p=${copyId} duplicate of ${site.url}?p=${first!.id} (moved to the trash)`,
    ]);
    expect((await target.apply(plan, briefs, options)).notDone).toEqual([]);
    expect((await expectThreePosts(briefs)).map((p) => p.id)).toContain(first!.id);
  }, 60_000);

  it("stops before changing anything when the site lacks the plugin, and says how to install it", async () => {
    const plugin = path.join(site.dir, "site", "wp-content", "mu-plugins", "newsbrief.php");
    renameSync(plugin, `${plugin}.off`);
    try {
      const error = await publisher()
        .plan(article("no-plugin"), { dryRun: false, prune: false, progress: () => {} })
        .then(() => undefined, (e: unknown) => e as Error);
      expect(error?.message).toContain("install the plugin printed by `newsbrief cms-config wordpress` as wp-content/mu-plugins/newsbrief.php");
    } finally {
      renameSync(`${plugin}.off`, plugin);
    }
  }, 30_000);

  it("retries 500, 429 (after its Retry-After), dropped bodies, hung requests and lost answers, without a duplicate", async () => {
    const briefs = article("faults");
    let posts = 0;
    proxy = await startFaultProxy(site.url, (request) => {
      // The credentials check, then the listing.
      if (request.n === 1) return { kind: "status", status: 500 };
      if (request.n === 2) return { kind: "status", status: 429, headers: { "retry-after": "7" } };
      if (request.n === 3) return { kind: "drop-body" };
      if (request.n === 4) return { kind: "status", status: 503, headers: { "retry-after": "3600" } };
      if (request.n === 6) return { kind: "hang" };
      if (request.method === "POST" && request.route === "/wp/v2/posts") {
        posts++;
        if (posts === 1) return { kind: "lose-answer" }; // the post is created, the answer never arrives
        if (posts === 2) return { kind: "drop-body" }; // the same, halfway through the answer
        if (posts === 3) return { kind: "hang" };
      }
      return undefined;
    });
    const sleeps: number[] = [];
    const { result, progress } = await run(publisher({ url: proxy.url, sleeps, timeoutMs: 1500 }), briefs);
    expect(result.error).toBeUndefined();
    expect(result.notDone).toEqual([]);
    expect(result.done.map((e) => e.key)).toEqual(briefs.map((b) => `${b.slug}/${b.locale}`));
    // 500, 429 honoured, dropped body, 503 with a Retry-After capped at the maximum, then a hung listing.
    expect(sleeps.slice(0, 5)).toEqual([100, 7000, 400, 20_000, 100]);
    expect(progress.filter((line) => line.includes("retrying"))).toHaveLength(sleeps.length);
    expect(progress.some((line) => line.includes("no complete answer within 1.5 s"))).toBe(true);
    expect(proxy.requests.map((r) => r.fault)).toEqual(expect.arrayContaining(["status", "drop-body", "lose-answer", "hang"]));
    await expectThreePosts(briefs);
    await proxy.stop();
    proxy = undefined;
  }, 60_000);

  it("a run that fails for good part-way reports what is left; the next run completes it without duplicates", async () => {
    const one = article("broken-a");
    const two = article("broken-b");
    // The credentials check, the listing, then fr of the first article (look-up, terms, create) go through; then the site fails for good.
    proxy = await startFaultProxy(site.url, failAfterFirstPost({ kind: "status", status: 500 }));
    const sleeps: number[] = [];
    const failed = await run(publisher({ url: proxy.url, attempts: 3, sleeps }), [...one, ...two]);
    expect(failed.result.error).toMatch(/HTTP 500.*gave up after 3 attempts/);
    expect(failed.result.done.map((e) => `${e.action} ${e.key}`)).toEqual([`create ${one[0]!.slug}/fr`]);
    expect(failed.result.notDone.map((e) => e.key)).toEqual([...one, ...two].slice(1).map((b) => `${b.slug}/${b.locale}`));
    expect(failed.progress.at(-1)).toMatch(/^stopped at .*\/nl: /);
    await proxy.stop();
    proxy = undefined;

    const completed = await run(publisher(), [...one, ...two]);
    expect(completed.planned).toEqual([`skip ${one[0]!.slug}/fr`, ...[...one, ...two].slice(1).map((b) => `create ${b.slug}/${b.locale}`)]);
    expect(completed.result.notDone).toEqual([]);
    await expectThreePosts(one);
    await expectThreePosts(two);
  }, 60_000);

  it("stops at the first request when the site refuses the credentials, and names the variables to check", async () => {
    const briefs = article("refused");
    proxy = await startFaultProxy(site.url);
    const wrong = `${site.appPassword.slice(0, -4)}abcd`;
    const target = publisher({ url: proxy.url, env: { NEWSBRIEF_WP_USER: site.user, NEWSBRIEF_WP_APP_PASSWORD: wrong } });
    const progress: string[] = [];
    const error = await target.plan(briefs, { dryRun: false, prune: false, progress: (line) => void progress.push(line) }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/HTTP 401.*check NEWSBRIEF_WP_USER and NEWSBRIEF_WP_APP_PASSWORD/);
    expect(proxy.requests).toHaveLength(1);
    captured.push(error?.message ?? "", error?.stack ?? "", ...progress);
    expect(JSON.stringify([error?.message, error?.stack, progress])).not.toContain(wrong);
    expect(await postsWithSlugPrefix(briefs[0]!.slug)).toEqual([]);
    await proxy.stop();
    proxy = undefined;
  }, 30_000);

  /** Runs the CLI with these environment variables, capturing its output. */
  async function cli(args: string[], cwd: string, variables: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await main({ argv: args, cwd, env: variables, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    captured.push(stdout, stderr);
    return { code, stdout, stderr };
  }

  it("newsbrief publish --to wordpress: dry run, a run that fails part-way (exit 3), the run that completes it, an unchanged run", async () => {
    const project = await makeProject();
    proxy = await startFaultProxy(site.url);
    const args = ["publish", "--to", "wordpress", "--url", proxy.url];

    const dry = await cli([...args, "--dry-run"], project.root, env());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^create +eu-digital-europe-2025-2027\/fr +eu-digital-europe-2025-2027-fr +new draft$/m);
    expect(dry.stdout).toContain("wordpress: would create 3, update 0, delete 0, 0 unchanged (dry run: nothing written).");
    expect(proxy.requests.every((r) => r.method === "GET")).toBe(true);
    expect(await remotePosts(SLUG)).toEqual([]);

    // The credentials check, the listing, fr's look-up, terms and creation pass; then every request fails
    // (with `Retry-After: 0`, so the CLI's real backoff does not make the test wait).
    proxy.setRule(failAfterFirstPost({ kind: "status", status: 503, headers: { "retry-after": "0" } }));
    const failed = await cli([...args, "--status", "publish"], project.root, env());
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/newsbrief: wordpress stopped: .*HTTP 503.*gave up after 5 attempts/);
    expect(failed.stderr).toMatch(/^wordpress: created eu-digital-europe-2025-2027\/fr → http:\/\/127\.0\.0\.1:\d+\/\?p=\d+$/m);
    expect(failed.stderr).toMatch(/not done \(a later run completes them\):\nACTION.*\ncreate +eu-digital-europe-2025-2027\/nl.*\ncreate +eu-digital-europe-2025-2027\/en/);
    expect((await remotePosts(SLUG)).map((p) => `${p.slug} ${p.status}`)).toEqual([`${SLUG}-fr publish`]);

    proxy.setRule(() => undefined);
    const completed = await cli([...args, "--status", "publish"], project.root, env());
    expect(completed.code).toBe(0);
    expect(completed.stdout).toContain("wordpress: created 2, updated 0, deleted 0, 1 unchanged.");
    expect(completed.stderr.split("\n").filter((l) => l.startsWith("wordpress: "))).toHaveLength(3);
    await expectThreePosts(bundled, "publish");

    const again = await cli([...args], project.root, env());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("wordpress: created 0, updated 0, deleted 0, 3 unchanged.");
    await expectThreePosts(bundled, "publish");
    await proxy.stop();
    proxy = undefined;
  }, 90_000);

  it("newsbrief publish --to wordpress with a wrong application password exits 3 after one request, naming the variables to check", async () => {
    const project = await makeProject();
    proxy = await startFaultProxy(site.url);
    const wrong = `${site.appPassword.slice(0, -4)}wxyz`;
    const refused = await cli(["publish", "--to", "wordpress", "--url", proxy.url], project.root, { NEWSBRIEF_WP_USER: site.user, NEWSBRIEF_WP_APP_PASSWORD: wrong });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/refused the credentials \(HTTP 401.*\): check NEWSBRIEF_WP_USER and NEWSBRIEF_WP_APP_PASSWORD/);
    expect(refused.stderr).toContain("nothing was published");
    expect(proxy.requests).toHaveLength(1);
    expect(refused.stdout + refused.stderr).not.toContain(wrong);
    expect(refused.stdout + refused.stderr).not.toContain(wrong.replace(/ /g, ""));
    await proxy.stop();
    proxy = undefined;
  }, 30_000);

  it("newsbrief publish --to wordpress without credentials or address is a usage error (exit 2) and sends nothing", async () => {
    const project = await makeProject();
    const none = await cli(["publish", "--to", "wordpress", "--url", site.url], project.root, {});
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("set NEWSBRIEF_WP_USER");
    expect(none.stderr).toContain("set NEWSBRIEF_WP_APP_PASSWORD");
    const noUrl = await cli(["publish", "--to", "wordpress"], project.root, env());
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("needs the site's address");
    const inUrl = await cli(["publish", "--to", "wordpress", "--url", `http://${site.user}:secret@127.0.0.1:1/`], project.root, env());
    expect(inUrl.code).toBe(2);
    expect(inUrl.stderr).toContain("put no credentials in the address");
    expect(inUrl.stderr).not.toContain("secret");
    const clear = await cli(["publish", "--to", "wordpress", "--url", "http://newsroom.example/"], project.root, env());
    expect(clear.code).toBe(2);
    expect(clear.stderr).toContain("plain http would send the password in clear: use https");
  });

  it("does not follow a redirect, which would take the credentials along", async () => {
    proxy = await startFaultProxy(site.url, () => ({ kind: "status", status: 301, headers: { location: "https://elsewhere.example/?rest_route=/wp/v2/users/me" } }));
    const error = await publisher({ url: proxy.url })
      .plan(article("redirect"), { dryRun: false, prune: false, progress: () => {} })
      .then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toBe("GET /wp/v2/users/me: the site redirects (HTTP 301 to https://elsewhere.example/): give its final address with --url");
    expect(proxy.requests).toHaveLength(1);
    await proxy.stop();
    proxy = undefined;
  });

  it("newsbrief cms-config wordpress prints the plugin the test site runs", async () => {
    const printed = await cli(["cms-config", "wordpress"], REPO_ROOT, {});
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(readFileSync(path.join(site.dir, "site", "wp-content", "mu-plugins", "newsbrief.php"), "utf8"));
    expect(printed.stdout).toContain("register_post_meta('post', $key");
    expect(printed.stdout).toContain("add_filter('rest_post_query'");
  });

  /** Tags or categories of the site by id, read through the REST API. */
  async function terms(taxonomy: "tags" | "categories", query = ""): Promise<Array<{ id: number; slug: string; name: string }>> {
    const response = await fetch(`${site.url}?rest_route=/wp/v2/${taxonomy}&per_page=100&context=edit${query}`, { headers: { authorization: `Basic ${Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as Array<{ id: number; slug: string; name: string }>;
  }

  it("gives every post the brief's date, tags, story-type category and excerpt, the same in every language, kept by an update", async () => {
    expect(bundled.map((b) => b.storyType)).toEqual(["funding-announcement", "funding-announcement", "funding-announcement"]);
    const tagged = (name: string): Brief[] => article(name).map((brief) => ({ ...brief, tags: ["Europe", "Numérique", "IA"] }));
    const one = tagged("complete-a");
    const two = tagged("complete-b");
    const first = await run(publisher(), [...one, ...two]);
    expect(first.result.error).toBeUndefined();

    const [tags, categories] = [await terms("tags"), await terms("categories")];
    const tagIds = ["europe", "numerique", "ia"].map((slug) => tags.find((t) => t.slug === slug)?.id);
    expect(tagIds.every((id) => typeof id === "number"), JSON.stringify(tags)).toBe(true);
    expect(tags.find((t) => t.slug === "numerique")?.name).toBe("Numérique");
    const category = categories.find((c) => c.slug === "funding-announcement");
    expect(category?.name).toBe("Funding announcement");
    // Looked up by slug: two articles, six posts, one tag and one category each.
    expect(tags.filter((t) => ["europe", "numerique", "ia"].some((slug) => t.slug.startsWith(slug)))).toHaveLength(3);
    expect(categories.filter((c) => c.slug.startsWith("funding-announcement"))).toHaveLength(1);

    const check = async (briefs: Brief[]) => {
      const posts = (await expectThreePosts(briefs)) as Array<RemotePost & { date_gmt: string; tags: number[]; categories: number[]; excerpt: { raw: string } }>;
      for (const post of posts) {
        const brief = briefs.find((b) => b.locale === post.meta.newsbrief_locale)!;
        expect(post.date_gmt).toBe(`${brief.date}T00:00:00`);
        expect([...post.tags].sort((x, y) => x - y)).toEqual([...(tagIds as number[])].sort((x, y) => x - y));
        expect(post.categories).toEqual([category!.id]);
        expect(post.excerpt.raw).toBe(brief.description);
        expect(post.meta.newsbrief_translation_key).toBe(briefs[0]!.translationKey);
      }
      return posts;
    };
    const before = await check(one);
    await check(two);

    // An update (the content changed) keeps the links, the date, the tags and the category.
    const edited = one.map((brief) => ({ ...brief, html: brief.html.replace("544,7", "545,7").replace("544.7", "545.7") }));
    const second = await run(publisher(), edited);
    expect(second.planned).toEqual(edited.map((b) => `update ${b.slug}/${b.locale}`));
    expect((await check(edited)).map((p) => p.id)).toEqual(before.map((p) => p.id));
  }, 90_000);

  it("schedules a brief dated in the future only with --status future; --status publish refuses it before sending anything (exit 2)", async () => {
    const project = await makeProject();
    const facts = `content/${SLUG}/facts.yaml`;
    project.write(facts, project.read(facts).replace(/date: "\d{4}-\d{2}-\d{2}"/, 'date: "2099-03-28"'));
    expect((await cli(["build"], project.root, {})).code).toBe(0);
    await deletePosts(SLUG);
    proxy = await startFaultProxy(site.url);
    const args = ["publish", "--to", "wordpress", "--url", proxy.url];

    const refused = await cli([...args, "--status", "publish"], project.root, env());
    expect(refused.code).toBe(2);
    for (const locale of ["fr", "nl", "en"]) {
      expect(refused.stderr).toContain(`out/${SLUG}/${locale}.md`);
      expect(refused.stderr).toContain(`${SLUG}/${locale} is dated 2099-03-28, in the future`);
    }
    expect(refused.stderr).toContain("[publish/future-date]");
    expect(proxy.requests).toEqual([]);

    const drafted = await cli([...args, "--dry-run"], project.root, env());
    expect(drafted.code, drafted.stderr).toBe(0);

    const scheduled = await cli([...args, "--status", "future"], project.root, env());
    expect(scheduled.code, scheduled.stderr).toBe(0);
    const posts = (await remotePosts(SLUG)) as Array<RemotePost & { date_gmt: string }>;
    expect(posts.map((p) => `${p.meta.newsbrief_locale} ${p.status} ${p.date_gmt}`).sort()).toEqual(["en", "fr", "nl"].map((l) => `${l} future 2099-03-28T00:00:00`));
    await proxy.stop();
    proxy = undefined;
    await deletePosts(SLUG);

    // A published post whose brief moves to a future date is not rescheduled by an update unasked.
    const moved = article("moved");
    await run(publisher({ status: "publish" }), moved);
    const later = moved.map((brief) => ({ ...brief, date: "2099-01-01" }));
    const error = await publisher().plan(later, { dryRun: false, prune: false, progress: () => {} }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/^moved-.*\/fr is dated 2099-01-01, in the future, and its post .* is published: updating it would schedule it .*give --status future/);
    await expectThreePosts(moved, "publish");
  }, 90_000);

  it("two runs started together leave exactly three posts per article, ten times over, without --prune", async () => {
    const counts: number[] = [];
    let refusedByPlugin = 0;
    for (let round = 0; round < 10; round++) {
      const briefs = article(`race-${round}`);
      const progress: [string[], string[]] = [[], []];
      const [a, b] = await Promise.all([run(publisher(), briefs, progress[0]), run(publisher(), briefs, progress[1])]);
      expect(a.result.error).toBeUndefined();
      expect(b.result.error).toBeUndefined();
      refusedByPlugin += [...progress[0], ...progress[1]].filter((line) => line.includes("another run created its post meanwhile")).length;
      counts.push((await postsWithSlugPrefix(`race-${round}-`)).length);
      await expectThreePosts(briefs);
    }
    expect(counts).toEqual(Array(10).fill(3));
    // The race did happen: the plugin refused second creations, and the runs used the first post instead.
    console.info(`two runs at once, ten rounds: ${refusedByPlugin} creation(s) refused by the plugin and taken over`);
  }, 300_000);

  it("never prints the credentials", () => {
    expect(captured.length).toBeGreaterThan(10);
    const secrets = [site.appPassword, site.appPassword.replace(/ /g, ""), Buffer.from(`${site.user}:${site.appPassword}`).toString("base64")];
    const output = captured.join("\n");
    for (const secret of secrets) expect(output).not.toContain(secret);
    const serverLog = readFileSync(path.join(site.dir, "php.log"), "utf8");
    for (const secret of secrets) expect(serverLog).not.toContain(secret);
  });
});

describe("the WordPress client without a site", () => {
  it("retries a refused connection with growing delays, then gives up with what happened", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const sleeps: number[] = [];
    const progress: string[] = [];
    const made = wordpressPublisher({
      url: `http://127.0.0.1:${port}/`,
      env: { NEWSBRIEF_WP_USER: "desk", NEWSBRIEF_WP_APP_PASSWORD: "abcd efgh ijkl mnop qrst uvwx" },
      retry: { attempts: 4, baseDelayMs: 250, maxDelayMs: 800, sleep: async (ms) => void sleeps.push(ms) },
    });
    const error = await made.publisher!.plan([], { dryRun: true, prune: false, progress: (line) => void progress.push(line) }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe("GET /wp/v2/users/me: connection failed (ECONNREFUSED); gave up after 4 attempts");
    expect(sleeps).toEqual([250, 500, 800]);
    expect(progress).toEqual([
      "GET /wp/v2/users/me: connection failed (ECONNREFUSED); retrying in 250 ms",
      "GET /wp/v2/users/me: connection failed (ECONNREFUSED); retrying in 500 ms",
      "GET /wp/v2/users/me: connection failed (ECONNREFUSED); retrying in 800 ms",
    ]);
  });
});
