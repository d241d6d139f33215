// One printed benchmark figure: a value and its ratio to a baseline measured in the same run.

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** What the ratio is against: a description, or the baseline's value in the same unit. */
  baseline: string | number;
  ratio: number;
}

export function formatRow(row: BenchRow): string {
  const base = typeof row.baseline === 'number' ? row.baseline.toFixed(2) : row.baseline;
  const name = row.name.length >= 44 ? row.name : row.name + ' '.repeat(44 - row.name.length);
  return `${name} ${row.value.toFixed(2)} ${row.unit} (baseline ${base}, ${row.ratio.toFixed(3)}x)`;
}
