import { sql } from '../../../db/client.js';
import type { DrawAttempt } from './picker.js';
import type { PrizeKind } from './contracts.js';

export interface DrawEntry {
  id: string; drawId: string; memberId: string; memberName: string; unitKey: string; roll: number;
  prizeId: string; prizeName: string; prizeKind: PrizeKind; snapshot: DrawAttempt[]; pointsCost: number;
  spendEntryId: string | null; prizeEntryId: string | null; awardId: string | null; awardStatus: 'pending' | 'fulfilled' | null; createdAt: Date;
}

/** An audit row as the API answers it, with its member's name and the hand-out state of a won reward or thing. */
export const ENTRY_COLUMNS = sql`e.id, e.draw_id as "drawId", e.member_id as "memberId", m.display_name as "memberName", e.unit_key as "unitKey",
  e.roll, e.prize_id as "prizeId", e.prize_name as "prizeName", e.prize_kind as "prizeKind", e.snapshot, e.points_cost as "pointsCost",
  e.spend_entry_id as "spendEntryId", e.prize_entry_id as "prizeEntryId", a.id as "awardId", a.status as "awardStatus", e.created_at as "createdAt"`;

export const ENTRY_FROM = sql`draw_entries e
  join members m on m.workspace_id = e.workspace_id and m.id = e.member_id
  left join draw_awards a on a.workspace_id = e.workspace_id and a.entry_id = e.id`;

/** jsonb arrives parsed from both drivers, but a text fallback keeps the type honest. */
export const parseEntry = (e: DrawEntry): DrawEntry => ({ ...e, snapshot: typeof e.snapshot === 'string' ? JSON.parse(e.snapshot) as DrawAttempt[] : e.snapshot });
