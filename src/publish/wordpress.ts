/**
 * Publishing to WordPress through its REST API: one post per article and
 * locale, linked by post meta (see `wordpress-plugin.php`), created as drafts
 * unless asked otherwise, updated only when what newsbrief stores changed.
 *
 * Each post carries the brief's date (`date_gmt`, midnight UTC of the
 * editorial date), its tags, a category named after its story type (tags and
 * categories are looked up by slug and created when missing) and its
 * description as the excerpt.
 *
 * A run that stops part-way is completed by the next one without duplicates:
 * before every creation the post is looked up again by its meta, so a post
 * whose creation succeeded on the server but whose answer was lost is found
 * instead of created twice. Two runs at once cannot both create a brief's
 * post either: the plugin refuses the second creation (HTTP 409, holding a
 * per-brief lock while it checks) and the run that was refused updates the
 * post the other one made.
 */
import { createHash } from "node:crypto";
import { CATALOGUE } from "../diagnostics/catalogue.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { diagnose } from "../diagnostics/report.ts";
import { briefPath } from "../plan/layout.ts";
import { WordPressClient, WordPressError, type ClientOptions, type Credentials } from "./wordpress-http.ts";
import type { Brief, PlanEntry, Publisher, PublishOptions, PublishResult } from "./types.ts";

export { WordPressError } from "./wordpress-http.ts";
export type { RetryPolicy } from "./wordpress-http.ts";

/** The environment variables holding the credentials. */
export const USER_VARIABLE = "NEWSBRIEF_WP_USER";
export const PASSWORD_VARIABLE = "NEWSBRIEF_WP_APP_PASSWORD";

/** The post meta keys registered by the plugin. */
export const META = {
  translationKey: "newsbrief_translation_key",
  locale: "newsbrief_locale",
  contentHash: "newsbrief_content_hash",
} as const;

/**
 * The status of the posts newsbrief creates: `future` publishes them too,
 * but on their date when it is still to come (scheduled); `publish` refuses
 * a brief dated in the future rather than schedule it unasked.
 */
export type PostStatus = "draft" | "publish" | "future";

export interface WordPressTarget extends ClientOptions {
  /** The site's address, e.g. `https://newsroom.example/` (the folder WordPress is installed in). */
  url: string;
  /** The status of new posts; an existing post keeps the one an editor gave it. @default "draft" */
  status?: PostStatus | undefined;
  /** Where the credentials are read from: the process environment, nothing else. */
  env: Readonly<Record<string, string | undefined>>;
  /** The current time, for telling a future date. @default the clock */
  now?: () => Date;
}

/** Bumped when what newsbrief sends for a brief changes shape, so every post is updated once. */
const MAPPING_VERSION = "wordpress/2";

/** A post as the REST API lists it with `context=edit`. */
interface Post {
  id: number;
  slug: string;
  status: string;
  link: string;
  meta: Record<string, unknown>;
}

/**
 * Checks the target's settings and reads the credentials from the
 * environment. Returns the problems found (messages never contain the
 * password), or the publisher.
 */
export function wordpressPublisher(target: WordPressTarget | (Omit<WordPressTarget, "url"> & { url: undefined })): { publisher: WordPressPublisher; problems: [] } | { publisher?: undefined; problems: string[] } {
  const problems: string[] = [];
  // Without an address (the caller says so), the other settings are still checked.
  const site = target.url === undefined ? undefined : siteUrl(target.url);
  if (typeof site === "string") problems.push(site);
  const user = target.env[USER_VARIABLE] ?? "";
  const password = target.env[PASSWORD_VARIABLE] ?? "";
  if (user.trim() === "") problems.push(`set ${USER_VARIABLE} to the WordPress user that publishes`);
  if (password.trim() === "") problems.push(`set ${PASSWORD_VARIABLE} to an application password of that user (Users → Profile → Application Passwords)`);
  if (target.status !== undefined && target.status !== "draft" && target.status !== "publish" && target.status !== "future") problems.push(`the status must be draft, publish or future`);
  if (problems.length > 0 || site === undefined || typeof site === "string" || target.url === undefined) return { problems };
  return { publisher: new WordPressPublisher(site, { user: user.trim(), password: password.trim() }, target), problems: [] };
}

