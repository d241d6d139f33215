// meetingThreads (src/store/structure-index.ts): the rows of either backend's meeting query as threads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meetingThreads, type MeetingRow } from '../../src/store/structure-index.js';

const row = (doc: string, kind: string, date: string, fill: Partial<MeetingRow> = {}): MeetingRow => ({
  meeting_key: 'telecomraad-2025-03-04', body: 'Telecomraad', formal: null, start_date: '2025-03-04', end_date: null, location: null,
  doc_id: doc, title: `Titel ${doc}`, kind, date, questions: 1, commitments: 2, ...fill,
});

describe('meeting threads from rows', () => {
  it('counts a document once however often it names the meeting, keeps what any says, and orders by stage', () => {
    const [t, ...rest] = meetingThreads([
      row('verslag', 'verslag-raad', '2025-03-10', { location: 'Warschau' }),
      row('verslag', 'verslag-raad', '2025-03-10', { end_date: '2025-03-05' }),
      row('agenda', 'geannoteerde-agenda', '2025-02-20', { formal: false }),
      row('nota', 'nota', '2025-03-01', { formal: true }),
    ]);
    assert.equal(rest.length, 0);
    assert.deepEqual(t!.documents.map((d) => d.id), ['agenda', 'verslag', 'nota'], 'agenda, then verslag, then what is no stage');
    assert.deepEqual([t!.endDate, t!.location, t!.formal], ['2025-03-05', 'Warschau', false], 'the first thing any row says');
    assert.deepEqual([t!.questionCount, t!.commitmentCount], [3, 6], 'three documents, each counted once');
  });

  it('keeps meetings apart in the order their rows come, and a meeting of many documents whole', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => row(`d${String(i).padStart(5, '0')}`, 'kamerbrief', '2025-03-01'));
    const other = row('x', 'raadsconclusies', '2017-11-20', { meeting_key: 'raad-algemene-zaken-2017-11-20', body: 'Raad Algemene Zaken', start_date: '2017-11-20' });
    const threads = meetingThreads([...many, ...many, other]);
    assert.deepEqual(threads.map((t) => t.key), ['telecomraad-2025-03-04', 'raad-algemene-zaken-2017-11-20']);
    assert.equal(threads[0]!.documents.length, 5_000);
    assert.equal(threads[0]!.questionCount, 5_000);
  });
});
