import type { Database } from './client.js';

/**
 * Refreshes the planner's statistics after a bulk load. PGlite has no autovacuum, so without this the
 * planner believes a freshly filled events table holds one row and picks nested loops that take minutes
 * (the workspace health report on the 55k-event demo: 150 s before, 3.5 s after). On a server,
 * autovacuum gets there eventually; doing it right after a big load just gets there first.
 */
export async function refreshStatistics(database: Database): Promise<void> {
  await database.withSession((run) => run('ANALYZE'));
}
