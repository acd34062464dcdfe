import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { makeWorkspace } from '../../../../test/helpers/app.js';
import { withTenant } from '../../../core/context.js';
import { rows, sql } from '../../../db/client.js';
import { createFromPreset } from './create-from-preset.js';
import { runDueTriggers } from './trigger-jobs.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const ws = await makeWorkspace(database, 'trigger-due', []);
  await withTenant(database, ws, { kind: 'system', name: 'test' }, async (ctx) => {
    const rule = await createFromPreset(ctx, 'core_care');
    // Many firings, all due tomorrow: work the run tick must not read today.
    await ctx.db.execute(sql`
      insert into trigger_firings (workspace_id, rule_id, idempotency_key, occurrence, occurred_at, seq, context, scheduled_at)
      select ${ctx.workspaceId}, ${rule.id}, 'later-' || g, 'later-' || g, now(), 1, '{}'::jsonb, now() + interval '1 day' + g * interval '1 second'
      from generate_series(1, 5000) g`);
  });
  await database.withSession((run) => run('ANALYZE trigger_firings'));
});
afterAll(async () => { await database.drop(); });

describe('the triggers run tick', () => {
  it('reads the due-index range only: nothing scheduled for later is scanned', async () => {
    const [plan] = await rows<Record<string, unknown>>(database.db, sql.raw(`
      explain (analyze, buffers, format json) select f.id from trigger_firings f
      where f.status = 'scheduled' and f.scheduled_at <= now() order by f.scheduled_at, f.id limit 200`));
    const text = JSON.stringify(plan!['QUERY PLAN']);
    expect(text).toContain('trigger_firings_due_idx');
    expect(text).not.toContain('Seq Scan');
    expect(text).not.toMatch(/"Rows Removed by (Filter|Index Recheck)":\s*[1-9]/);
    // An index led by another column would still answer, by walking every leaf page of all 5,000 entries.
    const top = (plan!['QUERY PLAN'] as { Plan: Record<string, number> }[])[0]!.Plan;
    expect(top['Shared Hit Blocks']! + top['Shared Read Blocks']!).toBeLessThanOrEqual(4);
    expect(await runDueTriggers(database)).toEqual({ done: 0, skipped: 0 });
  });
});
