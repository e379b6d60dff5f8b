/**
 * The lock on the output folder, so that two builds never write it at once.
 */
import { link, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import type { ProjectPaths } from "../types.ts";

/** Who holds the output lock. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken (informational, never written to outputs). */
  since: string;
}

/** A held output lock. */
export interface OutputLock {
  release(): Promise<void>;
}

/**
 * Takes the lock on the output folder, so that two builds never write it at
 * once. A lock left by a process that no longer runs on this machine is
 * taken over. Waits up to `waitMs` for a live holder, then returns it.
 */
export async function lockOutputs(paths: ProjectPaths, waitMs = 0): Promise<{ lock?: OutputLock; heldBy?: LockOwner; tookOver?: LockOwner }> {
  const outDir = path.join(paths.root, paths.out);
  const file = path.join(path.dirname(outDir), `.${path.basename(outDir)}.lock`);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const deadline = Date.now() + waitMs;
  let tookOver: LockOwner | undefined;
  for (;;) {
    // The owner is written to a file of its own, then linked as the lock in
    // one step: a lock file is never seen empty, so an empty or unreadable
    // one was left by something else and is stale.
    const mine = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(mine, JSON.stringify(me), { flag: "w" });
      await link(mine, file);
      await removeDeadOwners(file);
      const lock: OutputLock = { release: () => rm(file, { force: true }) };
      return tookOver ? { lock, tookOver } : { lock };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      await rm(mine, { force: true });
    }
    const owner = await readLockOwner(file);
    if (!owner || (owner.host === me.host && !isRunning(owner.pid))) {
      // Stale: its process is gone (or the file is unreadable). Take it over.
      await rm(file, { force: true });
      if (owner) tookOver = owner;
      continue;
    }
    if (Date.now() >= deadline) return { heldBy: owner };
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(10, deadline - Date.now()))));
  }
}

/** Removes the owner files of processes killed while taking the lock (`<lock>.<pid>.tmp`). */
async function removeDeadOwners(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith(".tmp") ? Number(name.slice(prefix.length, -".tmp".length)) : Number.NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(path.join(path.dirname(file), name), { force: true });
  }
}

async function readLockOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as Partial<LockOwner>;
    if (typeof data.pid === "number" && typeof data.host === "string") return { pid: data.pid, host: data.host, since: String(data.since ?? "") };
  } catch {
    // Empty or unreadable: no build writes a lock like that (see lockOutputs), so it is stale.
    return undefined;
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
