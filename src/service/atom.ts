/** Atom 1.0 feeds (RFC 4287): a monitor's or a user's matches (watch), a public search (search-feed.ts); every value XML-escaped. */

const XML_ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Escapes text and drops characters XML 1.0 forbids (control characters from PDFs). */
export const xml = (s: string): string =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ESC[c]!);

export interface FeedEntry {
  /** Stable across renders: the (monitor, item) pair. */
  id: string;
  title: string;
  link: string;
  updated: string;
  summary: string;
  category: string;
}

export interface Feed {
  id: string;
  title: string;
  selfUrl: string;
  altUrl: string;
  updated: string;
  entries: FeedEntry[];
}

export function renderAtom(f: Feed): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(f.id)}</id>`,
    `  <title>${xml(f.title)}</title>`,
    `  <updated>${xml(f.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(f.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(f.altUrl)}"/>`,
    '  <author><name>kamerlens</name></author>',
    '  <generator>kamerlens</generator>',
  ];
  for (const e of f.entries) {
    out.push(
      '  <entry>',
      `    <id>${xml(e.id)}</id>`,
      `    <title>${xml(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>`,
      `    <updated>${xml(e.updated)}</updated>`,
      `    <category term="${xml(e.category)}"/>`,
      `    <summary type="text">${xml(e.summary)}</summary>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
