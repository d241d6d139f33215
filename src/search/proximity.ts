// NEAR: are some terms within a distance of each other in a sequence of term codes?

/*
 * The definition is FTS5's: the words, in any order, with at most `distance` other words
 * between the first and the last of them. A sequence break (title | body) ends a window, so
 * a title word is never "near" a body word. One pass with a sliding window over the
 * positions where any of the wanted codes occurs: O(sequence length), no allocation per word.
 */

/** Does `codes[from, to)` hold every one of `want` (distinct codes, ≤ 32) within `distance`? `brk` separates fields. */
export function nearIn(
  at: (i: number) => number,
  length: number,
  want: readonly number[],
  distance: number,
  brk: number,
): boolean {
  const k = want.length;
  if (k === 0) return false;
  // Positions of wanted codes in order, with which code each is (only the window is kept).
  const winPos: number[] = [];
  const winWhich: number[] = [];
  const counts = new Int32Array(k);
  let have = 0;
  let head = 0;
  for (let i = 0; i < length; i++) {
    const c = at(i);
    if (c === brk) {
      winPos.length = 0;
      winWhich.length = 0;
      head = 0;
      counts.fill(0);
      have = 0;
      continue;
    }
    const which = want.indexOf(c);
    if (which < 0) continue;
    winPos.push(i);
    winWhich.push(which);
    if (counts[which]!++ === 0) have++;
    // Drop from the left what is too far from i, or repeated later in the window.
    while (head < winPos.length) {
      const w = winWhich[head]!;
      const tooFar = i - winPos[head]! + 1 - k > distance;
      if (!tooFar && counts[w]! <= 1) break;
      if (--counts[w]! === 0) have--;
      head++;
    }
    if (have === k) return true;
    if (head > 1024) {
      winPos.splice(0, head);
      winWhich.splice(0, head);
      head = 0;
    }
  }
  return false;
}

/** nearIn over a stored sequence (int32 little-endian codes, segment-builder.ts). */
export function sequenceNear(stored: Uint8Array, want: readonly number[], distance: number, brk: number): boolean {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  return nearIn((i) => view.getInt32(i * 4, true), stored.byteLength >>> 2, want, distance, brk);
}
