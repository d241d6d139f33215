/**
 * A small, realistic Tweede Kamer world for the fake SyncFeed: the four sample documents
 * with their zaken, dossier, signatories, the Telecom Council activities, commissie Digitale
 * Zaken, fracties and MPs, a motie with stemmingen, toezeggingen, a VLOS verslag — plus the
 * awkward parts of the real feed: a deletion, a re-sent entity, a missing file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'data', 'sample');

/** One feed event: an entity state as the feed sends it, in global feed order. */
export interface WorldEntity {
  category: string;
  /** The XML element name (`document`, `fractieZetelPersoon`). */
  element: string;
  id: string;
  /** `bijgewerkt` exactly as rendered: with `Z`, with `+01:00`, or without a zone. */
  updated: string;
  deleted?: boolean;
  /** Reference elements (`<zaak ref="…"/>`), rendered first as in the XSDs. */
  refs: [string, string][];
  /** Value elements in XSD order; null renders `xsi:nil="true"`; a nested list renders children. */
  fields: [string, string | null | [string, string | null][]][];
  file?: { contentType: string; bytes: Uint8Array; missing?: boolean };
}

export interface World {
  events: WorldEntity[];
}

/** A stable GUID for a name, so that the world is the same on every build. */
export function guid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

type Fields = WorldEntity['fields'];

function make(category: string, key: string, updated: string, refs: [string, string][], fields: Fields, extra: Partial<WorldEntity> = {}): WorldEntity {
  return { category, element: lower(category), id: guid(`${category}:${key}`), updated, refs, fields, ...extra };
}

const sample = (name: string) => new Uint8Array(readFileSync(join(SAMPLE_DIR, name)));

/** The VLOS report of a plenary sitting (namespace of xsd/vlos/VLOS2.0.xsd), kept short. */
const VLOS = `<?xml version="1.0" encoding="utf-8"?>
<vlosdocument xmlns="http://www.tweedekamer.nl/vlos2" soort="Eindpublicatie" status="Gecorrigeerd" versie="1">
  <vergadering soort="Plenair" kamer="Tweede Kamer" objectid="${guid('Vergadering:2025-03-11')}">
    <titel>Plenaire vergadering 11 maart 2025</titel>
    <vergaderingnummer>58</vergaderingnummer>
    <datum>2025-03-11T00:00:00</datum>
    <activiteit soort="Stemmingen" objectid="${guid('Activiteit:stemmingen-2025-03-11')}">
      <titel>Stemmingen moties Telecomraad</titel>
      <activiteititem>
        <tekst><alinea><alineaitem>In stemming komt de motie-Kathmann (21501-33, nr. 1115).</alineaitem></alinea>
        <alinea><alineaitem>De voorzitter: Ik constateer dat deze motie is aangenomen.</alineaitem></alinea></tekst>
      </activiteititem>
    </activiteit>
  </vergadering>
</vlosdocument>
`;

// A few bytes that begin and end like a JPEG: the photo enclosure of a person.
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

interface Party {
  key: string;
  afkorting: string;
  naam: string;
  naamEn: string;
  zetels: number;
  stemmen: number;
}

const PARTIES: Party[] = [
  { key: 'PVV', afkorting: 'PVV', naam: 'Partij voor de Vrijheid', naamEn: 'Party for Freedom', zetels: 37, stemmen: 2450878 },
  { key: 'GL-PvdA', afkorting: 'GroenLinks-PvdA', naam: 'GroenLinks-PvdA', naamEn: 'GreenLeft-Labour', zetels: 25, stemmen: 1643073 },
  { key: 'VVD', afkorting: 'VVD', naam: 'Volkspartij voor Vrijheid en Democratie', naamEn: "People's Party for Freedom and Democracy", zetels: 24, stemmen: 1589519 },
  { key: 'NSC', afkorting: 'NSC', naam: 'Nieuw Sociaal Contract', naamEn: 'New Social Contract', zetels: 20, stemmen: 1343287 },
  { key: 'D66', afkorting: 'D66', naam: 'Democraten 66', naamEn: 'Democrats 66', zetels: 9, stemmen: 656292 },
];

interface Person {
  key: string;
  initialen: string;
  voornamen: string;
  roepnaam: string;
  tussenvoegsel: string | null;
  achternaam: string;
  geslacht: string;
  functie: string;
  party: string | null;
}

