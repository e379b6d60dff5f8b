/**
 * Writing the output folder: a new tree staged beside it and swapped in
 * whole, or a few files patched in through a journal; a build that was
 * killed half-way is cleaned up or completed.
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync, writeSync, writevSync } from "node:fs";
import { link, lstat, mkdir, open, readdir, readFile, rename, rmdir, writeFile } from "node:fs/promises";
import { fsq, gated, mapLimit, removeTree } from "./limit.ts";
import path from "node:path";
import type { OutputFile, ProjectPaths } from "../types.ts";

/** The staging and old-tree folders and the journal of a build by process `pid`, beside the output folder. */
function sideFolders(paths: ProjectPaths, pid: number): { staging: string; old: string; journal: string } {
  const outDir = path.join(paths.root, paths.out);
  const base = path.join(path.dirname(outDir), `.${path.basename(outDir)}`);
  return { staging: `${base}.staging-${pid}`, old: `${base}.old-${pid}`, journal: `${base}.journal-${pid}` };
}

/**
 * Changing the output folder as a whole, with files handed over one by one
 * as they are made (nothing is kept in memory). Two ways:
 *
 * - `swap`: a new tree is staged beside out/ (kept files hard-linked from
 *   it), then swapped in with two renames, the old tree removed last, so a
 *   crash leaves either the old or the new tree complete;
 * - `patch`, for a few changed files: only those are staged; at commit a
 *   journal listing them (and the files to remove) is written, which is the
 *   moment the change takes effect, then they are renamed into place. A
 *   build killed before the journal leaves out/ as it was; one killed after
 *   it is completed by the next build ({@link recoverOutputs}).
 */
export interface OutputTransaction {
  /** Where a worker thread may stage files itself with {@link stageFileSync} (`swap` only), then hand them over with {@link adopt}. */
  readonly staging?: string;
  /** Takes a file staged by a worker thread as if {@link put} had written it. */
  adopt(relative: string): void;
  /** Stages a file, from its text or parts of its bytes one after the other; resolves to its size and modification time once written. */
  put(relative: string, contents: string | readonly Uint8Array[]): Promise<[number, number]>;
  /** Stages a file written piece by piece, as the pieces come (in writes of about 1 MB: the pieces are not all held); resolves to its size and modification time. */
  putPieces(relative: string, pieces: Iterable<string | Uint8Array>): Promise<[number, number]>;
  /**
   * Sets a text aside in a file beside the staged tree (removed with it), so
   * that the build need not hold it; resolves to where it is, for {@link unspool}.
   */
  spool(text: string | Uint8Array): Promise<Spooled>;
  /** The bytes (UTF-8) of a text set aside by {@link spool}. */
  unspool(at: Spooled): Buffer;
  /** Keeps an unchanged file of the current tree (`swap` only; `patch` keeps what it is not told about). */
  keep(relative: string): Promise<void>;
  /** Removes a file of the current tree (`patch` only; `swap` drops what it is not told about). */
  remove(relative: string): void;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** Where `relative` (forward slashes, inside the output folder) goes in the staged tree; a path that would escape it is refused. */
function stagedPath(staging: string, relative: string): string {
  const full = path.join(staging, ...relative.split("/"));
  if (!full.startsWith(staging + path.sep)) throw new Error(`output path escapes the output folder: ${relative}`);
  return full;
}

let lastStagedDir: string | undefined;

/**
 * Stages one file from a worker thread, synchronously (one file open at a
 * time per worker, whatever the project's size); returns its size and
 * modification time. The build then {@link OutputTransaction.adopt adopts} it.
 */
export function stageFileSync(staging: string, relative: string, contents: string): [number, number] {
  const full = stagedPath(staging, relative);
  const dir = path.dirname(full);
  // An article's files share a folder: it is made once (and again if it went away since).
  if (dir !== lastStagedDir) {
    mkdirSync(dir, { recursive: true });
    lastStagedDir = dir;
  }
  try {
    writeFileSync(full, contents, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dir, { recursive: true });
    writeFileSync(full, contents, "utf8");
  }
  const stats = statSync(full);
  return [stats.size, stats.mtimeMs];
}

/** Writes a file from parts of its bytes in one call, holding one file open (libuv writes as many parts at a time as the system takes, and takes up short writes). */
function writePartsSync(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, "w");
  try {
    const size = parts.reduce((sum, part) => sum + part.byteLength, 0);
    const written = writevSync(fd, parts as Uint8Array[]);
    if (written !== size) throw new Error(`${file}: ${written} of ${size} bytes written`);
  } finally {
    closeSync(fd);
  }
}

