import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import type { CheckInSettings } from './contracts.js';
import { addDays, dayStart, monthDays } from './days.js';
import type { MakeUpState } from './make-up-rules.js';
import { cardBalance } from './member-check-ins.js';

/** What the make-up rules need about one member today; `days` are the member's checked-in days. */
export async function makeUpState(ctx: TenantCtx, settings: CheckInSettings, memberId: string, days: ReadonlySet<string>, today: string): Promise<MakeUpState> {
  const month = monthDays(today.slice(0, 7));
  const used = await one<{ n: number }>(ctx.db, sql`
    select count(*)::int as n from check_ins
    where workspace_id = ${ctx.workspaceId} and member_id = ${memberId} and source = 'make_up'
      and checked_in_at >= ${dayStart(month.first, ctx.timeZone).toISOString()}
      and checked_in_at < ${dayStart(addDays(month.last, 1), ctx.timeZone).toISOString()}`);
  let firstDay: string | null = null;
  for (const d of days) if (firstDay === null || d < firstDay) firstDay = d;
  return {
    today, resetPeriod: settings.resetPeriod, perMonth: settings.makeUp.perMonth, maxDaysBack: settings.makeUp.maxDaysBack,
    firstDay, checkedIn: days, usedThisMonth: used!.n, cards: await cardBalance(ctx, memberId),
  };
}
