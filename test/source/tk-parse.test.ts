/** The lenient SyncFeed parser on snippets in the real format, quirks included. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TkFeedError, normalizeTimestamp, parseFeedPage, skiptokenOf } from '../../src/source/tk/index.js';

const NS = 'http://www.tweedekamer.nl/xsd/tkData/v1-0';
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const ID = '0f9b3a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const BASE = 'https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0';

const feed = (entries: string, next: string | null = null) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Tweede Kamer</title>
  ${next ? `<link rel="next" href="${BASE}/Feed?category=Document&amp;skiptoken=${next}"/>` : '<link rel="resume" href="x"/>'}
  ${entries}
</feed>`;

const entry = (content: string, token = '25000123', extra = '') => `<entry>
  <title>${ID}</title><updated>2025-03-03T12:41:07.1230000+01:00</updated>
  <category term="Document"/>
  <link rel="next" href="${BASE}/Feed?category=Document&amp;skiptoken=${token}"/>${extra}
  <content type="application/xml">${content}</content>
</entry>`;

describe('parseFeedPage', () => {
  it('reads a Document entry with tk: prefixes, refs, nils, file attributes and cursors', () => {
    const page = parseFeedPage(feed(entry(`
      <tk:document id="${ID.toUpperCase()}" tk:bijgewerkt="2025-03-03T12:41:07.1230000Z" tk:verwijderd="false"
          tk:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document" tk:contentLength="46860"
          xmlns:tk="${NS}" ${XSI}>
        <tk:huidigeDocumentVersie ref="11111111-2222-4333-a444-555555555555"/>
        <tk:zaak ref="6d7629c7-1645-435b-a1f4-b26f024ae929"/>
        <tk:zaak ref="7d7629c7-1645-435b-a1f4-b26f024ae929"/>
        <tk:soort>Verslag van een schriftelijk overleg</tk:soort>
        <tk:documentNummer>2025D08504</tk:documentNummer>
        <tk:titel>Raad voor Vervoer, Telecommunicatie &amp; Energie</tk:titel>
        <tk:citeertitel xsi:nil="true"/>
        <tk:volgnummer>1113</tk:volgnummer>
      </tk:document>`, '25000123', `<link rel="enclosure" href="${BASE}/Resources/${ID}"/>`), '25000123'));
    assert.equal(page.next, '25000123');
    const [e] = page.entries;
    assert.ok(e);
    assert.equal(e.cursor, '25000123');
    assert.equal(e.enclosure, `${BASE}/Resources/${ID}`);
    assert.equal(e.entity.id, ID, 'ids are lower-cased');
    assert.equal(e.entity.category, 'Document');
    assert.equal(e.entity.updated, '2025-03-03T12:41:07.123Z');
    assert.equal(e.entity.deleted, false);
    assert.deepEqual(e.entity.file, { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', contentLength: 46860 });
    assert.deepEqual(e.entity.fields, {
      soort: 'Verslag van een schriftelijk overleg', documentNummer: '2025D08504',
      titel: 'Raad voor Vervoer, Telecommunicatie & Energie', citeertitel: null, volgnummer: '1113',
    });
    assert.deepEqual(e.entity.refs.map((r) => r.name), ['huidigeDocumentVersie', 'zaak', 'zaak']);
  });

  it('accepts the default namespace and ns1: alike, True booleans and unknown elements', () => {
    for (const p of ['', 'ns1:']) {
      const decl = p ? `xmlns:ns1="${NS}"` : `xmlns="${NS}" xmlns:tk="${NS}"`;
      const a = p || 'tk:';
      const page = parseFeedPage(feed(entry(`<${p}zaak id="${ID}" ${a}bijgewerkt="2025-04-15T07:30:00+02:00" ${a}verwijderd="False" ${decl} ${XSI}>
        <${p}nummer>2025Z03735</${p}nummer><${p}afgedaan>True</${p}afgedaan><${p}nieuwVeld>iets</${p}nieuwVeld>
      </${p}zaak>`)));
      const e = page.entries[0]!.entity;
      assert.equal(e.deleted, false);
      assert.equal(e.updated, '2025-04-15T05:30:00.000Z');
      assert.deepEqual(e.fields, { nummer: '2025Z03735', afgedaan: 'true', nieuwVeld: 'iets' });
      assert.equal(page.next, null);
    }
  });

  it('keeps every value of a repeated single-valued field and flattens nested elements', () => {
    const page = parseFeedPage(feed(entry(`<persoonNevenfunctie id="${ID}" bijgewerkt="2024-02-01T12:00:00" verwijderd="false" xmlns="${NS}" ${XSI}>
      <omschrijving>Bestuurslid</omschrijving><omschrijving>Voorzitter</omschrijving>
      <periode><van>2021-05</van><totEnMet xsi:nil="true"/></periode>
    </persoonNevenfunctie>`)));
    const e = page.entries[0]!.entity;
    assert.deepEqual(e.fields, { omschrijving: ['Bestuurslid', 'Voorzitter'], 'periode.van': '2021-05', 'periode.totEnMet': null });
    assert.equal(e.category, 'Document', 'the entry category wins over the element name');
    assert.equal(e.updated, '2024-02-01T11:00:00.000Z', 'no zone is Amsterdam time (CET in winter)');
  });

  it('reads a deletion, with or without content', () => {
    const page = parseFeedPage(feed(
      entry(`<tk:stemming id="${ID}" tk:bijgewerkt="2025-03-12T08:00:00Z" tk:verwijderd="TRUE" xmlns:tk="${NS}"/>`) +
      `<entry><title>1f9b3a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b</title><updated>2025-03-12T08:00:00Z</updated><category term="Stemming"/>
        <link rel="next" href="${BASE}/Feed?category=Stemming&amp;skiptoken=9"/></entry>`,
    ));
    assert.deepEqual(page.entries.map((e) => [e.entity.deleted, e.cursor]), [[true, '25000123'], [true, '9']]);
    assert.deepEqual(page.entries[0]!.entity.fields, {});
  });

  it('decodes entities and character references in text and attributes', () => {
    const page = parseFeedPage(feed(entry(`<zaak id="${ID}" xmlns="${NS}"><titel>Caf&#233; &amp; co &#x2013; &lt;b&gt; &quot;x&quot; &apos;y&apos; &onbekend;</titel></zaak>`)));
    assert.equal(page.entries[0]!.entity.fields['titel'], 'Café & co – <b> "x" \'y\' &onbekend;');
  });

  it('reads CDATA as written, skips comments, processing instructions and a DOCTYPE without expanding it', () => {
    const page = parseFeedPage(`<?xml version="1.0"?>
<!DOCTYPE feed [ <!ENTITY boom "BOOM"> ]>
<feed xmlns="http://www.w3.org/2005/Atom"><!-- a comment with <tags> -->
${entry(`<zaak id='${ID}' xmlns="${NS}"><titel><![CDATA[a <b> &amp; c]]></titel><onderwerp>&boom;</onderwerp><?pi x?></zaak>`)}
</feed>`);
    assert.deepEqual(page.entries[0]!.entity.fields, { titel: 'a <b> &amp; c', onderwerp: '&boom;' });
  });

  it('an empty caught-up page has no entries and no next', () => {
    assert.deepEqual(parseFeedPage(feed('')), { entries: [], next: null });
  });

  it('malformed, truncated or non-feed XML is a retryable TkFeedError', () => {
    const full = feed(entry(`<zaak id="${ID}" xmlns="${NS}"><nummer>1</nummer></zaak>`));
    const broken = [
      full.replace('</nummer>', '</nummr>'),
      full.replace('</zaak>', ''),
      full.replace(`id="${ID}"`, `id=${ID}`),
      full.replace('<nummer>', '<nummer'),
      `${full.slice(0, full.indexOf('<entry>'))}<entry><!-- cut </feed>`,
    ];
    for (const bad of [full.slice(0, full.length / 2), full.slice(0, -20), '<html><body><h1>502 Bad Gateway</h1></body>', '<rss></rss>', '', ...broken]) {
      assert.throws(() => parseFeedPage(bad), (e: unknown) => e instanceof TkFeedError && e.retryable);
    }
  });
});

describe('feed helpers', () => {
  it('normalizes timestamps in every zone form', () => {
    assert.equal(normalizeTimestamp('2025-03-03T12:41:07Z'), '2025-03-03T12:41:07.000Z');
    assert.equal(normalizeTimestamp('2025-03-03T12:41:07.1234567+01:00'), '2025-03-03T11:41:07.123Z');
    assert.equal(normalizeTimestamp('2025-03-03T12:41:07-0500'), '2025-03-03T17:41:07.000Z');
    // No zone: Amsterdam local time, as the real feed's tk:bijgewerkt (CET in winter, CEST in summer).
    assert.equal(normalizeTimestamp('2025-03-03T12:41:07'), '2025-03-03T11:41:07.000Z');
    assert.equal(normalizeTimestamp('2026-09-10T13:30:01.8670000'), '2026-09-10T11:30:01.867Z');
    assert.equal(normalizeTimestamp('2025-03-03'), '2025-03-02T23:00:00.000Z');
    // Either side of the switches to and from summer time (30 March and 26 October 2025).
    assert.equal(normalizeTimestamp('2025-03-30T01:59:00'), '2025-03-30T00:59:00.000Z');
    assert.equal(normalizeTimestamp('2025-03-30T03:00:00'), '2025-03-30T01:00:00.000Z');
    assert.equal(normalizeTimestamp('2025-10-26T01:59:00'), '2025-10-25T23:59:00.000Z');
    assert.equal(normalizeTimestamp('2025-10-26T03:00:00'), '2025-10-26T02:00:00.000Z');
    assert.equal(normalizeTimestamp('gisteren'), null);
  });

  it('reads a time without zone as Amsterdam wall time in every year, as the time-zone database does', () => {
    // The fast path uses the EU summer-time rule where the database agrees (1996 on); before
    // that (September ends until 1995) it asks the database. Every 3 h 1 min over 40 years.
    const wallOf = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    let checked = 0;
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2031, 0, 1); t += 181 * 60_000) {
      const wall = wallOf.format(new Date(t)).replace(' ', 'T');
      const got = Date.parse(normalizeTimestamp(wall)!);
      // Only the repeated autumn hour may differ: it cannot be told apart and is read as winter time.
      const repeated = wallOf.format(new Date(t + 3_600_000)).replace(' ', 'T') === wall;
      assert.equal(got, repeated ? t + 3_600_000 : t, `${wall} → ${new Date(got).toISOString()}`);
      checked++;
    }
    assert.ok(checked > 100_000);
  });

  it('reads skiptokens from links', () => {
    assert.equal(skiptokenOf(`${BASE}/Feed?category=Zaak&skiptoken=25123456`), '25123456');
    assert.equal(skiptokenOf(`${BASE}/Feed?skiptoken=7&category=Zaak`), '7');
    assert.equal(skiptokenOf(`${BASE}/Feed?category=Zaak`), null);
  });
});
