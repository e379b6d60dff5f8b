/**
 * A real WordPress for the tests, from Debian's packages (`wordpress`,
 * `mariadb-server`, `php-cli`, `php-mysql`): a private MariaDB data folder,
 * a private copy of /usr/share/wordpress with its own wp-config.php and the
 * newsbrief must-use plugin, and PHP's built-in server, all in one temp
 * folder, on 127.0.0.1 and free ports. Each server runs in its own process
 * group, and {@link WordPressSite.stop} stops exactly those groups.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./project.ts";

const WORDPRESS = "/usr/share/wordpress";
const NEEDED = [
  { file: `${WORDPRESS}/wp-settings.php`, apt: "wordpress" },
  { file: "/usr/sbin/mariadbd", apt: "mariadb-server" },
  { file: "/usr/bin/mariadb-install-db", apt: "mariadb-server" },
  { file: "/usr/bin/php", apt: "php-cli" },
] as const;
const PREFIX = "newsbrief-wp-";

/** A running WordPress. */
export interface WordPressSite {
  /** The site's address, ending in `/`. */
  url: string;
  /** An administrator and one of its application passwords. */
  user: string;
  appPassword: string;
  /** The administrator's login password (for the tests that need a second application password). */
  password: string;
  /** The temp folder holding everything, logs included (`php.log`, `mariadb.log`). */
  dir: string;
  /** Stops the servers (their process groups) and deletes the folder. */
  stop(): Promise<void>;
}

/** Why WordPress cannot be brought up here, or undefined when it can. */
export function wordpressUnavailable(): string | undefined {
  const missing: string[] = NEEDED.filter((n) => !existsSync(n.file)).map((n) => n.apt);
  if (spawnSync("php", ["-r", "exit(extension_loaded('mysqli') ? 0 : 1);"]).status !== 0) missing.push("php-mysql");
  if (missing.length === 0) return undefined;
  return `missing Debian packages: ${[...new Set(missing)].join(", ")} (apt-get install -y --no-install-recommends wordpress mariadb-server php-cli php-mysql)`;
}

