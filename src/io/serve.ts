/**
 * Serving the review pages on 127.0.0.1: each page is kept in memory, built
 * again when the inputs it comes from change (the pages poll a version URL
 * and reload themselves), and nothing is written to disk.
 */
import { watch, type FSWatcher } from "node:fs";
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import path from "node:path";

/** What the server needs to know of the project. */
export interface ServeOptions {
  /** The project root and the folders (relative to it) whose changes rebuild pages. */
  root: string;
  watch: readonly string[];
  /** The port to listen on; 0 picks a free one. */
  port: number;
  /**
   * Builds the pages, by name (`<slug>.html`, `index.html`): every page, or
   * only those of `slugs` and the index. The version URL is `/__version?page=<name>`.
   */
  build: (slugs?: ReadonlySet<string>) => Promise<ReadonlyMap<string, string>>;
  /** The folder under which a change concerns one article (`content`): its first part is the slug. */
  articlesFolder: string;
  /** Told of each rebuild. */
  log?: (line: string) => void;
}

/** A running server. */
export interface ReviewServer {
  url: string;
  /** Resolves once the server has stopped (`close`, or an interrupt of the process). */
  closed: Promise<void>;
  close(): Promise<void>;
  /** Resolves when the rebuilds asked for so far are done (for tests). */
  settled(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function serveReview(options: ServeOptions): Promise<ReviewServer> {
  const pages = new Map<string, string>(await options.build());
  const versions = new Map<string, string>();
  const stamp = () => {
    for (const [name, contents] of pages) versions.set(name, createHash("sha256").update(contents).digest("hex").slice(0, 16));
  };
  stamp();

  let pending: { slugs: Set<string> | undefined } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const rebuild = () => {
    const job = pending;
    pending = undefined;
    timer = undefined;
    if (!job) return;
    running = running.then(async () => {
      try {
        const built = await options.build(job.slugs);
        if (!job.slugs) pages.clear();
        for (const [name, contents] of built) pages.set(name, contents);
        stamp();
        options.log?.(`rebuilt ${job.slugs ? [...job.slugs].map((s) => `${s}.html`).join(", ") : "every page"}`);
      } catch (error) {
        options.log?.(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  };
  const changed = (folder: string, file: string | null) => {
    const slug = folder === options.articlesFolder && file ? file.split(path.sep)[0] : undefined;
    if (!pending) pending = { slugs: new Set() };
    if (slug && pending.slugs) pending.slugs.add(slug);
    else pending.slugs = undefined;
    if (timer) clearTimeout(timer);
    timer = setTimeout(rebuild, 150);
  };
  const watchers: FSWatcher[] = [];
  for (const folder of options.watch) {
    try {
      watchers.push(watch(path.join(options.root, folder), { recursive: true }, (_event, file) => changed(folder, file)));
    } catch {
      // A folder that does not exist is reported on the page; nothing to watch.
    }
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/__version") {
      const version = versions.get(url.searchParams.get("page") ?? "") ?? "gone";
      response.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      response.end(version);
      return;
    }
    const name = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname.slice(1));
    const page = pages.get(name);
    if (page === undefined || request.method !== "GET") {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end("not found\n");
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    response.end(page);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const close = async () => {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    resolveClosed();
  };
  const onInterrupt = () => void close();
  process.once("SIGINT", onInterrupt);
  process.once("SIGTERM", onInterrupt);
  return {
    url: `http://127.0.0.1:${port}/`,
    closed,
    close,
    settled: async () => {
      if (timer) {
        clearTimeout(timer);
        rebuild();
      }
      await running;
    },
  };
}
