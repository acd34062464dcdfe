import { sql, type SQL } from '../../db/client.js';
import type { TenantCtx } from '../../core/context.js';

/** What a report covers, resolved once (resolve-scope.ts) and shared by every metric query. */
export interface Scope {
  /** null: every community of the workspace. */
  communityIds: string[] | null;
  communities: number;
  from: Date;
  to: Date;
  /** Workspace-local calendar days the window touches: the day of `from` to the day of the last instant before `to`. */
  firstDay: string;
  lastDay: string;
  /** ISO weeks the window touches, at least 1. */
  weeks: number;
  /** The window holds the same events as its whole local days, so the day rollups answer exactly. */
  wholeDays: boolean;
  /** No event of the scope at or after `to`: the memberships table is the state at the window end. */
  toIsOpen: boolean;
}

const col = (alias: string, name: string) => sql.raw(`${alias}.${name}`);

/** The row belongs to the workspace and to one of the report's communities. */
export function inScope(ctx: TenantCtx, s: Pick<Scope, 'communityIds'>, alias: string): SQL {
  // "= any(array)" rather than "in (select ...)": the planner can only use the (workspace, community, time)
  // indexes with the former; the latter became a semi-join over the whole workspace's rows.
  const communities = s.communityIds
    ? sql`${col(alias, 'community_id')} = any(${`{${s.communityIds.join(',')}}`}::uuid[])`
    : sql`${col(alias, 'community_id')} is not null`;
  return sql`${col(alias, 'workspace_id')} = ${ctx.workspaceId} and ${communities}`;
}

export const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** An event of the scope inside [from, to). */
export const inWindow = (ctx: TenantCtx, s: Scope, alias: string) =>
  sql`${inScope(ctx, s, alias)} and ${col(alias, 'occurred_at')} >= ${instant(s.from)} and ${col(alias, 'occurred_at')} < ${instant(s.to)}`;

/**
 * The platform's own outbound messages come back as message.sent events carrying the action id; they are
 * not community activity. "Carrying" is JavaScript truthiness, as in tracking/apply-effects.ts, so the
 * rollups and these queries exclude exactly the same events.
 */
export const isEcho = (alias: string) =>
  sql.raw(`(${alias}.type = 'message.sent' and coalesce(${alias}.data->'actionId' not in ('null'::jsonb, 'false'::jsonb, '0'::jsonb, '""'::jsonb), false))`);

/** A message a person wrote (media included). */
export const isUserMessage = (alias: string) => sql`${sql.raw(`${alias}.type = 'message.sent'`)} and not ${isEcho(alias)}`;

/** The workspace-local calendar day / ISO week start (Monday) of a timestamptz expression. */
export const localDay = (ctx: TenantCtx, at: SQL) => sql`(${at} at time zone ${ctx.timeZone})::date`;
export const localWeek = (ctx: TenantCtx, at: SQL) => sql`date_trunc('week', ${at} at time zone ${ctx.timeZone})::date`;
