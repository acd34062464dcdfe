import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace } from '../helpers/app.js';
import { withTenant, type WorkspaceRef } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { importWords } from '../../src/modules/moderation/import-words.js';
import { createRuleSet } from '../../src/modules/moderation/create-rule-set.js';
import { listRuleSets } from '../../src/modules/moderation/list-rule-sets.js';
import { DEFAULT_RULE_SETTINGS } from '../../src/modules/moderation/contracts.js';
import { consolePage, haveChromium, openStage, sandboxGroup, signIn, warnIfNoChromium, type Stage } from './harness.js';

warnIfNoChromium('moderation page tests');

describe.skipIf(!haveChromium)('moderation in the console, in Chromium', () => {
  let stage: Stage;
  let ws: WorkspaceRef;

  beforeAll(async () => {
    stage = await openStage();
    ws = await makeWorkspace(stage.database, 'e2e-mod', [{ email: 'op@e2e-mod.test', role: 'operator' }]);
    await sandboxGroup(stage, ws, { externalId: 'mod-g1', name: '福利一群' }, [{ externalId: 'spammer', name: '小广告' }]);
    await withTenant(stage.database, ws, { kind: 'system', name: 'e2e' }, async (ctx) => {
      await importWords(ctx, { text: '代开发票,ads\n', mode: 'merge' });
      await createRuleSet(ctx, { scope: { kind: 'workspace' }, rules: DEFAULT_RULE_SETTINGS });
    });
  }, 180_000);
  afterAll(async () => { await stage?.close(); });

  it('shows a finding as the operator types, and the violation of an ingested spam message in the log', async () => {
    const { page, failed } = await consolePage(stage);
    await signIn(page, stage.base, 'op@e2e-mod.test');
    await page.goto(`${stage.base}/moderation`);
    await page.getByTestId('moderation-title').waitFor();
    await page.getByTestId('moderation-test-input').fill('大家好，代开发票找我');
    const finding = page.getByTestId('moderation-finding').first();
    await finding.waitFor();
    expect(await finding.textContent()).toContain('代开发票');
    await page.getByTestId('moderation-test-input').fill('大家早上好');
    await page.getByTestId('moderation-test-clean').waitFor();
    // The box judges the unsaved draft: switching banned words off clears the finding before any save.
    await page.getByTestId('moderation-test-input').fill('代开发票');
    await page.getByTestId('moderation-finding').first().waitFor();
    await page.getByTestId('rule-words-enabled').click();
    await page.getByTestId('moderation-test-clean').waitFor();
    await page.getByTestId('rule-words-enabled').click();
    await page.getByTestId('rule-set-save').click();
    await expect.poll(() => withTenant(stage.database, ws, { kind: 'system', name: 'e2e' }, async (ctx) =>
      (await listRuleSets(ctx))[0]?.version)).toBe(2);

    await withTenant(stage.database, ws, { kind: 'system', name: 'e2e' }, (ctx) => ingestEvents(ctx, [{
      id: 'e2e-spam-1', type: 'message.sent', occurredAt: new Date().toISOString(),
      community: { channel: 'sandbox', externalId: 'mod-g1', name: '福利一群' }, member: { channel: 'sandbox', externalId: 'spammer', name: '小广告' },
      data: { text: '代开发票，量大从优' },
    }]));
    await page.getByTestId('tab-violations').click();
    const row = page.getByTestId('violations-table').locator('tbody tr', { hasText: '小广告' });
    await row.waitFor();
    expect(await row.textContent()).toContain('代开发票');
    expect(await row.textContent()).toContain('警告');
    expect(failed).toEqual([]);
  }, 120_000);
});
