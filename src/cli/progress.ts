/** Progress for long work: a bar on a TTY, a log line every few seconds otherwise. */
import cliProgress from 'cli-progress';

export interface ProgressSink {
  update(done: number, total: number, status: string): void;
  stop(): void;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

export function createProgress(label: string, unit: 'bytes' | 'items', stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  const fmt = (n: number) => (unit === 'bytes' ? mb(n) : n.toLocaleString('nl-NL'));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {done}/{all} | {status}`,
        stream,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, status) {
        if (!started) {
          bar.start(Math.max(total, 1), 0, { done: fmt(0), all: fmt(total), status });
          started = true;
        }
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { done: fmt(done), all: fmt(total), status: status.slice(0, 40) });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  const t0 = Date.now();
  let lastState: [number, number, string] | null = null;
  const line = ([done, total, status]: [number, number, string]) => {
    const pct = total > 0 ? ((100 * done) / total).toFixed(0) : '?';
    stream.write(`${label}: ${fmt(done)} van ${fmt(total)} (${pct}%) na ${((Date.now() - t0) / 1000).toFixed(0)} s — ${status}\n`);
  };
  return {
    update(done, total, status) {
      lastState = [done, total, status];
      const now = Date.now();
      if (now - last >= 2000) {
        last = now;
        line(lastState);
      }
    },
    stop() {
      if (lastState && last !== 0) line(lastState);
    },
  };
}