/** The site's address as a base URL ending in `/`, or what is wrong with it. */
function siteUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `--url: \`${text}\` is not an address; expected e.g. https://newsroom.example/`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `--url: expected an http or https address, got ${url.protocol}`;
  if (url.username !== "" || url.password !== "") return `--url: put no credentials in the address; set ${USER_VARIABLE} and ${PASSWORD_VARIABLE} instead`;
  if (url.search !== "" || url.hash !== "") return "--url: expected the site's address without a query or a fragment";
  if (url.protocol === "http:" && !isLoopback(url.hostname)) return `--url: ${url.host} is not this machine, and plain http would send the password in clear: use https`;
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export class WordPressPublisher implements Publisher {
  readonly name = "wordpress";
  private readonly client: WordPressClient;
  private readonly status: PostStatus;
  private readonly now: () => Date;
  /** Tag and category ids by `tags/<slug>` or `categories/<slug>`, for one run. */
  private terms = new Map<string, number>();
  private progress: (line: string) => void = () => {};

  constructor(site: URL, credentials: Credentials, target: WordPressTarget) {
    this.status = target.status ?? "draft";
    this.now = target.now ?? (() => new Date());
    this.client = new WordPressClient(site, credentials, { ...target, onRetry: (line) => this.progress(line) });
  }

  /**
   * Briefs this run must not publish as asked, before anything is sent: with
   * `--status publish`, a brief dated in the future (WordPress would
   * schedule it; `--status future` says that is wanted).
   */
  refuse(briefs: readonly Brief[], out: string): Diagnostic[] {
    if (this.status !== "publish") return [];
    return briefs
      .filter((brief) => this.isFuture(brief))
      .map((brief) => diagnose(CATALOGUE["publish/future-date"], { key: entryKey(brief), date: brief.date }, { file: `${out}/${briefPath(brief.slug, brief.locale, "md")}`, usage: true }));
  }

  private isFuture(brief: Brief): boolean {
    return Date.parse(dateGmt(brief) + "Z") > this.now().getTime();
  }

  /** Lists what newsbrief holds on the site, then compares it with the briefs. Only reads. */
  async plan(briefs: readonly Brief[], options: PublishOptions): Promise<PlanEntry[]> {
    this.progress = options.progress;
    this.terms = new Map();
    // Asked first, so wrong credentials get a clear 401 rather than a 400 about listing drafts.
    await this.client.request("GET", "/wp/v2/users/me", { query: { _fields: "id" } });
    const posts = await this.managedPosts();
    const byKey = new Map<string, Post>();
    const duplicates: PlanEntry[] = [];
    for (const post of posts) {
      const key = `${meta(post, META.translationKey)}/${meta(post, META.locale)}`;
      const first = byKey.get(key);
      // The oldest is the brief's post (the list is sorted by id); a later one can only come from two runs at once.
      if (first === undefined) byKey.set(key, post);
      else duplicates.push({ action: "delete", key, target: this.postUrl(post.id), reason: `duplicate of ${this.postUrl(first.id)} (moved to the trash)` });
    }
    const plan: PlanEntry[] = [];
    for (const brief of briefs) {
      const post = byKey.get(briefKey(brief));
      if (post !== undefined && post.status === "publish" && this.status !== "future" && this.isFuture(brief) && meta(post, META.contentHash) !== storedHash(brief)) {
        throw new WordPressError(`${entryKey(brief)} is dated ${brief.date}, in the future, and its post ${this.postUrl(post.id)} is published: updating it would schedule it (unpublish it until then); give --status future if that is wanted`);
      }
      const entry: PlanEntry =
        post === undefined
          ? { action: "create", key: entryKey(brief), target: postSlug(brief), reason: `new ${this.status}` }
          : meta(post, META.contentHash) === storedHash(brief)
            ? { action: "skip", key: entryKey(brief), target: this.postUrl(post.id), reason: "unchanged" }
            : { action: "update", key: entryKey(brief), target: this.postUrl(post.id), reason: "content changed" };
      plan.push(entry);
    }
    if (options.prune) {
      const wanted = new Set(briefs.map(briefKey));
      plan.push(...duplicates.filter((entry) => wanted.has(entry.key)));
      for (const post of posts) {
        const key = `${meta(post, META.translationKey)}/${meta(post, META.locale)}`;
        if (!wanted.has(key)) plan.push({ action: "delete", key, target: this.postUrl(post.id), reason: "no such brief any more (moved to the trash)" });
      }
    }
    return plan;
  }

  /** Applies a plan in order; stops at the first failure and reports what is left. */
  async apply(plan: readonly PlanEntry[], briefs: readonly Brief[], options: PublishOptions): Promise<PublishResult> {
    this.progress = options.progress;
    const byEntry = new Map(briefs.map((brief) => [entryKey(brief), brief]));
    const done: PlanEntry[] = [];
    for (const [index, entry] of plan.entries()) {
      try {
        const applied = await this.applyOne(entry, byEntry.get(entry.key));
        done.push(applied);
        options.progress(describe(applied));
      } catch (error) {
        const message = error instanceof WordPressError ? error.message : this.client.redact(error instanceof Error ? error.message : String(error));
        options.progress(`stopped at ${entry.key}: ${message}`);
        return { done, notDone: plan.slice(index), error: message };
      }
    }
    return { done, notDone: [] };
  }

  private async applyOne(entry: PlanEntry, brief: Brief | undefined): Promise<PlanEntry> {
    if (entry.action === "delete") {
      await this.trash(postId(entry.target));
      return entry;
    }
    if (brief === undefined) throw new WordPressError(`no brief ${entry.key} in this run`);
    if (entry.action === "skip") return entry;
    if (entry.action === "update") {
      const post = await this.client.request("POST", `/wp/v2/posts/${postId(entry.target)}`, { body: await this.postBody(brief, false) });
      return { ...entry, target: this.postUrl(asPost(post.body).id) };
    }
    return this.create(entry, brief);
  }

  /**
   * Creates a brief's post, never twice: before each attempt the post is
   * looked up by its meta, since an earlier attempt (or run) may have created
   * it and lost the answer.
   */
  private async create(entry: PlanEntry, brief: Brief): Promise<PlanEntry> {
    return this.client.withRetries(`POST /wp/v2/posts (${entry.key})`, async (previous) => {
      const existing = await this.findPost(brief);
      if (existing !== undefined) {
        if (meta(existing, META.contentHash) === storedHash(brief)) {
          // After a failed attempt, this is the post that attempt created; otherwise another run did.
          return previous > 0 ? { ...entry, target: this.postUrl(existing.id) } : { action: "skip", key: entry.key, target: this.postUrl(existing.id), reason: "already there" };
        }
        const updated = await this.client.request("POST", `/wp/v2/posts/${existing.id}`, { body: await this.postBody(brief, false) });
        return { action: "update", key: entry.key, target: this.postUrl(asPost(updated.body).id), reason: "content changed" };
      }
      let answer;
      try {
        answer = await this.client.once("POST", "/wp/v2/posts", { body: await this.postBody(brief, true) });
      } catch (error) {
        // Another run created it between the look-up and now: the plugin refused a second post.
        if (error instanceof WordPressError && error.status === 409 && error.code === "newsbrief_duplicate") {
          this.progress(`${entry.key}: another run created its post meanwhile; using that one`);
          const theirs = await this.findPost(brief);
          if (theirs === undefined) throw error;
          if (meta(theirs, META.contentHash) === storedHash(brief)) return { action: "skip", key: entry.key, target: this.postUrl(theirs.id), reason: "already there" };
          const updated = await this.client.request("POST", `/wp/v2/posts/${theirs.id}`, { body: await this.postBody(brief, false) });
          return { action: "update", key: entry.key, target: this.postUrl(asPost(updated.body).id), reason: "content changed" };
        }
        throw error;
      }
      const created = asPost(answer.body);
      if (meta(created, META.translationKey) !== brief.translationKey) {
        throw new WordPressError(`the site kept no newsbrief post meta on post ${created.id}: install the plugin printed by \`newsbrief cms-config wordpress\` as wp-content/mu-plugins/newsbrief.php`);
      }
      return { ...entry, target: this.postUrl(created.id) };
    });
  }

  private async trash(id: number): Promise<void> {
    try {
      await this.client.request("DELETE", `/wp/v2/posts/${id}`);
    } catch (error) {
      // Already trashed or gone: what was asked is done.
      if (error instanceof WordPressError && /HTTP (404|410)\b/.test(error.message)) return;
      throw error;
    }
  }

  /** The post of one brief, looked up by key and locale; the oldest if there are several. */
  private async findPost(brief: Brief): Promise<Post | undefined> {
    const answer = await this.client.request("GET", "/wp/v2/posts", {
      query: { ...LIST_QUERY, per_page: 10, [META.translationKey]: brief.translationKey, [META.locale]: brief.locale },
    });
    return asPosts(answer.body).find((post) => meta(post, META.translationKey) === brief.translationKey && meta(post, META.locale) === brief.locale);
  }

  /** Every post newsbrief published, whatever its status (the trash aside), oldest first. */
  private async managedPosts(): Promise<Post[]> {
    const posts: Post[] = [];
    for (let page = 1; ; page++) {
      const answer = await this.client.request("GET", "/wp/v2/posts", { query: { ...LIST_QUERY, per_page: 100, page, newsbrief_managed: 1 } });
      const list = asPosts(answer.body);
      // Without the plugin, WordPress ignores the filter and lists posts without the meta.
      if (list.some((post) => !(META.translationKey in post.meta))) {
        throw new WordPressError(`the site does not expose the newsbrief post meta: install the plugin printed by \`newsbrief cms-config wordpress\` as wp-content/mu-plugins/newsbrief.php`);
      }
      posts.push(...list.filter((post) => meta(post, META.translationKey) !== ""));
      const pages = Number(answer.headers.get("x-wp-totalpages") ?? "1");
      if (list.length === 0 || !(page < pages)) break;
    }
    return posts;
  }

  private async postBody(brief: Brief, creating: boolean): Promise<Record<string, unknown>> {
    const tags: number[] = [];
    for (const tag of brief.tags) tags.push(await this.term("tags", tag));
    const categories = brief.storyType === undefined ? [] : [await this.term("categories", brief.storyType, storyTypeName(brief.storyType))];
    return {
      title: brief.title,
      content: brief.html,
      excerpt: brief.description,
      slug: postSlug(brief),
      date_gmt: dateGmt(brief),
      tags,
      ...(categories.length > 0 ? { categories } : {}),
      ...(creating ? { status: this.status === "future" ? "publish" : this.status } : {}),
      meta: { [META.translationKey]: brief.translationKey, [META.locale]: brief.locale, [META.contentHash]: storedHash(brief) },
    };
  }

  /**
   * The id of a tag or category, looked up by slug and created when missing
   * (once per run). Another run creating it at the same moment is fine:
   * WordPress answers `term_exists` with the id.
   */
  private async term(taxonomy: "tags" | "categories", name: string, label = name): Promise<number> {
    const slug = termSlug(name);
    if (slug === "") throw new WordPressError(`the ${taxonomy === "tags" ? "tag" : "category"} \`${name}\` has no letter or digit to make a slug of`);
    const cached = this.terms.get(`${taxonomy}/${slug}`);
    if (cached !== undefined) return cached;
    const found = await this.client.request("GET", `/wp/v2/${taxonomy}`, { query: { slug, _fields: "id,slug", context: "edit" } });
    let id = Array.isArray(found.body) ? (found.body as Array<{ id?: unknown; slug?: unknown }>).find((term) => term.slug === slug)?.id : undefined;
    if (typeof id !== "number") {
      try {
        const created = await this.client.request("POST", `/wp/v2/${taxonomy}`, { body: { name: label, slug } });
        id = (created.body as { id?: unknown } | null)?.id;
      } catch (error) {
        if (!(error instanceof WordPressError && error.code === "term_exists")) throw error;
        id = error.data?.term_id;
      }
    }
    if (typeof id !== "number") throw new WordPressError(`the site gave no id for the ${taxonomy === "tags" ? "tag" : "category"} ${slug}`);
    this.terms.set(`${taxonomy}/${slug}`, id);
    return id;
  }

  private postUrl(id: number): string {
    return `${this.client.site.href}?p=${id}`;
  }
}