const PEOPLE: Person[] = [
  { key: 'beljaarts', initialen: 'D.S.', voornamen: 'Dirk Sjoerd', roepnaam: 'Dirk', tussenvoegsel: null, achternaam: 'Beljaarts', geslacht: 'man', functie: 'Minister van Economische Zaken', party: null },
  { key: 'vanweel', initialen: 'D.M.', voornamen: 'David Maarten', roepnaam: 'David', tussenvoegsel: 'van', achternaam: 'Weel', geslacht: 'man', functie: 'Minister van Justitie en Veiligheid', party: null },
  { key: 'szabo', initialen: 'Zs.', voornamen: 'Zsolt', roepnaam: 'Zsolt', tussenvoegsel: null, achternaam: 'Szabó', geslacht: 'man', functie: 'Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties', party: null },
  { key: 'adriaansens', initialen: 'M.A.M.', voornamen: 'Maria Anna Micha', roepnaam: 'Micky', tussenvoegsel: null, achternaam: 'Adriaansens', geslacht: 'vrouw', functie: 'Minister van Economische Zaken en Klimaat', party: null },
  { key: 'aerdts', initialen: 'W.J.M.', voornamen: 'Willem Jan Maria', roepnaam: 'Willem', tussenvoegsel: null, achternaam: 'Aerdts', geslacht: 'man', functie: 'Staatssecretaris van Economische Zaken en Klimaat', party: null },
  { key: 'vanweerdenburg', initialen: 'D.', voornamen: 'Danai', roepnaam: 'Danai', tussenvoegsel: 'van', achternaam: 'Weerdenburg', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'PVV' },
  { key: 'kathmann', initialen: 'B.C.', voornamen: 'Barbara Catharina', roepnaam: 'Barbara', tussenvoegsel: null, achternaam: 'Kathmann', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'GL-PvdA' },
  { key: 'veltman', initialen: 'H.', voornamen: 'Hester', roepnaam: 'Hester', tussenvoegsel: null, achternaam: 'Veltman', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'VVD' },
  { key: 'sixdijkstra', initialen: 'J.P.', voornamen: 'Jesse Pieter', roepnaam: 'Jesse', tussenvoegsel: null, achternaam: 'Six Dijkstra', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'NSC' },
  { key: 'sneller', initialen: 'J.', voornamen: 'Joost', roepnaam: 'Joost', tussenvoegsel: null, achternaam: 'Sneller', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'D66' },
];

export const IDS = {
  fractie: (key: string) => guid(`Fractie:${key}`),
  persoon: (key: string) => guid(`Persoon:${key}`),
  commissieDiZa: guid('Commissie:DiZa'),
  dossier21501_33: guid('Kamerstukdossier:21501-33'),
  zaakVerslag2025: guid('Zaak:2025Z03735'),
  zaakMotie: guid('Zaak:2025Z04410'),
  doc2025: guid('Document:2025D08504'),
  doc2022: guid('Document:2022D14467'),
  doc2026: guid('Document:2026D21978'),
  doc2017: guid('Document:2017D33112'),
  docMotie: guid('Document:2025D10230'),
  besluitMotie: guid('Besluit:motie-kathmann'),
  stemmingDeleted: guid('Stemming:motie-kathmann:VVD-vergissing'),
  verslag: guid('Verslag:2025-03-11'),
  activiteit2025: guid('Activiteit:2025A01012'),
} as const;

