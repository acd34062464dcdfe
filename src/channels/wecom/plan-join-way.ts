import { one, rows, sql, uuids } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { Strategy } from '../../modules/growth/live-codes/contracts.js';
import { chooseCommunity, type Candidate } from '../../modules/growth/live-codes/choose-community.js';
import { nextCommunityName } from '../../modules/growth/live-codes/open-community.js';
import { loadPools, toCandidate } from '../../modules/growth/live-codes/pool-load.js';
import { corpCredentials, type CorpCredentials } from './corps.js';
import { MAX_JOIN_WAY_CHATS, type JoinWaySettings } from './join-way-api.js';

/** A live code's join way as Shequn last stored it. */
export interface StoredJoinWay {
  corpRowId: string | null; configId: string | null; qrCode: string | null;
  chatIds: string[]; roomBaseName: string | null; roomBaseId: number | null; state: string | null; lastError: string | null;
}

export type JoinWayPlan =
  /** Nothing in WeCom and nothing wanted. */
  | { kind: 'idle' }
  /** The live code is gone, paused or no longer on WeCom: its config (if any) goes. */
  | { kind: 'remove'; current: StoredJoinWay; creds: CorpCredentials | null }
  /** A join way is wanted but cannot be built; the reason is shown on the live code. */
  | { kind: 'blocked'; current: StoredJoinWay | null; error: string }
  | { kind: 'want'; current: StoredJoinWay | null; corpRowId: string; settings: JoinWaySettings; creds: CorpCredentials; currentCreds: CorpCredentials | null };

export const NOT_SYNCED = '该活码的群尚未从企业微信同步：请先在「设置 → 企业微信」同步客户群，再把同步来的群加入群池。'
  + ' · The live code\'s groups have not been synced from WeCom yet: sync the corp\'s customer groups, then put them in the pool.';
export const NO_CORP = '该活码的群尚未从企业微信同步：本工作区还没有连接企业微信（设置 → 企业微信）。 · No WeCom corp is connected to this workspace yet.';
export const EMPTY_POOL = '该活码的群池是空的：请至少加入一个从企业微信同步来的群。 · The live code\'s pool is empty: add at least one group synced from WeCom.';

/** WeCom cuts a remark past 30 characters (path/92229); cut it ourselves so what we store is what it keeps. */
const remarkOf = (name: string) => [...`Shequn 活码 ${name}`].slice(0, 30).join('');

export async function storedJoinWay(ctx: TenantCtx, liveCodeId: string): Promise<StoredJoinWay | null> {
  return (await one<StoredJoinWay>(ctx.db, sql`
    select corp_row_id as "corpRowId", config_id as "configId", qr_code as "qrCode", chat_ids as "chatIds",
           room_base_name as "roomBaseName", room_base_id as "roomBaseId", state, last_error as "lastError"
    from wecom_join_ways where workspace_id = ${ctx.workspaceId} and live_code_id = ${liveCodeId}`)) ?? null;
}

/**
 * Up to five groups for WeCom to send people to, picked the way the live code's own routing would pick
 * them one after another (chooseCommunity), then in pool order so the list only changes when the set does.
 */
function pickFive(strategy: Strategy, pool: Candidate[]): Candidate[] {
  const picked: Candidate[] = [];
  let left = pool;
  while (picked.length < MAX_JOIN_WAY_CHATS) {
    // -1: round_robin's turn is meaningless here, WeCom spreads the people over the five itself.
    const next = chooseCommunity(strategy, left, -1);
    if (!next) break;
    picked.push(next);
    left = left.filter((c) => c.id !== next.id);
  }
  return picked.sort((a, b) => a.position - b.position);
}

/**
 * The read half of a join-way sync (sync-join-way.ts does the WeCom calls outside this transaction): what the
 * live code's join way should be now, from its pool's fill (pool-load.ts) and the pool's groups that group
 * sync tied to a corp's chats (wecom_groups, migration 0031).
 */
export async function planJoinWay(ctx: TenantCtx, liveCodeId: string): Promise<JoinWayPlan> {
  const current = await storedJoinWay(ctx, liveCodeId);
  const code = await one<{ slug: string; name: string; channel: string; enabled: boolean; strategy: Strategy; baseName: string }>(ctx.db, sql`
    select slug, name, channel, enabled, strategy, base_name as "baseName"
    from live_codes where workspace_id = ${ctx.workspaceId} and id = ${liveCodeId}`);
  if (!code || !code.enabled || code.channel !== 'wecom') {
    if (!current) return { kind: 'idle' };
    const creds = current.corpRowId && current.configId ? await corpCredentials(ctx, current.corpRowId) : null;
    return { kind: 'remove', current, creds };
  }

  const pool = (await loadPools(ctx, [liveCodeId])).get(liveCodeId)!;
  const groups = pool.length ? await rows<{ corpRowId: string; chatId: string; communityId: string }>(ctx.db, sql`
    select corp_row_id as "corpRowId", chat_id as "chatId", community_id as "communityId"
    from wecom_groups where workspace_id = ${ctx.workspaceId} and community_id = any(${uuids(pool.map((p) => p.id))})
    order by corp_row_id`) : [];
  if (!groups.length) {
    const corps = await one<{ n: number }>(ctx.db, sql`select count(*)::int as n from wecom_corps where workspace_id = ${ctx.workspaceId}`);
    return { kind: 'blocked', current, error: !corps!.n ? NO_CORP : pool.length ? NOT_SYNCED : EMPTY_POOL };
  }

  // One config lives in one corp: the corp holding most of the pool's groups gets it.
  const perCorp = new Map<string, number>();
  for (const g of groups) perCorp.set(g.corpRowId, (perCorp.get(g.corpRowId) ?? 0) + 1);
  const corpRowId = [...perCorp].sort((a, b) => b[1] - a[1])[0]![0];
  const chatOf = new Map(groups.filter((g) => g.corpRowId === corpRowId).map((g) => [g.communityId, g.chatId]));
  const covered = pool.filter((p) => chatOf.has(p.id));

  let chosen = pickFive(code.strategy, covered.map(toCandidate)).map((c) => chatOf.get(c.id)!);
  if (!chosen.length) {
    // Every group is full: WeCom opens a new one after the last of the list (auto_create_room), so the
    // list WeCom has stays; a first config gets the pool's last group.
    chosen = current?.corpRowId === corpRowId && current.chatIds.length ? current.chatIds : [chatOf.get(covered[covered.length - 1]!.id)!];
  }
  const next = await nextCommunityName(ctx, code.baseName, pool.length);
  const settings: JoinWaySettings = {
    remark: remarkOf(code.name), chatIds: chosen, roomBaseName: code.baseName, roomBaseId: Number(next.slice(code.baseName.length + 1)), state: code.slug,
  };
  const creds = await corpCredentials(ctx, corpRowId);
  const currentCreds = current?.corpRowId && current.configId && current.corpRowId !== corpRowId ? await corpCredentials(ctx, current.corpRowId) : null;
  return { kind: 'want', current, corpRowId, settings, creds, currentCreds };
}

/** Whether WeCom already holds exactly these settings for this live code (then a sync makes no call). */
export function sameSettings(current: StoredJoinWay | null, corpRowId: string, s: JoinWaySettings): boolean {
  return !!current?.configId && current.corpRowId === corpRowId && current.roomBaseName === s.roomBaseName && current.roomBaseId === s.roomBaseId
    && current.state === s.state && current.chatIds.length === s.chatIds.length && current.chatIds.every((id, i) => id === s.chatIds[i]);
}
