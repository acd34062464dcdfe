import { rows, sql, texts } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';
import type { NormalisedEvent } from '../tracking/event-contract.js';
import { randomUUID } from 'node:crypto';

/**
 * Concurrent batches that meet the same rows must lock them in the same order, or PostgreSQL finds a
 * lock cycle and aborts one of them; every upsert of the intake path therefore writes in key order.
 */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const identityKey = (channel: string, externalId: string) => `${channel}\u0000${externalId}`;

/** Finds or creates every community the batch mentions; answers identityKey -> community id. */
export async function resolveCommunities(ctx: TenantCtx, events: NormalisedEvent[]): Promise<Map<string, string>> {
  const wanted = new Map<string, { channel: string; externalId: string; name: string; type: string; subtype: string | null; at: Date }>();
  for (const e of events) {
    if (!e.community) continue;
    const key = identityKey(e.community.channel, e.community.externalId);
    const prev = wanted.get(key);
    if (!prev) wanted.set(key, { channel: e.community.channel, externalId: e.community.externalId, name: e.community.name ?? e.community.externalId, type: e.community.type ?? 'basic', subtype: e.community.subtype ?? null, at: e.occurredAt });
    else if (e.occurredAt < prev.at) prev.at = e.occurredAt;
  }
  const out = new Map<string, string>();
  if (!wanted.size) return out;
  const list = [...wanted.values()];
  // A community first seen through an event is created with what the event says; later names do not
  // overwrite an operator's edits.
  await ctx.db.execute(sql`
    insert into communities (workspace_id, channel, external_id, name, type, subtype, created_at)
    select ${ctx.workspaceId}, x.channel, x.external_id, x.name, x.type, x.subtype, x.at
    from jsonb_to_recordset(${JSON.stringify(list.map((c) => ({ channel: c.channel, external_id: c.externalId, name: c.name, type: c.type, subtype: c.subtype, at: c.at.toISOString() })))}::jsonb)
      as x(channel text, external_id text, name text, type text, subtype text, at timestamptz)
    order by x.channel, x.external_id
    on conflict (workspace_id, channel, external_id) do nothing`);
  const found = await rows<{ id: string; channel: string; externalId: string }>(ctx.db, sql`
    select c.id, c.channel, c.external_id as "externalId" from communities c
    join jsonb_to_recordset(${JSON.stringify(list.map((c) => ({ channel: c.channel, external_id: c.externalId })))}::jsonb) as x(channel text, external_id text)
      on c.channel = x.channel and c.external_id = x.external_id
    where c.workspace_id = ${ctx.workspaceId}`);
  for (const r of found) out.set(identityKey(r.channel, r.externalId), r.id);
  return out;
}

/**
 * Finds or creates every member the batch mentions (the actor of each event and the inviter of joins).
 * Two batches racing on the same new person both insert a member, but only one identity row wins; the
 * loser's member row is removed again, so a person is never split in two.
 */
export async function resolveMembers(ctx: TenantCtx, events: NormalisedEvent[]): Promise<Map<string, string>> {
  const wanted = new Map<string, { channel: string; externalId: string; name: string; unionId: string | null; at: Date }>();
  const want = (channel: string, externalId: string, name: string | undefined, unionId: string | undefined, at: Date) => {
    const key = identityKey(channel, externalId);
    const prev = wanted.get(key);
    if (!prev) wanted.set(key, { channel, externalId, name: name ?? externalId, unionId: unionId ?? null, at });
    else {
      if (at < prev.at) prev.at = at;
      if (name && prev.name === prev.externalId) prev.name = name;
    }
  };
  for (const e of events) {
    want(e.member.channel, e.member.externalId, e.member.name, e.member.unionId, e.occurredAt);
    const inviter = e.data.inviter as string | undefined;
    if (inviter) want(e.member.channel, inviter, undefined, undefined, e.occurredAt);
  }
  const list = [...wanted.values()];
  const idsJson = JSON.stringify(list.map((m) => ({ channel: m.channel, external_id: m.externalId })));
  const lookup = () => rows<{ memberId: string; channel: string; externalId: string }>(ctx.db, sql`
    select i.member_id as "memberId", i.channel, i.external_id as "externalId" from member_identities i
    join jsonb_to_recordset(${idsJson}::jsonb) as x(channel text, external_id text) on i.channel = x.channel and i.external_id = x.external_id
    where i.workspace_id = ${ctx.workspaceId}`);
  const out = new Map<string, string>();
  for (const r of await lookup()) out.set(identityKey(r.channel, r.externalId), r.memberId);
  await fillPlaceholderNames(ctx, list.filter((m) => m.name !== m.externalId && out.has(identityKey(m.channel, m.externalId)))
    .map((m) => ({ id: out.get(identityKey(m.channel, m.externalId))!, name: m.name, external_id: m.externalId })));
  await mergeByUnionId(ctx, list, out);
  const missing = list.filter((m) => !out.has(identityKey(m.channel, m.externalId)));
  if (missing.length) {
    const fresh = missing.map((m) => ({ id: randomUUID(), channel: m.channel, external_id: m.externalId, name: m.name, union_id: m.unionId, at: m.at.toISOString() }));
    const json = JSON.stringify(fresh);
    await ctx.db.execute(sql`
      insert into members (workspace_id, id, display_name, first_seen_at)
      select ${ctx.workspaceId}, x.id, x.name, x.at from jsonb_to_recordset(${json}::jsonb) as x(id uuid, name text, at timestamptz)`);
    const won = await rows<{ memberId: string }>(ctx.db, sql`
      insert into member_identities (workspace_id, channel, external_id, member_id, union_id)
      select ${ctx.workspaceId}, x.channel, x.external_id, x.id, x.union_id
      from jsonb_to_recordset(${json}::jsonb) as x(id uuid, channel text, external_id text, union_id text)
      order by x.channel, x.external_id
      on conflict do nothing returning member_id as "memberId"`);
    if (won.length < fresh.length) {
      const wonIds = new Set(won.map((w) => w.memberId));
      const lost = fresh.filter((f) => !wonIds.has(f.id)).map((f) => f.id);
      await ctx.db.execute(sql`delete from members where workspace_id = ${ctx.workspaceId} and id = any(string_to_array(${lost.join(',')}, ',')::uuid[])`);
      for (const r of await lookup()) out.set(identityKey(r.channel, r.externalId), r.memberId);
    } else {
      for (const f of fresh) out.set(identityKey(f.channel, f.external_id), f.id);
    }
  }
  return out;
}