/** The world: every entity state in the order the feed sends them (global skiptoken order). */
export function buildWorld(): World {
  const ev: WorldEntity[] = [];
  const push = (...e: WorldEntity[]) => ev.push(...e);

  for (const p of PARTIES) {
    push(make('Fractie', p.key, '2023-12-06T09:12:44.2870000Z', [], [
      ['nummer', String(10_000 + PARTIES.indexOf(p))], ['afkorting', p.afkorting], ['naamNl', p.naam], ['naamEn', p.naamEn],
      ['aantalZetels', String(p.zetels)], ['aantalStemmen', String(p.stemmen)], ['datumActief', '2023-12-06'], ['datumInactief', null],
    ]));
  }

  for (const [i, p] of PEOPLE.entries()) {
    const photo = p.key === 'kathmann' ? { file: { contentType: 'image/jpeg', bytes: PHOTO } } : {};
    push(make('Persoon', p.key, i % 2 ? '2025-01-14T10:00:00+01:00' : '2025-01-14T09:00:00', [], [
      ['nummer', String(4000 + i)], ['titels', null], ['initialen', p.initialen], ['tussenvoegsel', p.tussenvoegsel],
      ['achternaam', p.achternaam], ['voornamen', p.voornamen], ['roepnaam', p.roepnaam], ['geslacht', p.geslacht],
      ['functie', p.functie], ['woonplaats', "'s-Gravenhage"], ['land', 'NL'], ['fractielabel', p.party ? PARTIES.find((x) => x.key === p.party)!.afkorting : null],
      // An element no XSD declares: kept, not fatal.
      ...(p.key === 'sneller' ? ([['websiteUrl', 'https://www.tweedekamer.nl/kamerleden_en_commissies/alle_kamerleden/sneller-j']] as Fields) : []),
    ], photo));
  }

  for (const p of PEOPLE.filter((x) => x.party)) {
    const zetel = make('FractieZetel', p.key, '2023-12-06T10:00:00Z', [['fractie', IDS.fractie(p.party!)]], [['gewicht', String(PEOPLE.indexOf(p))]]);
    push(zetel, make('FractieZetelPersoon', p.key, '2023-12-06T10:00:00Z', [['fractieZetel', zetel.id], ['persoon', IDS.persoon(p.key)]], [
      ['functie', p.key === 'sneller' ? 'Fractievoorzitter' : 'Lid'], ['van', '2023-12-06'], ['totEnMet', null],
    ]));
  }

  push(make('Commissie', 'DiZa', '2024-07-02T08:30:00Z', [], [
    ['nummer', '2024A03841'], ['soort', 'Vaste commissie'], ['afkorting', 'DiZa'], ['naamNl', 'vaste commissie voor Digitale Zaken'],
    ['naamEn', 'Standing Committee on Digital Affairs'], ['naamWebNl', 'Digitale Zaken'], ['naamWebEn', 'Digital Affairs'],
    ['inhoudsopgave', 'Digitalisering'], ['datumActief', '2022-03-31'], ['datumInactief', null],
  ]));
  for (const key of ['kathmann', 'sixdijkstra', 'sneller']) {
    const zetel = make('CommissieZetel', key, '2024-07-02T08:30:00Z', [['commissie', IDS.commissieDiZa]], [['gewicht', '1']]);
    push(zetel, make('CommissieZetelVastPersoon', key, '2024-07-02T08:30:00Z', [['commissieZetel', zetel.id], ['persoon', IDS.persoon(key)]], [
      ['functie', key === 'sixdijkstra' ? 'Voorzitter' : 'Lid'], ['van', '2023-12-07'], ['totEnMet', null],
    ]));
  }

  push(make('PersoonNevenfunctie', 'sneller-1', '2024-02-01T12:00:00Z', [['persoon', IDS.persoon('sneller')]], [
    ['omschrijving', 'Bestuurslid Stichting Open Democratie'], ['isActief', 'True'],
    ['periode', [['van', '2021-05'], ['totEnMet', null]]], ['vergoeding', [['soort', 'Onbezoldigd'], ['toelichting', null]]],
  ]));

  push(make('Kamerstukdossier', '21501-33', '2025-03-03T12:41:07.1230000Z', [], [
    ['titel', 'Raad voor Vervoer, Telecommunicatie en Energie'], ['citeertitel', null], ['alias', null],
    ['nummer', '21501'], ['toevoeging', '33'], ['hoogsteVolgnummer', '1113'], ['afgesloten', 'false'], ['kamer', 'Tweede Kamer'],
  ]));

  const zaak = (nummer: string, soort: string, onderwerp: string, gestart: string, volg: string, extra: Fields = []) =>
    make('Zaak', nummer, `${gestart}T12:00:00Z`, [['kamerstukdossier', IDS.dossier21501_33]], [
      ['nummer', nummer], ['soort', soort], ['onderwerp', onderwerp], ['gestartOp', `${gestart}T00:00:00+01:00`],
      ['organisatie', 'Tweede Kamer der Staten-Generaal'], ['vergaderjaar', gestart < '2025-09' ? '2024-2025' : '2025-2026'],
      ['volgnummer', volg], ['afgedaan', 'false'], ['grootProject', 'false'], ...extra,
    ]);
  const zaakVerslag = zaak('2025Z03735', 'Verslag van een schriftelijk overleg', 'Verslag van een schriftelijk overleg over de Telecomraad (informeel) 4-5 maart 2025', '2025-02-28', '1113');
  push(zaakVerslag);
  push(zaak('2022Z07318', 'Brief regering', 'Verslag van de informele Telecomraad van 8-9 maart 2022', '2022-04-11', '1030'));
  push(zaak('2026Z10412', 'Brief regering', 'Verslag informele Telecomraad 29-30 april 2026', '2026-05-28', '1160'));
  push(zaak('2025Z04410', 'Motie', 'Motie van het lid Kathmann over het versterken van de Europese digitale autonomie', '2025-03-06', '1115', [['status', 'Vrijgegeven']]));

  push(
    make('ZaakActor', '2025Z03735-DiZa', '2025-02-28T12:00:00Z', [['zaak', IDS.zaakVerslag2025], ['commissie', IDS.commissieDiZa]], [
      ['actorNaam', 'vaste commissie voor Digitale Zaken'], ['actorAfkorting', 'DiZa'], ['relatie', 'Voortouwcommissie'],
    ]),
    make('ZaakActor', '2025Z04410-kathmann', '2025-03-06T12:00:00Z', [['zaak', IDS.zaakMotie], ['persoon', IDS.persoon('kathmann')], ['fractie', IDS.fractie('GL-PvdA')]], [
      ['actorNaam', 'B.C. Kathmann'], ['actorFractie', 'GroenLinks-PvdA'], ['relatie', 'Indiener'],
    ]),
  );

  const doc = (nummer: string, zaakNr: string | null, soort: string, titel: string, onderwerp: string, datum: string, volg: string | null, file: WorldEntity['file']) =>
    make('Document', nummer, `${datum}T12:41:07.1230000Z`, [
      ...(zaakNr ? ([['zaak', guid(`Zaak:${zaakNr}`)]] as [string, string][]) : []),
      ['kamerstukdossier', IDS.dossier21501_33],
    ], [
      ['soort', soort], ['documentNummer', nummer], ['titel', titel], ['onderwerp', onderwerp], ['datum', `${datum}T00:00:00`],
      ...(volg ? ([['volgnummer', volg]] as Fields) : []), ['vergaderjaar', datum < '2025-09' && datum > '2024-09' ? '2024-2025' : `${datum.slice(0, 4)}-${Number(datum.slice(0, 4)) + 1}`],
      ['kamer', '2'], ['citeertitel', null], ['alias', null], ['datumRegistratie', `${datum}T10:15:00+01:00`], ['organisatie', 'Tweede Kamer der Staten-Generaal'],
    ], { file });
  const txt = (name: string) => ({ contentType: 'text/plain', bytes: sample(name) });
  push(doc('2025D08504', '2025Z03735', 'Verslag van een schriftelijk overleg', 'Raad voor Vervoer, Telecommunicatie en Energie',
    'Verslag van een schriftelijk overleg over de Telecomraad (informeel) 4-5 maart 2025', '2025-03-03', '1113',
    txt('2025-03-03-verslag-schriftelijk-overleg-informele-telecomraad-maart-2025.txt')));
  push(doc('2022D14467', '2022Z07318', 'Brief regering', 'Raad voor Vervoer, Telecommunicatie en Energie',
    'Verslag van de informele Telecomraad van 8-9 maart 2022', '2022-04-11', '1030',
    txt('2022-04-11-kamerbrief-verslag-informele-telecomraad-maart-2022.txt')));
  push(doc('2026D21978', '2026Z10412', 'Brief regering', 'Raad voor Vervoer, Telecommunicatie en Energie',
    'Verslag informele Telecomraad 29-30 april 2026', '2026-05-28', '1160',
    txt('2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt')));
  push(doc('2017D33112', null, 'Bijlage', 'Raadsconclusies cyberbeveiliging', 'Conclusies van de Raad over weerbaarheid, afschrikking en defensie: bouwen aan sterke cyberbeveiliging voor de EU (14435/17)',
    '2017-11-20', null, txt('2017-11-20-raadsconclusies-cyberbeveiliging-14435-17.txt')));
  // Upstream lists a file for this motie that it cannot serve (404).
  push(doc('2025D10230', '2025Z04410', 'Motie', 'Raad voor Vervoer, Telecommunicatie en Energie',
    'Motie van het lid Kathmann over het versterken van de Europese digitale autonomie', '2025-03-06', '1115',
    { contentType: 'application/pdf', bytes: new Uint8Array(31_337), missing: true }));

  push(make('DocumentVersie', '2025D08504-1', '2025-03-03T12:41:07Z', [['document', IDS.doc2025]], [
    ['status', 'Openbaar'], ['versienummer', '1'], ['bestandsgrootte', '46860'], ['extensie', '.docx'], ['datum', '2025-03-03T12:41:07Z'],
  ]));
  const signer = (docId: string, docNr: string, key: string, functie: string) =>
    make('DocumentActor', `${docNr}-${key}`, '2025-03-03T12:41:07Z', [['document', docId], ['persoon', IDS.persoon(key)]], [
      ['actorNaam', PEOPLE.find((p) => p.key === key)!.initialen + ' ' + [PEOPLE.find((p) => p.key === key)!.tussenvoegsel, PEOPLE.find((p) => p.key === key)!.achternaam].filter(Boolean).join(' ')],
      ['functie', functie], ['relatie', 'Ondertekenaar'],
    ]);
  push(
    signer(IDS.doc2025, '2025D08504', 'beljaarts', 'Minister van Economische Zaken'),
    signer(IDS.doc2025, '2025D08504', 'vanweel', 'Minister van Justitie en Veiligheid'),
    signer(IDS.doc2025, '2025D08504', 'szabo', 'Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties'),
    signer(IDS.doc2022, '2022D14467', 'adriaansens', 'Minister van Economische Zaken en Klimaat'),
    signer(IDS.doc2026, '2026D21978', 'aerdts', 'Staatssecretaris van Economische Zaken en Klimaat'),
  );

  const activiteit = (nummer: string, soort: string, onderwerp: string, datum: string, locatie: string) =>
    make('Activiteit', nummer, `${datum}T16:00:00Z`, [['voortouwcommissie', IDS.commissieDiZa]], [
      ['soort', soort], ['nummer', nummer], ['onderwerp', onderwerp], ['datumSoort', 'Dag'], ['datum', `${datum}T00:00:00+01:00`],
      ['aanvangstijd', `${datum}T10:00:00+01:00`], ['eindtijd', null], ['locatie', locatie], ['besloten', 'False'], ['status', 'Uitgevoerd'],
      ['vergaderjaar', '2024-2025'], ['kamer', 'Tweede Kamer'], ['noot', null], ['voortouwnaam', 'vaste commissie voor Digitale Zaken'],
      ['voortouwafkorting', 'DiZa'], ['voortouwkortenaam', 'Digitale Zaken'],
    ]);
  push(activiteit('2025A01012', 'Schriftelijk overleg', 'Informele Telecomraad 4-5 maart 2025 in Warschau', '2025-02-20', 'Schriftelijk'));
  push(activiteit('2022A02230', 'Schriftelijk overleg', 'Informele Telecomraad 8-9 maart 2022 in Parijs en Nevers', '2022-03-01', 'Schriftelijk'));
  push(activiteit('2026A04120', 'Commissiedebat', 'Informele Telecomraad 29-30 april 2026', '2026-04-22', 'Thorbeckezaal'));
  push(make('ActiviteitActor', '2025A01012-kathmann', '2025-02-20T16:00:00Z', [['activiteit', IDS.activiteit2025], ['persoon', IDS.persoon('kathmann')], ['fractie', IDS.fractie('GL-PvdA')]], [
    ['actorNaam', 'B.C. Kathmann'], ['actorFractie', 'GroenLinks-PvdA'], ['relatie', 'Deelnemer'], ['volgorde', '1'], ['functie', 'Tweede Kamerlid'],
  ]));
  push(make('Zaal', 'Thorbeckezaal', '2020-01-01T00:00:00Z', [], [['naam', 'Thorbeckezaal'], ['sysCode', '1021']]));
  push(make('Reservering', '2026A04120', '2026-04-01T09:00:00Z', [['activiteit', guid('Activiteit:2026A04120')], ['zaal', guid('Zaal:Thorbeckezaal')]], [
    ['nummer', 'RES-2026-0412'], ['statusCode', 'R'], ['statusNaam', 'Gereserveerd'], ['activiteitNummer', '2026A04120'],
  ]));

  // The plenary vote on the motie: activity, agenda item, decision, votes per fractie.
  const stemmingenAct = make('Activiteit', 'stemmingen-2025-03-11', '2025-03-11T18:00:00Z', [], [
    ['soort', 'Stemmingen'], ['nummer', '2025A01540'], ['onderwerp', 'Stemmingen'], ['datum', '2025-03-11T00:00:00+01:00'],
    ['locatie', 'Plenaire zaal'], ['besloten', 'false'], ['status', 'Uitgevoerd'], ['kamer', 'Tweede Kamer'],
  ]);
  const agendapunt = make('Agendapunt', 'stemmingen-motie-kathmann', '2025-03-11T18:00:00Z', [['activiteit', stemmingenAct.id]], [
    ['nummer', '1'], ['onderwerp', 'Stemmingen over moties ingediend bij het tweeminutendebat Telecomraad'], ['volgorde', '1'], ['rubriek', 'Moties'], ['status', 'Vrijgegeven'],
  ]);
  push(stemmingenAct, agendapunt);
  push(make('Besluit', 'motie-kathmann', '2025-03-11T18:05:00Z', [['agendapunt', agendapunt.id], ['zaak', IDS.zaakMotie]], [
    ['stemmingsSoort', 'Met handopsteken'], ['besluitSoort', 'Stemmen - aangenomen'], ['besluitTekst', 'Aangenomen.'], ['opmerking', null],
    ['status', 'Besluit'], ['agendapuntZaakBesluitVolgorde', '1'],
  ]));
  const votes: Record<string, 'Voor' | 'Tegen'> = { PVV: 'Tegen', 'GL-PvdA': 'Voor', VVD: 'Tegen', NSC: 'Voor', D66: 'Voor' };
  for (const p of PARTIES) {
    push(make('Stemming', `motie-kathmann:${p.key}`, '2025-03-11T18:05:00Z', [['besluit', IDS.besluitMotie], ['fractie', IDS.fractie(p.key)]], [
      ['soort', votes[p.key]!], ['fractieGrootte', String(p.zetels)], ['actorNaam', p.afkorting], ['actorFractie', p.afkorting], ['vergissing', 'false'],
    ]));
  }
  // A vote recorded by mistake; deleted further down the feed.
  push(make('Stemming', 'motie-kathmann:VVD-vergissing', '2025-03-11T18:06:00Z', [['besluit', IDS.besluitMotie], ['fractie', IDS.fractie('VVD')]], [
    ['soort', 'Voor'], ['fractieGrootte', '24'], ['actorNaam', 'VVD'], ['actorFractie', 'VVD'], ['vergissing', 'True'],
  ]));

  push(make('Toezegging', 'TZ202502-136', '2025-02-03T09:00:00Z', [['toegezegdAanPersoon', IDS.persoon('sixdijkstra')], ['activiteit', IDS.activiteit2025]], [
    ['aanmaakdatum', '2025-01-30T00:00:00'], ['nummer', 'TZ202502-136'], ['activiteitNummer', '2025A00412'], ['naam', 'Szabó'],
    ['initialen', 'Zs.'], ['voornaam', 'Zsolt'], ['functie', 'staatssecretaris Digitalisering en Koninkrijksrelaties'],
    ['status', 'Openstaand'], ['datumNakoming', '2025-06-30T00:00:00'], ['ministerie', 'Binnenlandse Zaken en Koninkrijksrelaties'],
    ['tekst', 'De staatssecretaris zal de Kamer voor de zomer informeren over de inzet op opkomende en toekomstige technologieën.'],
  ]));
  push(make('Toezegging', 'TZ202503-041', '2025-03-03T09:00:00Z', [['toegezegdAanFractie', IDS.fractie('GL-PvdA')], ['activiteit', IDS.activiteit2025]], [
    ['aanmaakdatum', '2025-03-03T00:00:00'], ['nummer', 'TZ202503-041'], ['activiteitNummer', '2025A01012'], ['naam', 'Beljaarts'],
    ['initialen', 'D.S.'], ['voornaam', 'Dirk'], ['functie', 'minister van Economische Zaken'], ['status', 'Openstaand'],
    ['datumNakoming', null], ['ministerie', 'Economische Zaken'],
    ['tekst', 'De minister stuurt de Kamer het verslag van de informele Telecomraad van 4-5 maart 2025 in Warschau.'],
  ]));

  const vergadering = make('Vergadering', '2025-03-11', '2025-03-11T23:00:00Z', [], [
    ['soort', 'Plenair'], ['titel', 'Plenaire vergadering 11 maart 2025'], ['zaal', 'Plenaire zaal'], ['vergaderjaar', '2024-2025'],
    ['vergaderingNummer', '58'], ['datum', '2025-03-11T00:00:00+01:00'], ['aanvangstijd', '2025-03-11T14:00:00+01:00'],
    ['sluiting', '2025-03-11T23:12:00+01:00'], ['kamer', 'Tweede Kamer'],
  ]);
  push(vergadering);
  push(make('Verslag', '2025-03-11', '2025-03-12T08:00:00Z', [['vergadering', vergadering.id]], [['soort', 'Eindpublicatie'], ['status', 'Gecorrigeerd']], {
    file: { contentType: 'application/xml', bytes: new TextEncoder().encode(VLOS) },
  }));

  // A bulk repair upstream re-sends an old zaak, now closed.
  push({ ...zaakVerslag, updated: '2025-04-15T07:30:00+02:00', fields: [...zaakVerslag.fields.map(([k, v]): Fields[number] => (k === 'afgedaan' ? [k, 'True'] : [k, v])), ['status', 'Afgedaan']] });
  push({ ...make('Stemming', 'motie-kathmann:VVD-vergissing', '2025-03-12T08:00:00Z', [], []), deleted: true });
  return { events: ev };
}

