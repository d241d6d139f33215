/**
 * The PostgreSQL VlosStore: one row per report holding it as JSON, and one row per speaker
 * per debate item for the person pages, replaced together in one unit of work; a report's
 * speaker rows are written in one statement.
 */
import type { VlosReport } from '../../domain/vlos.js';
import type { StoredVlosReport, VlosReportWrite, VlosSpeechRow, VlosStore } from '../vlos-store.js';
import type { PgDb } from './connection.js';
import { PG_VLOS_MIGRATIONS } from './vlos-migrations.js';

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

export class PgVlosStore implements VlosStore {
  /** Writes join the unit of work `db` is bound to (PgDb.bound), or the caller's: PostgreSQL has no single writer to queue behind. */
  constructor(private readonly db: PgDb) {}

  /** This store on `db` (a transaction's, see PgDb.atomic). */
  private on(db: PgDb): PgVlosStore {
    return db === this.db ? this : new PgVlosStore(db);
  }

  /** Applies the migrations (namespace `vlos`). */
  static async migrate(db: PgDb): Promise<void> {
    await db.migrate('vlos', PG_VLOS_MIGRATIONS);
  }

  static async open(db: PgDb): Promise<PgVlosStore> {
    await PgVlosStore.migrate(db);
    return new PgVlosStore(db);
  }

  async putReport(w: VlosReportWrite): Promise<void> {
    const r = w.report;
    const speeches = r.activiteiten.flatMap((a, i) =>
      a.speakers.map((s) => ({
        activity: i, speaker: s.speaker, persoon: w.persons[s.speaker] ?? null, titel: a.titel ?? a.onderwerp ?? a.soort, objectId: a.objectId,
        turns: s.turns, interruptions: s.interruptions, chair: s.chair, seconds: s.seconds,
      })),
    );
    await this.db.atomic(async (db) => {
      const s = this.on(db);
      await s.deleteRows(w.verslagId);
      await db.q(
        `INSERT INTO vlos_reports (verslag_id, vergadering_id, verslag_updated, content_hash, parser_version, titel, datum, report, persons, doc_id, parsed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          w.verslagId, w.vergaderingId, w.verslagUpdated, w.contentHash, r.parserVersion, r.vergadering.titel, r.vergadering.datum?.slice(0, 10) ?? null,
          JSON.stringify(r), JSON.stringify(w.persons), w.docId, new Date().toISOString(),
        ],
      );
      if (speeches.length === 0) return;
      const col = <K extends keyof (typeof speeches)[number]>(k: K) => speeches.map((s) => s[k]);
      await db.q(
        `INSERT INTO vlos_speeches (verslag_id, activity, speaker, persoon_id, activity_titel, activity_objectid, turns, interruptions, chair, seconds)
         SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::integer[], $9::integer[], $10::integer[])`,
        [
          w.verslagId, col('activity'), col('speaker'), col('persoon'), col('titel'), col('objectId'),
          col('turns'), col('interruptions'), col('chair'), col('seconds'),
        ],
      );
    });
  }

  private async deleteRows(verslagId: string): Promise<void> {
    await this.db.q(
      'WITH s AS (DELETE FROM vlos_speeches WHERE verslag_id = $1) DELETE FROM vlos_reports WHERE verslag_id = $1',
      [verslagId],
    );
  }

  async getReport(verslagId: string): Promise<StoredVlosReport | null> {
    const row = await this.db.one<ReportRow>('SELECT * FROM vlos_reports WHERE verslag_id = $1', [verslagId]);
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
    const row = await this.db.one<{ content_hash: string; parser_version: number }>(
      'SELECT content_hash, parser_version FROM vlos_reports WHERE verslag_id = $1',
      [verslagId],
    );
    return row ? { contentHash: row.content_hash, parserVersion: row.parser_version } : null;
  }

  async staleReports(version: number, limit: number): Promise<string[]> {
    const rows = await this.db.rows<{ verslag_id: string }>(
      'SELECT verslag_id FROM vlos_reports WHERE parser_version < $1 ORDER BY verslag_id COLLATE "C" LIMIT $2',
      [version, limit < 0 ? null : limit],
    );
    return rows.map((r) => r.verslag_id);
  }

  async reportIds(): Promise<string[]> {
    return (await this.db.rows<{ verslag_id: string }>('SELECT verslag_id FROM vlos_reports ORDER BY verslag_id COLLATE "C"')).map((r) => r.verslag_id);
  }

  async removeReport(verslagId: string): Promise<void> {
    await this.deleteRows(verslagId);
  }

  async reportsOfActivity(objectId: string): Promise<{ verslagId: string; activity: number; vergaderingTitel: string | null; datum: string | null; speakers: number }[]> {
    const rows = await this.db.rows<{ verslag_id: string; activity: number; titel: string | null; datum: string | null; speakers: number }>(
      `SELECT r.verslag_id, s.activity, r.titel, r.datum, COUNT(*) AS speakers
       FROM vlos_speeches s JOIN vlos_reports r ON r.verslag_id = s.verslag_id
       WHERE s.activity_objectid = $1 GROUP BY r.verslag_id, s.activity
       ORDER BY COALESCE(r.verslag_updated, '') COLLATE "C" DESC, r.verslag_id COLLATE "C", s.activity`,
      [objectId],
    );
    return rows.map((r) => ({ verslagId: r.verslag_id, activity: r.activity, vergaderingTitel: r.titel, datum: r.datum, speakers: r.speakers }));
  }

  async speechesOf(persoonId: string, limit = 500): Promise<VlosSpeechRow[]> {
    const rows = await this.db.rows<{
      verslag_id: string; vergadering_id: string | null; verslag_updated: string | null; titel: string | null; datum: string | null;
      activity: number; activity_titel: string | null; activity_objectid: string | null; turns: number; interruptions: number; chair: number; seconds: number;
    }>(
      `SELECT s.verslag_id, r.vergadering_id, r.verslag_updated, r.titel, r.datum, s.activity, s.activity_titel, s.activity_objectid,
              s.turns, s.interruptions, s.chair, s.seconds
       FROM vlos_speeches s JOIN vlos_reports r ON r.verslag_id = s.verslag_id
       WHERE s.persoon_id = $1
       ORDER BY COALESCE(r.datum, '') COLLATE "C" DESC, s.verslag_id COLLATE "C", s.activity, s.speaker COLLATE "C" LIMIT $2`,
      [persoonId, limit < 0 ? null : limit],
    );
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
