// Pure: a DOM subtree → plain text where block elements become line and paragraph breaks.

/** Elements that stand apart from their neighbours by a blank line. */
const PARAGRAPH = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'blockquote', 'pre',
  'figure', 'section', 'article', 'main', 'address', 'hr', 'details', 'fieldset', 'header', 'footer',
]);
/** Elements that start on a new line. */
const LINE = new Set(['div', 'li', 'tr', 'dt', 'dd', 'caption', 'figcaption', 'summary', 'legend', 'option', 'br']);
/** Table cells sit side by side, separated by a space. */
const CELL = new Set(['td', 'th']);
/** Never text a reader sees. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'svg', 'math', 'iframe', 'object', 'canvas', 'button', 'select', 'input', 'textarea']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Accumulates text, turning requested breaks and collapsed whitespace into output lazily. */
class TextWriter {
  private out = '';
  private pendingBreak = 0;
  private pendingSpace = false;

  /** Inline text: runs of whitespace (NBSP included) count as one space. */
  inline(raw: string): void {
    const collapsed = raw.replace(/\s+/g, ' ');
    if (collapsed === ' ' || collapsed === '') {
      if (collapsed === ' ') this.pendingSpace = true;
      return;
    }
    if (collapsed.startsWith(' ')) this.pendingSpace = true;
    this.emit(collapsed.trim());
    this.pendingSpace = collapsed.endsWith(' ');
  }

  /** Preformatted text: kept as written, line by line. */
  verbatim(raw: string): void {
    raw.replace(/\r\n?/g, '\n').split('\n').forEach((line, i) => {
      if (i > 0) this.lineBreak(1);
      if (line.trim() !== '') this.emit(line.replace(/\s+$/, ''));
    });
  }

  /** Ask for `newlines` line ends (1 = new line, 2 = blank line) before the next text. */
  lineBreak(newlines: number): void {
    this.pendingBreak = Math.max(this.pendingBreak, newlines);
    this.pendingSpace = false;
  }

  space(): void {
    this.pendingSpace = true;
  }

  toString(): string {
    return this.out;
  }

  private emit(text: string): void {
    if (this.out !== '') {
      if (this.pendingBreak > 0) this.out += '\n'.repeat(this.pendingBreak);
      else if (this.pendingSpace) this.out += ' ';
    }
    this.out += text;
    this.pendingBreak = 0;
    this.pendingSpace = false;
  }
}

/**
 * The text of `root` as a reader sees it: scripts and styles skipped, `<p>`, headings,
 * lists and tables separated by blank lines, `<div>`, `<li>`, `<br>`, rows on new lines,
 * `<pre>` kept verbatim. Iterative, so hostile nesting depth cannot overflow the stack.
 */
export function htmlToText(root: Node): string {
  const w = new TextWriter();
  // Each frame is a node to enter or, with `close`, the break to request on leaving it.
  const stack: ({ node: Node; pre: boolean } | { close: number })[] = [{ node: root, pre: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('close' in frame) {
      if (frame.close > 0) w.lineBreak(frame.close);
      else w.space();
      continue;
    }
    const { node, pre } = frame;
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      if (pre) w.verbatim(value);
      else w.inline(value);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const tag = node.nodeType === ELEMENT_NODE ? (node as Element).localName.toLowerCase() : '';
    if (SKIP.has(tag)) continue;
    const brk = PARAGRAPH.has(tag) ? 2 : LINE.has(tag) ? 1 : CELL.has(tag) ? -1 : 0;
    if (brk > 0) w.lineBreak(brk);
    if (brk !== 0) stack.push({ close: Math.max(brk, 0) });
    const children = node.childNodes;
    const inPre = pre || tag === 'pre';
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, pre: inPre });
  }
  return w.toString();
}