/** Brings a fresh WordPress up: about 10 seconds. */
export async function startWordPress(): Promise<WordPressSite> {
  removeLeftovers();
  const dir = mkdtempSync(path.join(tmpdir(), PREFIX));
  writeFileSync(path.join(dir, "owner"), String(process.pid));
  const groups: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of groups.splice(0)) await stopGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const dbPort = await freePort();
    const dbDir = path.join(dir, "db");
    mkdirSync(dbDir);
    const asRoot = process.getuid?.() === 0 ? ["--user=root"] : [];
    const install = spawnSync("mariadb-install-db", ["--no-defaults", `--datadir=${dbDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", ...asRoot], { encoding: "utf8" });
    if (install.status !== 0) throw new Error(`mariadb-install-db failed:\n${install.stdout}\n${install.stderr}`);
    const socket = path.join(dbDir, "sock");
    groups.push(
      startGroup("mariadbd", ["--no-defaults", `--datadir=${dbDir}`, `--socket=${socket}`, "--bind-address=127.0.0.1", `--port=${dbPort}`, `--pid-file=${dbDir}/pid`, "--skip-log-bin", ...asRoot], path.join(dir, "mariadb.log")),
    );
    await until("MariaDB", 30_000, () => alive(groups[0]!) && spawnSync("mariadb", ["--no-defaults", `--socket=${socket}`, "-uroot", "-e", "SELECT 1"]).status === 0);
    const dbPassword = randomBytes(12).toString("hex");
    const sql = `CREATE DATABASE wordpress; CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY '${dbPassword}'; GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';`;
    const created = spawnSync("mariadb", ["--no-defaults", `--socket=${socket}`, "-uroot", "-e", sql], { encoding: "utf8" });
    if (created.status !== 0) throw new Error(`could not create the database: ${created.stderr}`);

    const root = path.join(dir, "site");
    cpSync(WORDPRESS, root, { recursive: true, verbatimSymlinks: true });
    rmSync(path.join(root, ".htaccess"), { force: true });
    mkdirSync(path.join(root, "wp-content", "mu-plugins"), { recursive: true });
    mkdirSync(path.join(root, "wp-content", "uploads"), { recursive: true });
    cpSync(path.join(REPO_ROOT, "src", "publish", "wordpress-plugin.php"), path.join(root, "wp-content", "mu-plugins", "newsbrief.php"));
    const webPort = await freePort();
    const url = `http://127.0.0.1:${webPort}/`;
    writeFileSync(path.join(root, "wp-config.php"), wpConfig({ dbPort, dbPassword, url }));
    groups.push(
      startGroup("php", ["-S", `127.0.0.1:${webPort}`, "-t", root], path.join(dir, "php.log"), { PHP_CLI_SERVER_WORKERS: "4" }),
    );
    await until("PHP", 15_000, async () => alive(groups[1]!) && (await fetch(`${url}wp-login.php`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined)) !== undefined);

    const user = "editor-in-chief";
    const password = randomBytes(12).toString("hex");
    const installed = await form(`${url}wp-admin/install.php?step=2`, {
      weblog_title: "newsbrief test site",
      user_name: user,
      admin_password: password,
      admin_password2: password,
      pw_weak: "1",
      admin_email: "desk@example.org",
      blog_public: "0",
    });
    if (!(await installed.text()).includes("Success!")) throw new Error("the WordPress installer did not say Success!");
    const appPassword = await applicationPassword(url, user, password, "newsbrief tests");
    return { url, user, appPassword, password, dir, stop };
  } catch (error) {
    const logs = ["mariadb.log", "php.log"].map((f) => path.join(dir, f)).filter(existsSync).map((f) => `--- ${path.basename(f)}\n${readFileSync(f, "utf8").slice(-2000)}`);
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs.join("\n")}`);
  }
}

/** Creates an application password by logging in as a browser would. */
export async function applicationPassword(url: string, user: string, password: string, name: string): Promise<string> {
  const login = await form(`${url}wp-login.php`, { log: user, pwd: password, "wp-submit": "Log In", testcookie: "1" }, "wordpress_test_cookie=WP%20Cookie%20check");
  const cookies = login.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");
  if (!cookies.includes("wordpress_logged_in")) throw new Error(`could not log in to WordPress (HTTP ${login.status})`);
  const nonce = (await (await fetch(`${url}wp-admin/admin-ajax.php?action=rest-nonce`, { headers: { cookie: cookies } })).text()).trim();
  if (!/^[0-9a-f]{10}$/.test(nonce)) throw new Error(`no REST nonce: ${nonce.slice(0, 100)}`);
  const response = await fetch(`${url}?rest_route=/wp/v2/users/me/application-passwords`, {
    method: "POST",
    headers: { cookie: cookies, "x-wp-nonce": nonce, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as { password?: string };
  if (response.status !== 201 || typeof body.password !== "string") throw new Error(`no application password (HTTP ${response.status})`);
  return body.password;
}

function wpConfig(options: { dbPort: number; dbPassword: string; url: string }): string {
  const salt = (name: string): string => `define('${name}', '${randomBytes(32).toString("hex")}');`;
  return `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '${options.dbPassword}');
define('DB_HOST', '127.0.0.1:${options.dbPort}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"].map(salt).join("\n")}
$table_prefix = 'wp_';
define('WP_HOME', '${options.url.replace(/\/$/, "")}');
define('WP_SITEURL', '${options.url.replace(/\/$/, "")}');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`;
}

async function form(url: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
}

/** Starts a server in its own process group (a new session), its output to a log file. */
function startGroup(command: string, args: string[], log: string, env: Record<string, string> = {}): ChildProcess {
  const out = openSync(log, "a");
  const child = spawn(command, args, { detached: true, stdio: ["ignore", out, out], env: { ...process.env, ...env } });
  child.unref();
  writeFileSync(`${log}.pgid`, String(child.pid));
  return child;
}

/** Whether a server is still running; throws when it stopped (a port taken since we chose it, say). */
function alive(child: ChildProcess): boolean {
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${child.spawnfile} stopped (${child.exitCode ?? child.signalCode}) while starting`);
  return true;
}

/** Stops one process group we started, then waits for its leader to go. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Cleans up after earlier runs that died without stopping their site (a
 * killed test run): a folder whose owning process is gone has its servers
 * stopped (only process groups recorded in that folder, and only if the
 * process still runs from that folder) and is deleted.
 */
function removeLeftovers(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(path.join(dir, "owner"), "utf8"));
      if (isAlive(owner)) continue; // a run still going
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".pgid"))) {
        const pid = Number(readFileSync(path.join(dir, file), "utf8"));
        // A recorded id may have been reused by an unrelated process since: check it still runs from this folder.
        if (isAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dir)) process.kill(-pid, "SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // no owner file yet (a run starting), or another run is removing it
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function until(what: string, timeoutMs: number, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
