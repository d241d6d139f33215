/**
 * A minimal one-page PDF with a text layer (Helvetica, WinAnsi), for documents of the fake
 * world that the real feed serves as PDF and for which no real file exists in ../shared/real.
 * Offsets in the xref table are computed, so pdf.js reads it without repair.
 */
const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A PDF string literal in WinAnsi: parentheses and backslashes escaped, non-ASCII as octal. */
function pdfString(s: string): string {
  let out = '(';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '(' || ch === ')' || ch === '\\') out += '\\' + ch;
    else if (c >= 32 && c < 127) out += ch;
    else if (c >= 160 && c < 256) out += '\\' + c.toString(8).padStart(3, '0');
    else out += '?';
  }
  return out + ')';
}

export function textPdf(lines: string[]): Uint8Array {
  const content = ['BT', '/F1 11 Tf', '14 TL', '72 770 Td', ...lines.map((l) => `${pdfString(l)} Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${latin1(content).length} >>\nstream\n${content}\nendstream`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(latin1(body).length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = latin1(body).length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(latin1(body));
}
