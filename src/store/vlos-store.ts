/**
 * Parsed VLOS reports, stored once at sync time so that pages never re-parse a file: the
 * report as who said what, per report the speakers linked to people of the open data, and
 * per person, debate item and report their turns and speaking time.
 */
import type { VlosReport } from '../domain/vlos.js';

/** A report to store, with what the sync derived around it. */
export interface VlosReportWrite {
  verslagId: string;
  vergaderingId: string | null;
  /** The Verslag entity's `updated`: of several reports of one sitting, the newest counts. */
  verslagUpdated: string | null;
  /** sha256 of the file it was parsed from. */
  contentHash: string;
  report: VlosReport;
  /** Speaker key → Persoon id, for the speakers the sync could link to a person. */
  persons: Record<string, string>;
  /** The kamerlens document (kind `handelingen`) holding the report's text, if imported. */
  docId: string | null;
}

export interface StoredVlosReport extends VlosReportWrite {
  parsedAt: string;
}

/** One person's part in one debate item of one report. */
export interface VlosSpeechRow {
  verslagId: string;
  vergaderingId: string | null;
  verslagUpdated: string | null;
  /** The sitting's title and day as the report gives them. */
  vergaderingTitel: string | null;
  datum: string | null;
  /** Position of the debate item in the report. */
  activity: number;
  activityTitel: string | null;
  activityObjectId: string | null;
  turns: number;
  interruptions: number;
  chair: number;
  seconds: number;
}

export interface VlosStore {
  /** Replaces everything stored for the report, in one transaction. */
  putReport(write: VlosReportWrite): Promise<void>;
  getReport(verslagId: string): Promise<StoredVlosReport | null>;
  /** What was parsed, cheaply: to skip a file that did not change under the same parser. */
  reportState(verslagId: string): Promise<{ contentHash: string; parserVersion: number } | null>;
  /** Reports parsed by a parser older than `version` (to re-derive after an upgrade). */
  staleReports(version: number, limit: number): Promise<string[]>;
  /** Every report's id (for `kamerlens reparse`). */
  reportIds(): Promise<string[]>;
  removeReport(verslagId: string): Promise<void>;
  /** What a person said: per report and debate item, newest sitting first. */
  speechesOf(persoonId: string, limit?: number): Promise<VlosSpeechRow[]>;
  /** The debate items of stored reports whose objectid is `objectId` (an Activiteit's id), with their speakers' count. */
  reportsOfActivity(objectId: string): Promise<{ verslagId: string; activity: number; vergaderingTitel: string | null; datum: string | null; speakers: number }[]>;
}
