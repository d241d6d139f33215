// NEAR: are some terms within a distance of each other in a sequence of term codes?

/*
 * The definition is FTS5's: the words, in any order, with at most `distance` other words
 * between the first and the last of them. A sequence break (title | body) ends a window, so
 * a title word is never "near" a body word. One pass with a sliding window over the
 * positions where any of the wanted codes occurs: O(sequence length), no allocation per word.
 */

/** Does the sequence `at(0 … length-1)` hold every one of `want` (distinct codes) within `distance`? `brk` separates fields. */
export function nearIn(
  at: (i: number) => number,
  length: number,
  want: readonly number[],
  distance: number,
  brk: number,
  /** Word position of the i-th code when the codes are a selection of the sequence (default: i). */
  posOf: (i: number) => number = (i) => i,
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
    const p = posOf(i);
    winPos.push(p);
    winWhich.push(which);
    if (counts[which]!++ === 0) have++;
    // Drop from the left what is too far from i, or repeated later in the window.
    while (head < winPos.length) {
      const w = winWhich[head]!;
      const tooFar = p - winPos[head]! + 1 - k > distance;
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

/**
 * nearIn over a stored sequence (int32 little-endian codes, segment-builder.ts). The
 * positions of each wanted code are found with the native Buffer.indexOf (a candidate's
 * sequence may hold thousands of words, and a JavaScript loop over all of them made NEAR of
 * two common words ~100× slower than a phrase); only those positions are then merged.
 */
export function sequenceNear(stored: Uint8Array, want: readonly number[], distance: number, brk: number): boolean {
  const hay = Buffer.isBuffer(stored) ? stored : Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const k = want.length;
  // Each code's word positions, ascending (an indexOf scan finds them in order).
  const lists: number[][] = [];
  for (let w = 0; w < k; w++) {
    const found = positionsOf(hay, want[w]!);
    if (found.length === 0) return false;
    lists.push(found);
  }
  const breaks = positionsOf(hay, brk);
  // k-way merge into (position, which) pairs; k is small.
  const at = new Int32Array(k);
  const pos: number[] = [];
  const which: number[] = [];
  for (;;) {
    let best = -1;
    for (let w = 0; w < k; w++) {
      const l = lists[w]!;
      if (at[w]! < l.length && (best < 0 || l[at[w]!]! < lists[best]![at[best]!]!)) best = w;
    }
    if (best < 0) break;
    pos.push(lists[best]![at[best]!]!);
    which.push(best);
    at[best]!++;
  }
  let b = 0;
  const codes = new Int32Array(pos.length + breaks.length);
  const positions = new Int32Array(pos.length + breaks.length);
  let n = 0;
  for (let i = 0; i < pos.length; i++) {
    while (b < breaks.length && breaks[b]! < pos[i]!) {
      codes[n] = brk;
      positions[n++] = breaks[b++]!;
    }
    codes[n] = want[which[i]!]!;
    positions[n++] = pos[i]!;
  }
  return nearIn((i) => codes[i]!, n, want, distance, brk, (i) => positions[i]!);
}

const needle = Buffer.alloc(4);

/** Word positions of `code` in a stored sequence (aligned matches of its 4 bytes). */
function positionsOf(hay: Buffer, code: number): number[] {
  needle.writeInt32LE(code, 0);
  const out: number[] = [];
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) if ((at & 3) === 0) out.push(at >>> 2);
  return out;
}
