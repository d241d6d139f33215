#!/usr/bin/env bash
# Regenerates the extract-stage fixtures in test/fixtures/files from data/sample/*.txt.
# Needs LibreOffice (soffice), qpdf and iconv; CI does not, it uses the committed files.
#   apt-get install -y --no-install-recommends libreoffice-writer-nogui qpdf
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
sample="$root/data/sample"
out="$root/test/fixtures/files"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

for tool in soffice qpdf iconv node; do
  command -v "$tool" >/dev/null || { echo "make-fixtures: $tool is not installed" >&2; exit 1; }
done

k2022="$sample/2022-04-11-kamerbrief-verslag-informele-telecomraad-maart-2022.txt"
k2026="$sample/2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt"
r2017="$sample/2017-11-20-raadsconclusies-cyberbeveiliging-14435-17.txt"

# Flat ODT sources: every blank-line block is one paragraph whose lines are kept with
# line breaks; title-like leading lines of a block become headings. Pages after the
# first carry the title as a running header; every page has a "Pagina N van M" footer.
gen_fodt() { # txt title out.fodt
  node --input-type=module - "$1" "$2" "$3" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
const [src, title, dest] = process.argv.slice(2);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const isHeading = (line) => line.length >= 3 && line.length <= 60 && /^\p{Lu}/u.test(line) && !/[.,;:]$/.test(line);
const blocks = readFileSync(src, 'utf8').split(/\n\s*\n/)
  .map((b) => b.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean))
  .filter((b) => b.length > 0);
const paras = [];
for (const lines of blocks) {
  while (lines.length > 1 && isHeading(lines[0])) paras.push(['H', lines.shift()]);
  paras.push(['P', lines.join('\n')]);
}
const body = paras.map(([k, t], i) => {
  const style = i === 0 ? 'First' : k === 'H' ? 'Heading_20_2' : 'Standard';
  return `<text:${k === 'H' ? 'h text:outline-level="2"' : 'p'} text:style-name="${style}">${esc(t).split('\n').join('<text:line-break/>')}</text:${k === 'H' ? 'h' : 'p'}>`;
}).join('\n');
const footer = '<style:footer><text:p text:style-name="Footer">Pagina <text:page-number text:select-page="current">1</text:page-number> van <text:page-count>1</text:page-count></text:p></style:footer>';
writeFileSync(dest, `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${esc(title)}</dc:title></office:meta>
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt" fo:language="nl" fo:country="NL"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.3cm"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2" style:class="text"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Header" style:family="paragraph" style:class="extra"><style:text-properties fo:font-size="8pt"/></style:style>
 <style:style style:name="Footer" style:family="paragraph" style:class="extra"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="First" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="First_20_Page"/>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">${esc(title)}</text:p></style:header>${footer}
 </style:master-page>
 <style:master-page style:name="First_20_Page" style:display-name="First Page" style:page-layout-name="pm1" style:next-style-name="Standard">${footer}</style:master-page>
</office:master-styles>
<office:body><office:text>
${body}
</office:text></office:body>
</office:document>
`);
EOF
}

# An article page wrapped in site chrome: skip link, header, nav, aside, footer, script.
gen_html() { # txt title out.html
  node --input-type=module - "$1" "$2" "$3" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
const [src, title, dest] = process.argv.slice(2);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paras = readFileSync(src, 'utf8').split(/\n\s*\n/)
  .map((b) => b.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' '))
  .filter(Boolean)
  .map((p) => `      <p>${esc(p)}</p>`).join('\n');
