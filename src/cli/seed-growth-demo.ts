import type { Database } from '../db/client.js';
import { one, rows, sql } from '../db/client.js';
import { withTenantRetrying, type WorkspaceRef } from '../core/context.js';
import { setPointsSettings } from '../modules/loyalty/points/set-points-settings.js';
import { rewardInputSchema } from '../modules/loyalty/rewards/contracts.js';
import { createReward } from '../modules/loyalty/rewards/save-reward.js';
import { DEFAULT_CHECK_IN_SETTINGS } from '../modules/growth/check-in/contracts.js';
import { setCheckInSettings } from '../modules/growth/check-in/set-check-in-settings.js';
import { liveCodeInputSchema } from '../modules/growth/live-codes/contracts.js';
import { createLiveCode } from '../modules/growth/live-codes/create-live-code.js';
import { leaderboardInputSchema } from '../modules/growth/leaderboards/contracts.js';
import { createLeaderboard } from '../modules/growth/leaderboards/create-leaderboard.js';
import { drawInputSchema } from '../modules/growth/draws/contracts.js';
import { createDraw } from '../modules/growth/draws/create-draw.js';
import { openDraw } from '../modules/growth/draws/open-draw.js';
import { campaignInputSchema } from '../modules/growth/fission/contracts.js';
import { createCampaign } from '../modules/growth/fission/create-campaign.js';

const SYSTEM = { kind: 'system' as const, name: 'demo' };
const DAY_MS = 86_400_000;

/**
 * The growth and loyalty tools of the demo workspace, set up as an operator would on day one: points rules and
 * a small rewards catalogue, check-in switched on, a live code over three of the groups, two leaderboards, an
 * open daily draw and an invite campaign. Everything goes through the modules' own verbs and contracts, in one
 * transaction, so a first start interrupted here sets it all up on the next one, and a finished one is left alone.
 */
export async function seedGrowthDemo(database: Database, ws: WorkspaceRef, log: (msg: string) => void, now = new Date()): Promise<boolean> {
  const seeded = await withTenantRetrying(database, ws, SYSTEM, async (ctx) => {
    if (await one(ctx.db, sql`select 1 from live_codes where workspace_id = ${ctx.workspaceId} limit 1`)) return false;
    const groups = await rows<{ id: string }>(ctx.db, sql`
      select id from communities where workspace_id = ${ctx.workspaceId} and channel = 'sandbox' and status = 'active' and type = 'basic'
      order by name limit 3`);

    await setPointsSettings(ctx, { expiryDays: 180, rules: [
      { activity: 'message', points: 1, dailyCap: 10, enabled: true },
      { activity: 'check_in', points: 5, dailyCap: null, enabled: true },
      { activity: 'invite', points: 20, dailyCap: 100, enabled: true },
      { activity: 'order', points: 1, dailyCap: null, enabled: true },
    ] });
    await setCheckInSettings(ctx, { ...DEFAULT_CHECK_IN_SETTINGS, enabled: true });
    const bag = await createReward(ctx, rewardInputSchema.parse({ name: '定制帆布袋', description: '社群专属帆布袋，群主统一寄出', kind: 'physical', costPoints: 200, stock: 50, perMemberLimit: 1 }));
    await createReward(ctx, rewardInputSchema.parse({ name: '满 50 减 5 优惠券', kind: 'coupon', costPoints: 50, stock: null, perMemberLimit: null }));

    const code = await createLiveCode(ctx, liveCodeInputSchema.parse({ name: '福利群活码', capacity: 200, baseName: '福利群', communityIds: groups.map((g) => g.id) }));
    await createLeaderboard(ctx, leaderboardInputSchema.parse({
      name: '月度积分榜', metric: 'points_earned', period: { kind: 'monthly' }, scope: { kind: 'all' }, topN: 3, rewards: [300, 200, 100],
    }));
    await createLeaderboard(ctx, leaderboardInputSchema.parse({
      name: '本月活跃之星', metric: 'engagement', period: { kind: 'monthly' }, scope: { kind: 'all' }, topN: 10, rewards: [100, 50, 30],
    }));
    const draw = await createDraw(ctx, drawInputSchema.parse({
      name: '每日签到抽奖', description: '当天签到后可抽一次', startsAt: now, endsAt: new Date(now.getTime() + 14 * DAY_MS), unit: 'day', minCheckInDays: 1,
      prizes: [
        { name: '定制帆布袋', kind: 'physical', weight: 1, stock: 10 },
        { name: '20 积分', kind: 'points', points: 20, weight: 5 },
        { name: '谢谢参与', kind: 'thanks', weight: 14 },
      ],
    }));
    await openDraw(ctx, draw.id, now);
    await createCampaign(ctx, campaignInputSchema.parse({
      name: '邀请 3 位好友领帆布袋', status: 'active', liveCodeId: code.id, goal: 3, holdHours: 24, rewardKind: 'reward', rewardId: bag.id,
    }));
    return true;
  });
  if (seeded) log('  growth: points rules and rewards, check-in, a live code, two leaderboards, an open draw and an invite campaign');
  return seeded;
}
