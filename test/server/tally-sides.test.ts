/** A vote's list row names who voted how: parties per side, not a roll call of 150 members. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TkBesluitRef, TkVoteRow } from '../../src/service/tk.js';
import { tallySides } from '../../src/server/views/tk/common.js';

const row = (naam: string, soort: string, zetels: number): TkVoteRow => ({ naam, fractieId: null, persoonId: null, soort, zetels, vergissing: false, url: null });
const besluit = (rows: TkVoteRow[]): TkBesluitRef => ({
  id: 'b', soort: null, tekst: null, stemmingsSoort: null, opmerking: null, status: null, datum: null, zaak: null, activiteit: null, url: '/stemmingen/b',
  tally: { voor: 0, tegen: 0, nietDeelgenomen: 0, rows, vergissingen: [] },
});

describe('tallySides', () => {
  it('names the parties per side, in the tally’s order, leaving out who did not take part', () => {
    const b = besluit([row('VVD', 'Voor', 24), row('D66', 'voor', 9), row('PVV', 'Tegen', 37), row('BBB', 'Niet deelgenomen', 7)]);
    assert.equal(tallySides(b), 'voor: VVD, D66; tegen: PVV');
    assert.equal(tallySides(besluit([row('PVV', 'Tegen', 9)])), 'tegen: PVV');
  });

  it('names nobody for a roll call, no votes, or only abstentions', () => {
    const rollCall = Array.from({ length: 150 }, (_, i) => row(`Lid ${i}`, i % 2 ? 'Voor' : 'Tegen', 1));
    assert.equal(tallySides(besluit(rollCall)), null);
    assert.equal(tallySides(besluit([])), null);
    assert.equal(tallySides(besluit([row('BBB', 'Niet deelgenomen', 7)])), null);
    assert.equal(tallySides({ ...besluit([]), tally: null }), null);
  });
});
