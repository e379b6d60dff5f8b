/**
 * Writing into a site folder (a Hugo site, a Decap CMS repository) without
 * ever leaving it or following a symbolic link: files are read and written
 * folder by folder, atomically (temporary file, then rename).
 */
import { statSync } from "node:fs";
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { compareStrings } from "../diagnostics/diagnostic.ts";

/** A write or delete that would leave the content folder or follow a link. */
export class UnsafePathError extends Error {
  override name = "UnsafePathError";
}

/** Whether `folder` is an existing folder (links followed: the folder named on the command line may be one). */
export function isFolderSync(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Removes a file under the site, then the folders it leaves empty. */
export async function removeSiteFile(site: string, relative: string): Promise<void> {
  await rm(path.join(site, ...relative.split("/")));
  await removeEmptyFolders(site, relative);
}

/** The site must be an existing folder; its content folder, when there, a real folder. */
export async function checkSite(site: string): Promise<void> {
  let stats;
  try {
    stats = await lstat(site);
  } catch {
    throw new UnsafePathError(`the site folder ${site} does not exist`);
  }
  if (stats.isSymbolicLink()) {
    // The folder named on the command line may be a link; what it holds may not.
    stats = await lstat(`${site}/.`);
  }
  if (!stats.isDirectory()) throw new UnsafePathError(`${site} is not a folder`);
}

/**
 * Walks `relative` (a file path under the site) folder by folder without
 * following links: throws on a link or a non-folder on the way. Returns
 * the absolute path of the last folder and whether each exists.
 */
async function checkParents(site: string, relative: string): Promise<{ missingFrom: number; parts: string[] }> {
  const parts = relative.split("/");
  for (let i = 1; i < parts.length; i++) {
    const folder = path.join(site, ...parts.slice(0, i));
    let stats;
    try {
      stats = await lstat(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { missingFrom: i, parts };
      throw error;
    }
    if (stats.isSymbolicLink()) throw new UnsafePathError(`${parts.slice(0, i).join("/")} is a symbolic link: newsbrief does not write through links`);
    if (!stats.isDirectory()) throw new UnsafePathError(`${parts.slice(0, i).join("/")} is not a folder`);
  }
  return { missingFrom: parts.length, parts };
}

/** The text of a file under the site, or undefined when absent; throws on a link or a non-file. */
export async function readExisting(site: string, relative: string): Promise<string | undefined> {
  const { missingFrom, parts } = await checkParents(site, relative);
  if (missingFrom < parts.length) return undefined;
  const file = path.join(site, ...parts);
  let stats;
  try {
    stats = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (stats.isSymbolicLink()) throw new UnsafePathError(`${relative} is a symbolic link: newsbrief does not write through links`);
  if (!stats.isFile()) throw new UnsafePathError(`${relative} is not a regular file`);
  return readFile(file, "utf8");
}

/** Writes a temporary file beside the target, then renames it over the target. */
export async function writeAtomically(site: string, relative: string, contents: string): Promise<void> {
  const { missingFrom, parts } = await checkParents(site, relative);
  for (let i = missingFrom; i < parts.length; i++) {
    await mkdir(path.join(site, ...parts.slice(0, i)));
  }
  const file = path.join(site, ...parts);
  const existing = await lstat(file).catch(() => undefined);
  if (existing && (existing.isSymbolicLink() || !existing.isFile())) throw new UnsafePathError(`${relative} is a symbolic link or not a regular file: newsbrief does not write through it`);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.newsbrief-${process.pid}.tmp`);
  const handle = await open(temporary, "wx");
  try {
    await handle.writeFile(contents, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes the folders of `relative` left empty by a prune, up to (not including) the content folder. */
async function removeEmptyFolders(site: string, relative: string): Promise<void> {
  const parts = relative.split("/");
  for (let i = parts.length - 1; i > 1; i--) {
    try {
      await rmdir(path.join(site, ...parts.slice(0, i)));
    } catch {
      return;
    }
  }
}

/** Every regular file under `relative` (no link followed), `/`-separated and sorted. */
export async function listFiles(site: string, relative: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(site, ...folder.split("/")), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = `${folder}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  const root = await lstat(path.join(site, relative)).catch(() => undefined);
  if (root?.isDirectory()) await walk(relative);
  return found.sort(compareStrings);
}