/** Where a text set aside by {@link OutputTransaction.spool} is: its byte offset and length. */
export type Spooled = [number, number];

/** Texts set aside in one file, so that a run need not hold them until it puts them together. */
export interface Spool {
  /** Sets a text (or its UTF-8 bytes) aside; returns where it is. */
  put(text: string | Uint8Array): Spooled;
  /** The bytes of a text set aside. */
  get(at: Spooled): Buffer;
  /** Closes and removes the file. */
  close(): void;
}

/**
 * A spool in `file`, made when the first text is set aside and removed from
 * its folder at once: it lives as long as it is open, so that a run that is
 * stopped leaves nothing behind.
 */
export function createSpool(file: string): Spool {
  let fd: number | undefined;
  let size = 0;
  return {
    put(text) {
      if (fd === undefined) {
        fd = openSync(file, "w+");
        rmSync(file, { force: true });
      }
      const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
      const at = size;
      size += bytes.length;
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
      return [at, bytes.length];
    },
    get([at, length]) {
      const bytes = Buffer.alloc(length);
      for (let done = 0; done < length; ) {
        const read = readSync(fd!, bytes, done, length - done, at + done);
        if (read === 0) throw new Error(`${file}: ${done} of ${length} bytes read`);
        done += read;
      }
      return bytes;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      rmSync(file, { force: true });
    },
  };
}

/** Starts changing the output folder (see {@link OutputTransaction}). */
export async function beginOutputs(paths: ProjectPaths, mode: "swap" | "patch"): Promise<OutputTransaction> {
  const outDir = path.join(paths.root, paths.out);
  const { staging, old, journal } = sideFolders(paths, process.pid);
  await removeTree(staging);
  await fsq.mkdir(staging);
  const made = new Map<string, Promise<unknown>>([[staging, Promise.resolve()]]);
  const written: string[] = [];
  const removed: string[] = [];
  // Texts set aside (feed items) go to one file beside the staged tree.
  const spool = createSpool(`${staging}.spool`);
  const closeSpool = () => spool.close();
  const target = (relative: string) => stagedPath(staging, relative);
  const ensureDir = (dir: string) => {
    let making = made.get(dir);
    if (!making) made.set(dir, (making = fsq.mkdir(dir)));
    return making;
  };
  return {
    ...(mode === "swap" ? { staging } : {}),
    adopt(relative) {
      written.push(relative);
    },
    async put(relative, contents) {
      const full = target(relative);
      await ensureDir(path.dirname(full));
      if (typeof contents === "string") await fsq.writeText(full, contents);
      else writePartsSync(full, contents);
      written.push(relative);
      const stats = statSync(full);
      return [stats.size, stats.mtimeMs];
    },
    async putPieces(relative, pieces) {
      const full = target(relative);
      await ensureDir(path.dirname(full));
      await gated(async () => {
        const handle = await open(full, "w");
        try {
          // Pieces are gathered into writes of about 1 MB.
          let chunk: Buffer[] = [];
          let size = 0;
          for (const piece of pieces) {
            const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
            chunk.push(bytes);
            size += bytes.length;
            if (size >= 1 << 20) {
              await handle.write(Buffer.concat(chunk, size));
              chunk = [];
              size = 0;
            }
          }
          if (chunk.length > 0) await handle.write(Buffer.concat(chunk, size));
        } finally {
          await handle.close();
        }
      });
      written.push(relative);
      const stats = statSync(full);
      return [stats.size, stats.mtimeMs];
    },
    async spool(text) {
      return spool.put(text);
    },
    unspool(at) {
      return spool.get(at);
    },
    async keep(relative) {
      const full = target(relative);
      await ensureDir(path.dirname(full));
      try {
        await fsq.link(path.join(outDir, ...relative.split("/")), full);
      } catch {
        // Hard links can fail across devices or file systems: copy instead.
        await fsq.writeText(full, await fsq.readText(path.join(outDir, ...relative.split("/"))));
      }
    },
    remove(relative) {
      removed.push(relative);
    },
    async commit() {
      closeSpool();
      if (mode === "swap") {
        let hadOld = true;
        try {
          await rename(outDir, old);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
          hadOld = false;
        }
        await rename(staging, outDir);
        if (hadOld) await removeTree(old);
        return;
      }
      await writeFile(`${journal}.tmp`, JSON.stringify({ write: written, remove: removed }));
      await rename(`${journal}.tmp`, journal);
      await applyJournal(outDir, staging, journal);
    },
    async abort() {
      closeSpool();
      await removeTree(staging);
    },
  };
}

