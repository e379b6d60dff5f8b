/**
 * Reading a project as it was at a git commit. Runs the real `git` with
 * argument arrays (never through a shell), and reads every blob it needs in
 * one `git cat-file --batch` process.
 */
import { execFile, spawn } from "node:child_process";

/** A problem with git or the repository: the CLI reports it and exits 2. */
export class GitError extends Error {
  override name = "GitError";
}

/** One file of a tree, as `git ls-tree` lists it. */
export interface TreeEntry {
  /** Path relative to the folder git ran in, with forward slashes. */
  path: string;
  /** `100644`, `100755`, `120000` (a symbolic link), ... */
  mode: string;
  /** The blob's object id. */
  oid: string;
}

/** The base of a comparison: the ref as given and the commit it resolved to. */
export interface BaseCommit {
  ref: string;
  commit: string;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/** Runs `git <args>` in `cwd`; resolves to stdout, rejects with the exit code and stderr. */
export function git(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile("git", [...args], { cwd, encoding: "buffer", maxBuffer: MAX_BUFFER, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") {
        reject(new GitError(error.code === "ENOENT" ? "git is not installed or not on the PATH" : `could not run git: ${error.message}`));
        return;
      }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr: stderr.toString("utf8") });
    });
  });
}

async function gitText(cwd: string, args: readonly string[]): Promise<string | undefined> {
  const result = await git(cwd, args);
  return result.code === 0 ? result.stdout.toString("utf8").trim() : undefined;
}

/** Fails with a {@link GitError} unless `cwd` is inside a git work tree. */
export async function assertRepository(cwd: string): Promise<void> {
  const inside = await gitText(cwd, ["rev-parse", "--is-inside-work-tree"]);
  if (inside !== "true") throw new GitError(`${cwd} is not inside a git repository: \`newsbrief diff\` compares with a git commit`);
}

/** The commit `ref` names, or undefined when there is none. */
export function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
  if (ref.startsWith("-")) return Promise.resolve(undefined);
  return gitText(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
}

/**
 * The commit to compare with. With `ref`, the merge base of `ref` and HEAD
 * (what a pull request's own changes start from), or `ref` itself when the
 * two share no history. Without it, the merge base with the default branch
 * (origin/HEAD, else main, else master), or HEAD when there is none.
 */
export async function baseCommit(cwd: string, ref?: string): Promise<BaseCommit> {
  await assertRepository(cwd);
  const head = await resolveCommit(cwd, "HEAD");
  if (ref !== undefined) {
    const commit = await resolveCommit(cwd, ref);
    if (!commit) throw new GitError(`no commit \`${ref}\` in this repository (is the branch fetched? CI checkouts need fetch-depth: 0)`);
    const fork = head ? await gitText(cwd, ["merge-base", commit, head]) : undefined;
    return { ref, commit: fork || commit };
  }
  if (!head) throw new GitError("this repository has no commit yet: there is nothing to compare with");
  const remoteDefault = await gitText(cwd, ["rev-parse", "--abbrev-ref", "--end-of-options", "origin/HEAD"]);
  for (const candidate of [remoteDefault && remoteDefault !== "origin/HEAD" ? remoteDefault : undefined, "main", "master"]) {
    if (!candidate) continue;
    const commit = await resolveCommit(cwd, candidate);
    if (!commit) continue;
    const fork = await gitText(cwd, ["merge-base", commit, head]);
    if (fork) return { ref: candidate, commit: fork };
  }
  return { ref: "HEAD", commit: head };
}

/** Pathspecs for whole folders and single files, relative to the working folder. */
function pathspecs(folders: readonly string[], files: readonly string[]): string[] {
  return ["--", ...folders.map((f) => `${f.replace(/\/+$/, "")}/`), ...files];
}

/**
 * Every file under `folders`, and each of `files` (relative to `cwd`), in
 * `commit`'s tree, with paths relative to `cwd`.
 */
export async function listTree(cwd: string, commit: string, folders: readonly string[], files: readonly string[] = []): Promise<TreeEntry[]> {
  const result = await git(cwd, ["ls-tree", "-r", "-z", commit, ...pathspecs(folders, files)]);
  if (result.code !== 0) throw new GitError(`could not list the files of ${commit}: ${result.stderr.trim()}`);
  const entries: TreeEntry[] = [];
  for (const record of result.stdout.toString("utf8").split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("\t");
    const [mode, type, oid] = record.slice(0, tab).split(" ");
    if (type !== "blob" || !mode || !oid) continue;
    entries.push({ path: record.slice(tab + 1), mode, oid });
  }
  return entries;
}

/** The contents of every blob in `oids`, read by one `git cat-file --batch`. */
export function readBlobs(cwd: string, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const wanted = [...new Set(oids)];
  if (wanted.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", (error) => reject(new GitError(`could not run git: ${error.message}`)));
    child.on("close", (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file failed: ${stderr.trim()}`));
      const all = Buffer.concat(chunks);
      const blobs = new Map<string, Buffer>();
      let at = 0;
      for (const oid of wanted) {
        const eol = all.indexOf(0x0a, at);
        const header = all.subarray(at, eol).toString("utf8").split(" ");
        if (header[1] === "missing" || header.length < 3) return reject(new GitError(`object ${oid} is missing from the repository`));
        const size = Number(header[2]);
        blobs.set(oid, all.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(`${wanted.join("\n")}\n`);
  });
}

/**
 * The paths under `folders`, and of `files` (relative to `cwd`), that differ between
 * `commit` and the working tree: changed, added (staged or not, unless
 * ignored) and deleted files. git compares by its index's file stats, so
 * unchanged files are not read.
 */
export async function changedSince(cwd: string, commit: string, folders: readonly string[], files: readonly string[] = []): Promise<string[]> {
  const specs = pathspecs(folders, files);
  const [tracked, untracked] = await Promise.all([
    git(cwd, ["diff", "--name-only", "-z", "--no-renames", "--relative", "--no-ext-diff", commit, ...specs]),
    git(cwd, ["ls-files", "-z", "--others", "--exclude-standard", ...specs]),
  ]);
  for (const result of [tracked, untracked]) if (result.code !== 0) throw new GitError(`could not compare the working tree with ${commit}: ${result.stderr.trim()}`);
  const paths = new Set<string>();
  for (const result of [tracked, untracked]) for (const p of result.stdout.toString("utf8").split("\0")) if (p) paths.add(p);
  return [...paths].sort();
}
