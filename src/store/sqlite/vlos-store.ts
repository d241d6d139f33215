/**
 * The SQLite implementation of VlosStore (migration namespace `vlos`, apart from the feed's
 * own tables): one row per report holding it as JSON, and one row per speaker per debate
 * item for the person pages, both written in one transaction.
 */
import type { VlosReport } from '../../domain/vlos.js';
import type { StoredVlosReport, VlosReportWrite, VlosSpeechRow, VlosStore } from '../vlos-store.js';
import { applyMigrations, type SqliteDb } from './connection.js';
import { atomic, writerOf } from './unit-of-work.js';

export const VLOS_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE vlos_reports (
    verslag_id      TEXT PRIMARY KEY,
    vergadering_id  TEXT,
    verslag_updated TEXT,
    content_hash    TEXT NOT NULL,
    parser_version  INTEGER NOT NULL,
    titel           TEXT,
    datum           TEXT,
    report          TEXT NOT NULL,
    persons         TEXT NOT NULL,
    doc_id          TEXT,
    parsed_at       TEXT NOT NULL
  );
  CREATE INDEX vlos_reports_by_version ON vlos_reports (parser_version);

  CREATE TABLE vlos_speeches (
    verslag_id    TEXT NOT NULL,
    activity      INTEGER NOT NULL,
    speaker       TEXT NOT NULL,
    persoon_id    TEXT,
    activity_titel TEXT,
    activity_objectid TEXT,
    turns         INTEGER NOT NULL,
    interruptions INTEGER NOT NULL,
    chair         INTEGER NOT NULL,
    seconds       INTEGER NOT NULL,
    PRIMARY KEY (verslag_id, activity, speaker)
  ) WITHOUT ROWID;
  CREATE INDEX vlos_speeches_by_persoon ON vlos_speeches (persoon_id, verslag_id) WHERE persoon_id IS NOT NULL;
  `,
  `
  -- An activity's page links to the debate item of the report about it.
  CREATE INDEX vlos_speeches_by_activity ON vlos_speeches (activity_objectid) WHERE activity_objectid IS NOT NULL;
  `,
];

interface ReportRow {
  verslag_id: string;
  vergadering_id: string | null;
  verslag_updated: string | null;
  content_hash: string;
  report: string;
  persons: string;
  doc_id: string | null;
  parsed_at: string;
}

export class SqliteVlosStore implements VlosStore {
  /** Writes go through the connection's writer (unit-of-work.ts): inside the caller's unit of work, or one of their own. */
  constructor(private readonly db: SqliteDb) {
    applyMigrations(db, 'vlos', VLOS_MIGRATIONS);
  }

  async putReport(w: VlosReportWrite): Promise<void> {
    const write = atomic(this.db, () => {
      this.deleteRows(w.verslagId);
      const r = w.report;
      this.db
        .prepare(
          `INSERT INTO vlos_reports (verslag_id, vergadering_id, verslag_updated, content_hash, parser_version, titel, datum, report, persons, doc_id, parsed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(w.verslagId, w.vergaderingId, w.verslagUpdated, w.contentHash, r.parserVersion, r.vergadering.titel, r.vergadering.datum?.slice(0, 10) ?? null,
          JSON.stringify(r), JSON.stringify(w.persons), w.docId, new Date().toISOString());
      const ins = this.db.prepare(
        `INSERT INTO vlos_speeches (verslag_id, activity, speaker, persoon_id, activity_titel, activity_objectid, turns, interruptions, chair, seconds)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      r.activiteiten.forEach((a, i) => {
        for (const s of a.speakers) {
          ins.run(w.verslagId, i, s.speaker, w.persons[s.speaker] ?? null, a.titel ?? a.onderwerp ?? a.soort, a.objectId, s.turns, s.interruptions, s.chair, s.seconds);
        }
      });
    });
    // A report that fails half-way rolls the unit back with it (`atomic`): no report half stored.
    await writerOf(this.db).run(async () => write());
  }

  private deleteRows(verslagId: string): void {
    this.db.prepare('DELETE FROM vlos_speeches WHERE verslag_id = ?').run(verslagId);
    this.db.prepare('DELETE FROM vlos_reports WHERE verslag_id = ?').run(verslagId);
  }

  async getReport(verslagId: string): Promise<StoredVlosReport | null> {
    const row = this.db.prepare('SELECT * FROM vlos_reports WHERE verslag_id = ?').get(verslagId) as ReportRow | undefined;
    if (!row) return null;
    return {
      verslagId: row.verslag_id,
      vergaderingId: row.vergadering_id,
      verslagUpdated: row.verslag_updated,
      contentHash: row.content_hash,
      report: JSON.parse(row.report) as VlosReport,
      persons: JSON.parse(row.persons) as Record<string, string>,
      docId: row.doc_id,
      parsedAt: row.parsed_at,
    };
  }

  async reportState(verslagId: string): Promise<{ contentHash: string; parserVersion: number } | null> {
    const row = this.db.prepare('SELECT content_hash, parser_version FROM vlos_reports WHERE verslag_id = ?').get(verslagId) as
      | { content_hash: string; parser_version: number }
      | undefined;
    return row ? { contentHash: row.content_hash, parserVersion: row.parser_version } : null;
  }

  async staleReports(version: number, limit: number): Promise<string[]> {
    return (this.db.prepare('SELECT verslag_id FROM vlos_reports WHERE parser_version < ? ORDER BY verslag_id LIMIT ?').all(version, limit) as { verslag_id: string }[]).map((r) => r.verslag_id);
  }

  async reportIds(): Promise<string[]> {
    return (this.db.prepare('SELECT verslag_id FROM vlos_reports ORDER BY verslag_id').all() as { verslag_id: string }[]).map((r) => r.verslag_id);
  }

  async removeReport(verslagId: string): Promise<void> {
    await writerOf(this.db).run(async () => atomic(this.db, () => this.deleteRows(verslagId))());
  }

  async reportsOfActivity(objectId: string): Promise<{ verslagId: string; activity: number; vergaderingTitel: string | null; datum: string | null; speakers: number }[]> {
    const rows = this.db
      .prepare(
        `SELECT s.verslag_id, s.activity, r.titel, r.datum, count(*) AS speakers
         FROM vlos_speeches s JOIN vlos_reports r ON r.verslag_id = s.verslag_id
         WHERE s.activity_objectid = ? GROUP BY s.verslag_id, s.activity ORDER BY ifnull(r.verslag_updated, '') DESC, s.verslag_id, s.activity`,
      )
      .all(objectId) as { verslag_id: string; activity: number; titel: string | null; datum: string | null; speakers: number }[];
    return rows.map((r) => ({ verslagId: r.verslag_id, activity: r.activity, vergaderingTitel: r.titel, datum: r.datum, speakers: r.speakers }));
  }

  async speechesOf(persoonId: string, limit = 500): Promise<VlosSpeechRow[]> {
    const rows = this.db
      .prepare(
        `SELECT s.verslag_id, r.vergadering_id, r.verslag_updated, r.titel, r.datum, s.activity, s.activity_titel, s.activity_objectid,
                s.turns, s.interruptions, s.chair, s.seconds
         FROM vlos_speeches s JOIN vlos_reports r ON r.verslag_id = s.verslag_id
         WHERE s.persoon_id = ?
         ORDER BY ifnull(r.datum, '') DESC, s.verslag_id, s.activity, s.speaker LIMIT ?`,
      )
      .all(persoonId, limit) as {
      verslag_id: string; vergadering_id: string | null; verslag_updated: string | null; titel: string | null; datum: string | null;
      activity: number; activity_titel: string | null; activity_objectid: string | null; turns: number; interruptions: number; chair: number; seconds: number;
    }[];
    return rows.map((r) => ({
      verslagId: r.verslag_id,
      vergaderingId: r.vergadering_id,
      verslagUpdated: r.verslag_updated,
      vergaderingTitel: r.titel,
      datum: r.datum,
      activity: r.activity,
      activityTitel: r.activity_titel,
      activityObjectId: r.activity_objectid,
      turns: r.turns,
      interruptions: r.interruptions,
      chair: r.chair,
      seconds: r.seconds,
    }));
  }
}
