/** Output files put together from pieces, without copying what an earlier file already holds piece by piece. */

/**
 * Pieces of text or bytes put together as the parts of one file of UTF-8,
 * with the byte offset at which each piece starts. The parts are not copied
 * into one buffer: they are hashed and written as they are. Pieces that are bytes of one
 * earlier file (a feed's unchanged items), and the texts between them when
 * that file has the same bytes there, are copied as one run: a feed with
 * one item changed is a few runs of the file it replaces, not thousands of
 * pieces.
 */
export function gather(pieces: Iterable<string | Uint8Array>): Gathered {
  const parts: Uint8Array[] = [];
  const starts: number[] = [];
  const encoded = new Map<string, Buffer>();
  let size = 0;
  // The run being gathered: bytes of `run` from `runStart` to `runEnd`.
  let run: Uint8Array | undefined;
  let runStart = 0;
  let runEnd = 0;
  const close = () => {
    if (run) parts.push(run.subarray(runStart, runEnd));
    run = undefined;
  };
  for (const piece of pieces) {
    starts.push(size);
    if (typeof piece === "string") {
      let bytes = piece.length > 64 ? undefined : encoded.get(piece);
      if (!bytes) {
        bytes = Buffer.from(piece, "utf8");
        if (piece.length <= 64) encoded.set(piece, bytes);
      }
      size += bytes.byteLength;
      // The same bytes follow in the earlier file: the run goes on over them.
      if (run && follows(run, runEnd, bytes)) runEnd += bytes.byteLength;
      else {
        close();
        parts.push(bytes);
      }
      continue;
    }
    size += piece.byteLength;
    // Bytes that follow the run in the same file extend it; others start a new run.
    if (run && piece.buffer === run.buffer && piece.byteOffset === run.byteOffset + runEnd) {
      runEnd += piece.byteLength;
      continue;
    }
    close();
    const whole = new Uint8Array(piece.buffer);
    if (piece.buffer instanceof ArrayBuffer) {
      run = whole;
      runStart = piece.byteOffset;
      runEnd = piece.byteOffset + piece.byteLength;
    } else parts.push(piece);
  }
  close();
  starts.push(size);
  return { parts, size, starts };
}

/** A file as parts: {@link gather}'s result. */
export interface Gathered {
  parts: Uint8Array[];
  /** Its size in bytes. */
  size: number;
  /** Where each piece starts, then the size. */
  starts: number[];
}

/** Whether `bytes` stand in `run` at `at` (the texts between pieces are short: a loop beats a call). */
function follows(run: Uint8Array, at: number, bytes: Uint8Array): boolean {
  if (at + bytes.byteLength > run.byteLength) return false;
  for (let i = 0; i < bytes.byteLength; i++) if (run[at + i] !== bytes[i]) return false;
  return true;
}