/**
 * One person on two channels (a WeChat import and a WeCom group, say) shares a unionid: a new identity whose
 * union id an existing member already has is attached to that member instead of starting a second one. A
 * known identity that arrives with a union id it lacked keeps it, so later channels can find the person.
 */
async function mergeByUnionId(ctx: TenantCtx, list: { channel: string; externalId: string; unionId: string | null }[], out: Map<string, string>): Promise<void> {
  const withUnion = list.filter((m) => m.unionId);
  if (!withUnion.length) return;
  const known = withUnion.filter((m) => out.has(identityKey(m.channel, m.externalId)))
    .map((m) => ({ channel: m.channel, external_id: m.externalId, union_id: m.unionId })).sort((a, b) => compare(a.channel + a.external_id, b.channel + b.external_id));
  if (known.length) {
    await ctx.db.execute(sql`
      update member_identities i set union_id = x.union_id
      from jsonb_to_recordset(${JSON.stringify(known)}::jsonb) as x(channel text, external_id text, union_id text)
      where i.workspace_id = ${ctx.workspaceId} and i.channel = x.channel and i.external_id = x.external_id and i.union_id is null`);
  }
  const fresh = withUnion.filter((m) => !out.has(identityKey(m.channel, m.externalId)));
  if (!fresh.length) return;
  // The oldest identity with that union id decides, so two members that already share it resolve one way.
  const owners = await rows<{ unionId: string; memberId: string }>(ctx.db, sql`
    select distinct on (i.union_id) i.union_id as "unionId", i.member_id as "memberId" from member_identities i
    where i.workspace_id = ${ctx.workspaceId} and i.union_id = any(${texts(fresh.map((m) => m.unionId!))})
    order by i.union_id, i.created_at, i.member_id`);
  const byUnion = new Map(owners.map((o) => [o.unionId, o.memberId]));
  const attach = fresh.filter((m) => byUnion.has(m.unionId!))
    .map((m) => ({ channel: m.channel, external_id: m.externalId, member_id: byUnion.get(m.unionId!)!, union_id: m.unionId }))
    .sort((a, b) => compare(a.channel + a.external_id, b.channel + b.external_id));
  if (!attach.length) return;
  await ctx.db.execute(sql`
    insert into member_identities (workspace_id, channel, external_id, member_id, union_id)
    select ${ctx.workspaceId}, x.channel, x.external_id, x.member_id, x.union_id
    from jsonb_to_recordset(${JSON.stringify(attach)}::jsonb) as x(channel text, external_id text, member_id uuid, union_id text)
    order by x.channel, x.external_id
    on conflict do nothing`);
  // A concurrent batch may have won an identity meanwhile: what is stored now is the answer.
  const stored = await rows<{ memberId: string; channel: string; externalId: string }>(ctx.db, sql`
    select i.member_id as "memberId", i.channel, i.external_id as "externalId" from member_identities i
    join jsonb_to_recordset(${JSON.stringify(attach)}::jsonb) as x(channel text, external_id text) on i.channel = x.channel and i.external_id = x.external_id
    where i.workspace_id = ${ctx.workspaceId}`);
  for (const r of stored) out.set(identityKey(r.channel, r.externalId), r.memberId);
}

/**
 * A person first met as an inviter or a mention has only their external id as a name; the first event
 * that carries their real name fills it in. Names an operator set are never overwritten.
 */
async function fillPlaceholderNames(ctx: TenantCtx, named: { id: string; name: string; external_id: string }[]): Promise<void> {
  if (!named.length) return;
  await ctx.db.execute(sql`
    update members m set display_name = x.name
    from jsonb_to_recordset(${JSON.stringify(named.sort((a, b) => compare(a.id, b.id)))}::jsonb) as x(id uuid, name text, external_id text)
    where m.workspace_id = ${ctx.workspaceId} and m.id = x.id and m.display_name = x.external_id`);
}
