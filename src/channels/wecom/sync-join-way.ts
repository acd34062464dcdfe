import { one, sql, texts, type Database } from '../../db/client.js';
import { withTenant, type TenantCtx, type WorkspaceRef } from '../../core/context.js';
import { wecomClient, type ClientOptions } from './api-client.js';
import type { CorpCredentials } from './corps.js';
import { addJoinWay, delJoinWay, getJoinWay, updateJoinWay, type JoinWaySettings } from './join-way-api.js';
import { planJoinWay, sameSettings } from './plan-join-way.js';

export type JoinWaySyncAction = 'none' | 'created' | 'updated' | 'deleted' | 'blocked' | 'failed';

const actor = { kind: 'system' as const, name: 'wecom.join_way' };
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function recordError(ctx: TenantCtx, liveCodeId: string, error: string): Promise<void> {
  // A reason already shown stays as it is, so a re-check finding the same problem writes nothing.
  await ctx.db.execute(sql`
    insert into wecom_join_ways (workspace_id, live_code_id, last_error, last_error_at) values (${ctx.workspaceId}, ${liveCodeId}, ${error}, now())
    on conflict (workspace_id, live_code_id) do update set last_error = excluded.last_error, last_error_at = now(), updated_at = now()
    where wecom_join_ways.last_error is distinct from excluded.last_error`);
}

interface Written { corpRowId: string; configId: string; qrCode: string | null; settings: JoinWaySettings; error: string | null }

/**
 * Stores what WeCom now holds, unless another sync of the same live code wrote in between (its config id is no
 * longer the one this sync started from): answers whether it was stored.
 */
async function writeJoinWay(ctx: TenantCtx, liveCodeId: string, expectedConfigId: string | null, w: Written): Promise<boolean> {
  const s = w.settings;
  const done = await one(ctx.db, sql`
    insert into wecom_join_ways (workspace_id, live_code_id, corp_row_id, config_id, qr_code, chat_ids, room_base_name, room_base_id, state, synced_at, last_error, last_error_at)
    values (${ctx.workspaceId}, ${liveCodeId}, ${w.corpRowId}, ${w.configId}, ${w.qrCode}, ${texts(s.chatIds)}, ${s.roomBaseName}, ${s.roomBaseId}, ${s.state},
            now(), ${w.error}, ${w.error ? new Date() : null})
    on conflict (workspace_id, live_code_id) do update set
      corp_row_id = excluded.corp_row_id, config_id = excluded.config_id, qr_code = excluded.qr_code, chat_ids = excluded.chat_ids,
      room_base_name = excluded.room_base_name, room_base_id = excluded.room_base_id, state = excluded.state, synced_at = now(),
      last_error = excluded.last_error, last_error_at = excluded.last_error_at, updated_at = now()
    where wecom_join_ways.config_id is not distinct from ${expectedConfigId}
    returning 1`);
  return !!done;
}

/**
 * Brings one live code's WeCom join way in line with its pool (docs/wecom.md "Live codes"): created the first
 * time, updated when the chosen groups changed, deleted when the live code is deleted, paused or moved off
 * WeCom. Three steps so no WeCom call runs inside a transaction: plan (read), call WeCom, write. Re-running
 * with nothing changed makes no call; a WeCom error is kept on the row (last_error) for the console.
 */
export async function syncJoinWay(database: Database, ws: WorkspaceRef, liveCodeId: string, opts: ClientOptions = {}): Promise<JoinWaySyncAction> {
  const inTenant = <T>(fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, actor, fn);
  const plan = await inTenant((ctx) => planJoinWay(ctx, liveCodeId));
  const client = (creds: CorpCredentials) => wecomClient(creds, opts);

  if (plan.kind === 'idle') return 'none';
  if (plan.kind === 'blocked') {
    await inTenant((ctx) => recordError(ctx, liveCodeId, plan.error));
    return 'blocked';
  }
  if (plan.kind === 'remove') {
    const { current, creds } = plan;
    if (current.configId && creds) {
      try { await delJoinWay(client(creds), current.configId); } catch (err) {
        await inTenant((ctx) => recordError(ctx, liveCodeId, `删除企业微信入群方式失败 · could not delete the WeCom join way: ${message(err)}`));
        return 'failed';
      }
    }
    await inTenant((ctx) => ctx.db.execute(sql`
      delete from wecom_join_ways where workspace_id = ${ctx.workspaceId} and live_code_id = ${liveCodeId} and config_id is not distinct from ${current.configId}`));
    return current.configId ? 'deleted' : 'none';
  }

  const { current, corpRowId, settings, creds, currentCreds } = plan;
  const sameCorp = current?.corpRowId === corpRowId;
  let configId = sameCorp ? current!.configId : null;
  let qrCode = sameCorp ? current!.qrCode : null;
  if (sameSettings(current, corpRowId, settings) && qrCode && !current!.lastError) return 'none';

  const api = client(creds);
  let created = false;
  let updated = false;
  let applied = sameSettings(current, corpRowId, settings);
  let error: string | null = null;
  try {
    if (!configId) { configId = await addJoinWay(api, settings); created = true; applied = true; }
    else if (!applied) { await updateJoinWay(api, configId, settings); applied = updated = true; }
    // update_join_way keeps the QR code; only a new config (or one stored without it) needs get_join_way.
    if (created || !qrCode) qrCode = (await getJoinWay(api, configId)).qr_code || null;
  } catch (err) {
    error = message(err);
  }
  if (!configId || !applied) {
    await inTenant((ctx) => recordError(ctx, liveCodeId, error!));
    return 'failed';
  }
  const stored = await inTenant((ctx) => writeJoinWay(ctx, liveCodeId, current?.configId ?? null, { corpRowId, configId: configId!, qrCode, settings, error }));
  if (!stored) {
    // Another sync stored its own config meanwhile; ours would only be a second QR code nobody is shown.
    if (created) await delJoinWay(api, configId).catch(() => undefined);
    return 'none';
  }
  // The pool moved to another corp's groups: the old corp's config is no longer shown anywhere.
  if (created && current?.configId && currentCreds) await delJoinWay(client(currentCreds), current.configId).catch(() => undefined);
  if (error) return 'failed';
  return created ? 'created' : updated ? 'updated' : 'none';
}

/** The workspace of a job's payload, with its time zone (jobs carry only the id). */
export async function workspaceRef(database: Database, workspaceId: string): Promise<WorkspaceRef | null> {
  const w = await one<{ timeZone: string }>(database.db, sql`select time_zone as "timeZone" from workspaces where id = ${workspaceId}`);
  return w ? { id: workspaceId, timeZone: w.timeZone } : null;
}