/** Completes a committed patch: staged files renamed into out/, removed ones deleted, then the journal. */
async function applyJournal(outDir: string, staging: string, journal: string): Promise<void> {
  const { write, remove } = JSON.parse(await readFile(journal, "utf8")) as { write: string[]; remove: string[] };
  const dirs = new Set<string>();
  for (const relative of write) dirs.add(path.dirname(path.join(outDir, ...relative.split("/"))));
  await mapLimit([...dirs], 16, (dir) => fsq.mkdir(dir));
  await mapLimit(write, 32, async (relative) => {
    try {
      await fsq.rename(path.join(staging, ...relative.split("/")), path.join(outDir, ...relative.split("/")));
    } catch (error) {
      // Already moved by the build that was interrupted.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  });
  await mapLimit(remove, 32, (relative) => fsq.removeFile(path.join(outDir, ...relative.split("/"))));
  // Folders of removed articles that are now empty.
  for (const dir of new Set(remove.map((relative) => path.dirname(path.join(outDir, ...relative.split("/")))))) {
    if (dir !== outDir) await gated(() => rmdir(dir)).catch(() => undefined);
  }
  await removeTree(staging);
  await fsq.removeFile(journal);
}

/**
 * Cleans up after a build that was killed: a staging folder is removed; an
 * old tree is put back when the output folder is missing (the build died
 * between its two renames), and removed otherwise. Run under the lock.
 * Returns what it did, for the log.
 */
export async function recoverOutputs(paths: ProjectPaths): Promise<string[]> {
  const outDir = path.join(paths.root, paths.out);
  const parent = path.dirname(outDir);
  const prefix = `.${path.basename(outDir)}.`;
  const done: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return done;
  }
  // A lock owner file left by a build killed while taking the lock.
  for (const name of entries.filter((n) => n.startsWith(`${prefix}lock.`) && /\.lock\.\d+\.tmp$/.test(n))) {
    const pid = Number(name.split(".").at(-2));
    if (pid !== process.pid && !isAlive(pid)) await fsq.removeFile(path.join(parent, name));
  }
  // A committed patch is completed first: its journal says what it changes.
  for (const name of entries.filter((n) => n.startsWith(prefix) && /\.journal-\d+$/.test(n)).sort()) {
    const pid = name.slice(name.lastIndexOf("-") + 1);
    await applyJournal(outDir, path.join(parent, `${prefix}staging-${pid}`), path.join(parent, name));
    done.push(`completed ${paths.out}/ from an interrupted build`);
  }
  const leftovers = entries.filter((name) => name.startsWith(prefix) && /\.(staging|old)-\d+$/.test(name) && entries.includes(name)).sort();
  let outExists = await exists(outDir);
  for (const name of leftovers.filter((n) => /\.old-\d+$/.test(n))) {
    const full = path.join(parent, name);
    if (!outExists) {
      await rename(full, outDir);
      outExists = true;
      done.push(`restored ${paths.out}/ from an interrupted build`);
    } else {
      await removeTree(full);
      done.push(`removed ${name} left by an interrupted build`);
    }
  }
  for (const name of leftovers.filter((n) => /\.staging-\d+$/.test(n))) {
    await removeTree(path.join(parent, name));
    done.push(`removed ${name} left by an interrupted build`);
  }
  // The texts an interrupted build had set aside.
  for (const name of entries.filter((n) => n.startsWith(prefix) && /\.staging-\d+\.spool$/.test(n))) await fsq.removeFile(path.join(parent, name));
  return done;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `files` under `dir` (relative to the project root), replacing any
 * file of the same name and leaving everything else there; returns the
 * project-relative paths written.
 */
export async function writePreview(paths: ProjectPaths, dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const root = path.resolve(paths.root, dir);
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(root, ...file.path.split("/"));
    if (!target.startsWith(root + path.sep)) throw new Error(`preview path escapes the preview folder: ${file.path}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.contents, "utf8");
    written.push(`${dir}/${file.path}`);
  }
  return written;
}

/** Replaces a project file's text atomically: a temporary file beside it, then a rename. */
export async function replaceProjectFile(paths: ProjectPaths, relative: string, text: string): Promise<void> {
  const target = path.join(paths.root, ...relative.split("/"));
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.newsbrief.tmp`);
  await writeFile(temporary, text, { encoding: "utf8", flag: "w" });
  await rename(temporary, target);
}
