/**
 * How far a streaming replica is behind its primary, in time, without trusting clocks or the
 * replica's own view (a standby whose WAL receiver is cut believes it has replayed all it
 * received): at most once a second, the primary's WAL position is sampled and the replica's
 * replayed position read. The replica is within `maxLagMs` when it has replayed what the
 * primary had written `maxLagMs` ago (the newest sample at least that old; before there is
 * one, the oldest sample, which is stricter). Requests of a node whose replica is further
 * behind read the primary (PgDb.onReplica), so a lagging replica never serves pages older
 * than that, only ones a little slower to come.
 */
import type pg from 'pg';

const CHECK_EVERY_MS = 1000;

/** An LSN ('16/B374D848') as a number that orders as the WAL does. */
function lsnValue(text: string): bigint {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

export class ReplicaLag {
  private samples: { at: number; lsn: bigint }[] = [];
  private checkedAt = 0;
  private pending: Promise<void> | null = null;
  private within = true;

  constructor(
    private readonly primary: pg.Pool,
    private readonly replica: pg.Pool,
    readonly maxLagMs: number,
  ) {}

  /** Whether the replica was within the lag at the last check (checked again when that is over a second old). */
  async fresh(): Promise<boolean> {
    if (Date.now() - this.checkedAt >= CHECK_EVERY_MS) await (this.pending ??= this.check().finally(() => (this.pending = null)));
    return this.within;
  }

  private async check(): Promise<void> {
    const now = Date.now();
    const [p, r] = await Promise.all([
      this.primary.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l'),
      this.replica.query<{ l: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS l'),
    ]);
    this.checkedAt = now;
    this.samples.push({ at: now, lsn: lsnValue(p.rows[0]!.l) });
    // The newest sample at least maxLag old is the yardstick; older ones are not needed again.
    let i = -1;
    for (let k = 0; k < this.samples.length; k++) if (now - this.samples[k]!.at >= this.maxLagMs) i = k;
    if (i > 0) this.samples = this.samples.slice(i);
    const yardstick = this.samples[0]!.lsn;
    const replayed = r.rows[0]!.l;
    // Not a standby (replay position null): a plain server at the read URL is never behind.
    this.within = replayed === null || lsnValue(replayed) >= yardstick;
  }
}