writeFileSync(dest, `<!DOCTYPE html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <title>${esc(title)} &ndash; Rijksoverheid.nl</title>
  <style>body { font-family: sans-serif; } nav a { margin-right: 1em; }</style>
  <script>window.analytics = { track: function () { return 'tracking-script-text'; } };</script>
</head>
<body>
  <a class="skip" href="#main">Naar hoofdinhoud</a>
  <header class="site-header">
    <div class="logo">Rijksoverheid &ndash; Ministerie van Economische Zaken</div>
    <form role="search"><input name="q" placeholder="Zoeken"><button>Zoeken</button></form>
  </header>
  <nav aria-label="Hoofdmenu">
    <ul>
      <li><a href="/onderwerpen">Onderwerpen</a></li>
      <li><a href="/ministeries">Ministeries</a></li>
      <li><a href="/documenten">Documenten &amp; publicaties</a></li>
      <li><a href="/contact">Contact</a></li>
    </ul>
  </nav>
  <main id="main">
    <article>
      <h1>${esc(title)}</h1>
      <p class="meta">Kamerstuk: Kamerbrief | 28-05-2026</p>
${paras}
    </article>
    <aside class="related">
      <h2>Gerelateerde documenten</h2>
      <ul><li><a href="/doc/1">Geannoteerde agenda informele Telecomraad</a></li></ul>
    </aside>
  </main>
  <footer class="site-footer">
    <p>Dit is een website van de Rijksoverheid. Privacy &middot; Cookies &middot; Toegankelijkheid</p>
  </footer>
  <script>window.analytics.track('pageview');</script>
</body>
</html>
`);
EOF
}

# A PDF with two pages of vector drawing only: what a scan without OCR looks like to us.
gen_drawing_pdf() { # out.pdf
  node --input-type=module - "$1" <<'EOF'
import { writeFileSync } from 'node:fs';
const draw = '0 0 1 RG 2 w 72 72 m 520 770 l S 0.8 g 100 400 200 150 re f';
const objs = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << >> >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << >> >>',
  `<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`,
];
let pdf = '%PDF-1.4\n';
const offsets = objs.map((o, i) => { const at = pdf.length; pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; return at; });
const xref = pdf.length;
pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
writeFileSync(process.argv[2], pdf, 'latin1');
EOF
}

gen_fodt "$k2022" "Verslag informele Telecomraad 8-9 maart 2022" "$tmp/kamerbrief-2022.fodt"
gen_fodt "$k2026" "Verslag informele Telecomraad 29-30 april 2026" "$tmp/kamerbrief-2026.fodt"
gen_fodt "$r2017" "Raadsconclusies cyberbeveiliging 14435/17" "$tmp/raadsconclusies-2017.fodt"

lo=(soffice --headless "-env:UserInstallation=file://$tmp/lo-profile")
"${lo[@]}" --convert-to pdf --outdir "$tmp" "$tmp/kamerbrief-2022.fodt" "$tmp/kamerbrief-2026.fodt" >/dev/null
"${lo[@]}" --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/kamerbrief-2022.fodt" "$tmp/raadsconclusies-2017.fodt" >/dev/null

cp "$tmp/kamerbrief-2022.pdf" "$tmp/kamerbrief-2026.pdf" "$tmp/kamerbrief-2022.docx" "$tmp/raadsconclusies-2017.docx" "$out/"
gen_html "$k2026" "Verslag informele Telecomraad 29-30 april 2026" "$out/kamerbrief-2026.html"
install -m 644 "$k2022" "$out/kamerbrief-2022.txt"

# Failure fixtures.
qpdf --encrypt geheim eigenaar 256 -- "$tmp/kamerbrief-2022.pdf" "$out/encrypted.pdf"
head -c 2000 "$tmp/kamerbrief-2022.pdf" > "$out/truncated.pdf"
gen_drawing_pdf "$out/no-text-layer.pdf"
# The central directory is at the end of a zip: cutting the tail leaves a broken archive.
head -c "$(( $(stat -c %s "$tmp/kamerbrief-2022.docx") * 2 / 3 ))" "$tmp/kamerbrief-2022.docx" > "$out/damaged.docx"
iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT "$k2022" > "$out/latin1.txt"
: > "$out/empty.txt"
# Deterministic "random" bytes, so regenerating gives the same file.
node -e 'const { createHash } = require("node:crypto"); let b = Buffer.alloc(0), h = Buffer.from("kamerlens");
  while (b.length < 4096) { h = createHash("sha256").update(h).digest(); b = Buffer.concat([b, h]); }
  process.stdout.write(b)' > "$out/random.bin"

ls -l "$out"
du -sh "$out"