const LIST_QUERY = { context: "edit", status: "any", orderby: "id", order: "asc", _fields: "id,slug,status,link,meta" } as const;

/** The hash newsbrief stores on a post: of exactly what it sends, so a change means an update. */
export function storedHash(brief: Brief): string {
  const stored = [MAPPING_VERSION, brief.translationKey, brief.locale, postSlug(brief), brief.title, brief.description, brief.html, brief.date, brief.tags, brief.storyType ?? null];
  return `sha256:${createHash("sha256").update(JSON.stringify(stored)).digest("hex")}`;
}

/** The post's `date_gmt`: midnight UTC of the brief's editorial date. */
export function dateGmt(brief: Brief): string {
  return `${brief.date}T00:00:00`;
}

/** A tag's or category's slug, as WordPress would make it: lower-case ASCII words joined by hyphens. */
export function termSlug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A story type as a category's name: `funding-announcement` → `Funding announcement`. */
function storyTypeName(storyType: string): string {
  const words = storyType.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Each locale gets its own slug: WordPress would otherwise append `-2`. */
export function postSlug(brief: Brief): string {
  return `${brief.slug}-${brief.locale}`;
}

function entryKey(brief: Brief): string {
  return `${brief.slug}/${brief.locale}`;
}

function briefKey(brief: Brief): string {
  return `${brief.translationKey}/${brief.locale}`;
}

function meta(post: Post, key: string): string {
  const value = post.meta[key];
  return typeof value === "string" ? value : "";
}

function postId(target: string): number {
  const match = /[?&]p=(\d+)$/.exec(target);
  if (!match) throw new WordPressError(`\`${target}\` names no post`);
  return Number(match[1]);
}

function describe(entry: PlanEntry): string {
  const verb = { create: "created", update: "updated", skip: "unchanged", delete: "trashed" }[entry.action];
  return `${verb} ${entry.key} → ${entry.target}`;
}

function asPost(body: unknown): Post {
  const post = body as Partial<Post> | null;
  if (post === null || typeof post !== "object" || typeof post.id !== "number") throw new WordPressError("the site answered without a post");
  return { id: post.id, slug: String(post.slug ?? ""), status: String(post.status ?? ""), link: String(post.link ?? ""), meta: typeof post.meta === "object" && post.meta !== null && !Array.isArray(post.meta) ? post.meta : {} };
}

function asPosts(body: unknown): Post[] {
  if (!Array.isArray(body)) throw new WordPressError("the site answered without a list of posts");
  return body.map(asPost);
}
