/**
 * A small client for the WordPress REST API: application-password Basic
 * auth, a timeout on every request, and retries with capped exponential
 * backoff for what may pass (5xx, 429, dropped or hung connections). No
 * message it produces ever contains the credentials.
 */

/** How failed requests are retried. */
export interface RetryPolicy {
  /** Attempts per request, the first one included. @default 5 */
  attempts: number;
  /** The delay before the first retry; it doubles at each retry. @default 500 */
  baseDelayMs: number;
  /** The longest delay between two attempts, a server's `Retry-After` included. @default 30000 */
  maxDelayMs: number;
  /** Waits that long; tests pass one that does not wait. @default setTimeout */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** An application password and the user it belongs to. */
export interface Credentials {
  user: string;
  password: string;
}

export interface ClientOptions {
  /** The time one request may take, answer body included. @default 20000 */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Told about each retry, in a line without credentials. */
  onRetry?: (line: string) => void;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** A failure that stops the run; its message is safe to print. */
export class WordPressError extends Error {
  /** True when the site refused the credentials (401 or 403). */
  readonly refused: boolean;
  /** The HTTP status of the answer that failed, when there was one. */
  readonly status: number | undefined;
  /** WordPress's error `code` (e.g. `term_exists`), when the answer had one. */
  readonly code: string | undefined;
  /** WordPress's error `data`, when the answer had some. */
  readonly data: Record<string, unknown> | undefined;
  constructor(message: string, refused = false, answer: { status?: number; code?: string; data?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "WordPressError";
    this.refused = refused;
    this.status = answer.status;
    this.code = answer.code;
    this.data = answer.data;
  }
}

/** A failure worth another attempt. */
class Transient extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** A JSON answer of the REST API. */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export type Query = Readonly<Record<string, string | number>>;

export class WordPressClient {
  readonly site: URL;
  private readonly authorization: string;
  private readonly secrets: string[];
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly onRetry: (line: string) => void;
  private readonly fetch: typeof fetch;

  constructor(site: URL, credentials: Credentials, options: ClientOptions = {}) {
    this.site = site;
    const token = Buffer.from(`${credentials.user}:${credentials.password}`, "utf8").toString("base64");
    this.authorization = `Basic ${token}`;
    // An application password is shown with spaces but accepted without them too.
    this.secrets = [credentials.password, credentials.password.replace(/\s+/g, ""), token].filter((s) => s.length >= 4);
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.onRetry = options.onRetry ?? (() => {});
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** The URL of a REST route, in the `?rest_route=` form that works without pretty permalinks. */
  url(route: string, query: Query = {}): URL {
    const url = new URL(this.site);
    url.searchParams.set("rest_route", route);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    return url;
  }

  /** A request that may be repeated safely (a read, an update, a delete), retried as the policy says. */
  request(method: string, route: string, options: { query?: Query; body?: unknown } = {}): Promise<Answer> {
    return this.withRetries(`${method} ${route}`, () => this.once(method, route, options));
  }

  /**
   * Runs `attempt` until it succeeds, a failure is not worth retrying, or the
   * attempts run out. `attempt` gets the number of earlier attempts, so a
   * request that must not be repeated blindly can check first.
   */
  async withRetries<T>(what: string, attempt: (previous: number) => Promise<T>): Promise<T> {
    for (let previous = 0; ; previous++) {
      try {
        return await attempt(previous);
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        if (previous + 1 >= this.retry.attempts) {
          throw new WordPressError(this.redact(`${what}: ${error.message}; gave up after ${this.retry.attempts} attempts`));
        }
        const backoff = Math.min(this.retry.baseDelayMs * 2 ** previous, this.retry.maxDelayMs);
        const delay = error.retryAfterMs === undefined ? backoff : Math.min(Math.max(error.retryAfterMs, 0), this.retry.maxDelayMs);
        this.onRetry(this.redact(`${what}: ${error.message}; retrying in ${formatDelay(delay)}`));
        await this.retry.sleep(delay);
      }
    }
  }

  /** One attempt, not retried: throws {@link Transient} when another attempt may succeed. */
  async once(method: string, route: string, options: { query?: Query; body?: unknown } = {}): Promise<Answer> {
    const url = this.url(route, options.query);
    const headers: Record<string, string> = { authorization: this.authorization, accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    let status: number;
    let responseHeaders: Headers;
    let text: string;
    try {
      const response = await this.fetch(url, {
        method,
        headers,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
        // Never follow: the credentials would go along, maybe to another host.
        redirect: "manual",
      });
      status = response.status;
      responseHeaders = response.headers;
      // Read the whole body inside the try: a connection dropped mid-body fails only here.
      text = await response.text();
    } catch (error) {
      throw new Transient(this.describeFailure(error));
    }
    if (status === 401 || status === 403) {
      const said = wordpressMessage(text);
      throw new WordPressError(
        this.redact(`the site refused the credentials (HTTP ${status}${said ? `: ${said}` : ""}): check NEWSBRIEF_WP_USER and NEWSBRIEF_WP_APP_PASSWORD`),
        true,
      );
    }
    if (status >= 300 && status <= 399) {
      const location = responseHeaders.get("location");
      throw new WordPressError(`${method} ${route}: the site redirects (HTTP ${status}${location ? ` to ${location.replace(/\?.*$/, "")}` : ""}): give its final address with --url`);
    }
    if (status === 429 || status >= 500) {
      const said = wordpressMessage(text);
      throw new Transient(`HTTP ${status}${said ? ` (${said})` : ""}`, retryAfter(responseHeaders.get("retry-after")));
    }
    let body: unknown;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      throw new WordPressError(`${method} ${route}: the site answered HTTP ${status} with something that is not JSON: is ${this.site.href} a WordPress site with the REST API enabled?`);
    }
    if (status < 200 || status > 299) {
      const said = wordpressMessage(text);
      const { code, data } = (body ?? {}) as { code?: unknown; data?: unknown };
      throw new WordPressError(this.redact(`${method} ${route}: HTTP ${status}${said ? `: ${said}` : ""}`), false, {
        status,
        ...(typeof code === "string" ? { code } : {}),
        ...(typeof data === "object" && data !== null && !Array.isArray(data) ? { data: data as Record<string, unknown> } : {}),
      });
    }
    return { status, headers: responseHeaders, body };
  }

  private describeFailure(error: unknown): string {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      return `no complete answer within ${formatDelay(this.timeoutMs)}`;
    }
    const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
    const detail = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : error instanceof Error ? error.message : String(error);
    return `connection failed (${detail})`;
  }

  /** Removes the credentials from a message, should any ever get there. */
  redact(message: string): string {
    let safe = message;
    for (const secret of this.secrets) safe = safe.split(secret).join("[redacted]");
    return safe;
  }
}

/** `Retry-After` in milliseconds: seconds or an HTTP date. */
function retryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The `code: message` of a WordPress error answer, or a short excerpt of anything else. */
function wordpressMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === "string") return typeof body.message === "string" ? `${body.code}: ${stripTags(body.message)}` : body.code;
  } catch {
    // not JSON: fall through
  }
  const excerpt = stripTags(text).replace(/\s+/g, " ").trim();
  return excerpt.length > 120 ? `${excerpt.slice(0, 120)}…` : excerpt;
}

function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, "");
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${Math.round(ms)} ms`;
}
