export type { Store, NewVersion, NewFile, PackedVersion, SaveItem, SaveResult, VersionSummary } from './store.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export { openDatabase, applyMigrations, type SqliteDb } from './sqlite/connection.js';
export { slugify } from './ids.js';
export type { StructureWriter, StructureMeta, StructurePut } from './structure-index.js';