/** A large generated world for the benchmark: `count` entities over a few categories, no files. */
export function buildLargeWorld(count: number): World {
  const events: WorldEntity[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0) {
      events.push(make('Zaak', `bench-${i}`, '2025-03-03T12:41:07.1230000Z', [['kamerstukdossier', IDS.dossier21501_33], ['activiteit', guid(`Activiteit:bench-${i}`)]], [
        ['nummer', `2025Z${String(i).padStart(5, '0')}`], ['soort', 'Motie'], ['onderwerp', `Motie ${i} over digitale autonomie en cyberweerbaarheid van de Europese Unie`],
        ['gestartOp', '2025-03-06T00:00:00+01:00'], ['organisatie', 'Tweede Kamer der Staten-Generaal'], ['vergaderjaar', '2024-2025'],
        ['volgnummer', String(i)], ['afgedaan', 'false'], ['grootProject', 'false'],
      ]));
    } else if (kind === 1) {
      events.push(make('Stemming', `bench-${i}`, '2025-03-11T18:05:00+01:00', [['besluit', guid(`Besluit:bench-${i}`)], ['fractie', IDS.fractie('VVD')]], [
        ['soort', 'Voor'], ['fractieGrootte', '24'], ['actorNaam', 'VVD'], ['actorFractie', 'VVD'], ['vergissing', 'false'],
      ]));
    } else if (kind === 2) {
      events.push(make('Document', `bench-${i}`, '2025-03-03T12:41:07Z', [['zaak', guid(`Zaak:bench-${i - 2}`)]], [
        ['soort', 'Motie'], ['documentNummer', `2025D${String(i).padStart(5, '0')}`], ['titel', 'Raad voor Vervoer, Telecommunicatie en Energie'],
        ['onderwerp', `Motie ${i} over digitale autonomie`], ['datum', '2025-03-06T00:00:00'], ['volgnummer', String(i)], ['vergaderjaar', '2024-2025'],
        ['kamer', '2'], ['citeertitel', null], ['datumRegistratie', '2025-03-06T10:15:00+01:00'],
      ]));
    } else {
      events.push(make('Besluit', `bench-${i}`, '2025-03-11T18:05:00Z', [['agendapunt', guid(`Agendapunt:bench-${i}`)], ['zaak', guid(`Zaak:bench-${i - 3}`)]], [
        ['stemmingsSoort', 'Met handopsteken'], ['besluitSoort', 'Stemmen - aangenomen'], ['besluitTekst', 'Aangenomen.'], ['status', 'Besluit'],
      ]));
    }
  }
  return { events };
}

/** What a store must hold after a full sync: the last state of every entity not deleted. */
export function finalStates(world: World): Map<string, WorldEntity> {
  const out = new Map<string, WorldEntity>();
  for (const e of world.events) {
    if (e.deleted) out.delete(e.id);
    else out.set(e.id, e);
  }
  return out;
}
