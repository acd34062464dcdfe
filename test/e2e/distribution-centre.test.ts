import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, loginAs, makeWorkspace } from '../helpers/app.js';
import { withTenant, type WorkspaceRef } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { one, sql } from '../../src/db/client.js';
import { memberLink } from '../../src/modules/member-pages/member-links.js';
import { runCommissionRelease } from '../../src/modules/commerce/distribution/release-commissions.js';
import { consolePage, haveChromium, openStage, phonePage, sandboxGroup, signIn, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('distribution tests');
const DAY = 86_400_000;

describe.skipIf(!haveChromium)('distribution: the console page and the member distributor centre in Chromium', () => {
  let stage: Stage;
  let ws: WorkspaceRef;
  let memberId: string;

  beforeAll(async () => {
    stage = await openStage();
    ws = await makeWorkspace(stage.database, 'e2e-dist', [{ email: 'admin@e2e-d.test', role: 'admin' }]);
    memberId = (await sandboxGroup(stage, ws, { externalId: 'e2e-d-g1', name: '分销商学院' }, [{ externalId: 'xm', name: '小美' }, { externalId: 'kh', name: '客户甲' }], new Date(Date.now() - 20 * DAY))).xm!;
    const admin = as(stage.app, await loginAs(stage.app, 'admin@e2e-d.test'));
    const saved = await admin.put('/api/v1/distribution/settings', {
      tier1Bps: 1000, tier2Bps: 300, bindingRule: 'first_touch', bindingDays: 30, refundWindowDays: 7, minWithdrawalCents: 1000, landingUrl: 'https://shop.example/m',
    });
    expect(saved.statusCode, saved.body).toBe(200);
  }, 180_000);

  afterAll(async () => { await stage?.close(); });

  it('a member applies, an operator approves in the console, the member sees the code and earnings and withdraws', async () => {
    const link = (await withTenant(stage.database, ws, { kind: 'system', name: 'e2e' }, (ctx) => memberLink(ctx, memberId, { baseUrl: stage.base }))).url;
    const { page, failed } = await phonePage(stage);
    await page.goto(link);
    await page.getByTestId('m-member-name').filter({ hasText: '小美' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-tab-distribution').click();
    await page.getByTestId('m-distribution-apply').waitFor({ timeout: 15_000 });
    await page.getByTestId('m-apply').click();
    await page.getByTestId('m-distribution-pending').waitFor({ timeout: 15_000 });

    // The operator approves the application on the console's 分销 page.
    const { page: staff, failed: failedInConsole } = await consolePage(stage);
    await signIn(staff, stage.base, 'admin@e2e-d.test');
    await staff.getByTestId('nav-distribution').click();
    await staff.getByTestId('distribution-title').waitFor({ timeout: 15_000 });
    // AntD puts the test id on the input itself or on its wrapper, by version.
    const tier1 = staff.locator('input[data-testid="distribution-tier1"], [data-testid="distribution-tier1"] input').first();
    await staff.getByTestId('distribution-settings').locator('input[value="10.00"]').first().waitFor({ timeout: 15_000 });
    expect(await tier1.inputValue()).toBe('10.00');
    await staff.getByTestId('approve-小美').click();
    await staff.locator('.ant-popconfirm .ant-btn-primary').click();
    await staff.getByTestId('distribution-distributors').locator('.ant-tag', { hasText: '已通过' }).waitFor({ timeout: 15_000 });
    const code = (await one<{ code: string }>(stage.database.db, sql`select code from distributors where member_id = ${memberId}`))!.code;

    // A customer buys through the code 8 days ago; the refund window has passed, the job releases it.
    await withTenant(stage.database, ws, { kind: 'system', name: 'e2e' }, (ctx) => ingestEvents(ctx, [{
      id: 'pay-1', type: 'order.paid', occurredAt: new Date(Date.now() - 8 * DAY).toISOString(), member: { channel: 'sandbox', externalId: 'kh' },
      data: { orderId: 'E-1', amountCents: 25_000, referral: code },
    }]));
    await runCommissionRelease(stage.database);

    await page.reload();
    await page.getByTestId('m-distribution-code').filter({ hasText: code }).waitFor({ timeout: 15_000 });
    // The share poster loads: a real 750 × 1200 image, not a broken one.
    const poster = page.getByTestId('m-distribution-poster');
    await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete ? img.naturalWidth : 0), { timeout: 15_000 }).toBe(750);
    await page.getByTestId('m-available').filter({ hasText: '¥25.00' }).waitFor();
    await page.getByTestId('m-frozen').filter({ hasText: '¥0.00' }).waitFor();
    await page.getByTestId('m-earnings').getByText('直接客户订单 · E-1').waitFor();
    await page.getByText(`https://shop.example/m?ref=${code}`).waitFor();
    // Below the minimum the button stays off; within the balance a confirmation, then the balance drops.
    await page.getByTestId('m-withdraw-amount').fill('5');
    expect(await page.getByTestId('m-withdraw').isDisabled()).toBe(true);
    await page.getByTestId('m-withdraw-amount').fill('20');
    await page.getByTestId('m-withdraw').click();
    await page.getByRole('dialog').getByText('提现 ¥20.00？').waitFor();
    await page.getByTestId('m-confirm').click();
    await page.getByTestId('m-toast').filter({ hasText: '提现申请已提交' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('m-available').filter({ hasText: '¥5.00' }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-member-distribution.png'), fullPage: true }).catch(() => undefined);

    // The console lists the withdrawal to settle; marking it paid settles it.
    await staff.reload();
    const row = staff.getByTestId('distribution-withdrawals').locator('.ant-table-row', { hasText: '小美' });
    await row.getByRole('button', { name: '确认已打款' }).click({ timeout: 15_000 });
    await staff.locator('.ant-popconfirm .ant-btn-primary').click();
    await staff.getByTestId('distribution-withdrawals').locator('.ant-tag', { hasText: '已打款' }).waitFor({ timeout: 15_000 });
    const books = await one<{ available: number; withdrawn: number }>(stage.database.db, sql`
      select available_cents::float8 as available, withdrawn_cents::float8 as withdrawn from distributors where member_id = ${memberId}`);
    expect(books).toEqual({ available: 500, withdrawn: 2000 });
    await staff.setViewportSize({ width: 1440, height: 900 });
    await staff.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-console-distribution.png'), fullPage: true }).catch(() => undefined);
    expect([...failed, ...failedInConsole]).toEqual([]);
    await staff.close();
    await page.context().close();
  }, 120_000);
});
