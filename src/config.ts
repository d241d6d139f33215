/** Runtime configuration from flags and environment, resolved once by the composition root. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  dataDir: string;
  dbFile: string;
  /** The bundled sample corpus that `start` imports. */
  sampleDir: string;
  /** The bundled open-data world (saved SyncFeed pages) that `start` syncs. */
  tkWorldDir: string;
}

/** The repository/package root, whether running from src/ (tsx) or dist/src/ (built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('kamerlens: cannot find package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export function loadConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): Config {
  let flag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data') flag = argv[i + 1];
    else if (a.startsWith('--data=')) flag = a.slice('--data='.length);
  }
  const dataDir = resolve(flag ?? env.KAMERLENS_DATA ?? 'kamerlens-data');
  const root = packageRoot();
  return {
    dataDir,
    dbFile: join(dataDir, 'kamerlens.db'),
    sampleDir: join(root, 'data', 'sample'),
    tkWorldDir: join(root, 'data', 'tk-world'),
  };
}
