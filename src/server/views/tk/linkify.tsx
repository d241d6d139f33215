/** Text with Kamer numbers (2025D08504, 2025Z03735, 21501-33, nr. 1113) as links, and search hits marked. */
import type { Child } from 'hono/jsx';
import { findNumberLinks } from '../../../service/tk-linkify.js';
import { Highlighted } from '../layout.js';

export interface LinkifiedProps {
  text: string;
  /** Search-hit ranges `[start, end)` relative to the whole document, as Highlighted takes them. */
  ranges?: [number, number][];
  /** Where `text` starts in the document. */
  offset?: number;
}

/**
 * Renders `text` with every Kamer number linked (see findNumberLinks) and search hits marked,
 * also inside a link. Everything is escaped by JSX; the links are kamerlens paths only.
 */
export function Linkified({ text, ranges = [], offset = 0 }: LinkifiedProps) {
  const parts: Child[] = [];
  let at = 0;
  const plain = (from: number, to: number) => <Highlighted text={text.slice(from, to)} ranges={ranges} offset={offset + from} />;
  for (const l of findNumberLinks(text)) {
    if (l.start > at) parts.push(plain(at, l.start));
    parts.push(
      <a href={l.href} class="kamer-nummer">
        {plain(l.start, l.end)}
      </a>,
    );
    at = l.end;
  }
  if (at < text.length) parts.push(plain(at, text.length));
  return <>{parts}</>;
}
