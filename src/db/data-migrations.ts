import type { Db } from './client.js';
import { backfillHealthRollups } from '../modules/tracking/backfill-health-rollups.js';

/**
 * Migrations that need the application's code (a pattern built from Node's Unicode tables, say) rather
 * than plain SQL. Each runs once, after every SQL migration, in a transaction with its record; the name
 * says which SQL migration it completes.
 */
export const DATA_MIGRATIONS: { name: string; run: (db: Db) => Promise<void> }[] = [
  { name: '0005_health_rollups.data', run: backfillHealthRollups },
];
