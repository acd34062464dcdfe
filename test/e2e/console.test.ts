import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createTestDatabase } from '../helpers/database.js';
import { makeWorkspace } from '../helpers/app.js';
import { buildApp } from '../../src/server/app.js';
import { withTenant } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { buildConsole, CONSOLE_DIST } from '../../src/cli/build-console.js';
import { dispatchActions } from '../../src/modules/automation/dispatch-actions.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[e2e] skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('console in Chromium', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) await buildConsole();
    database = await createTestDatabase();
    const ws = await makeWorkspace(database, 'e2e', [{ email: 'owner@e2e.test', role: 'owner' }]);
    const community = { channel: 'sandbox' as const, externalId: 'e2e-g1', name: '宝妈福利群 1', subtype: '福利群' };
    await withTenant(database, ws, { kind: 'system', name: 'e2e' }, (ctx) => ingestEvents(ctx, [
      { id: 'e1', type: 'member.joined', occurredAt: new Date(Date.now() - 3600_000).toISOString(), community, member: { channel: 'sandbox', externalId: 'a', name: '小红' }, data: { scene: 'qr_code' } },
      { id: 'e2', type: 'message.sent', occurredAt: new Date(Date.now() - 600_000).toISOString(), community, member: { channel: 'sandbox', externalId: 'a' }, data: { text: '今天的团购什么时候开始？' } },
    ]));
    app = await buildApp({ database, consoleDir: CONSOLE_DIST });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  it('logs in and opens a community page with its members and chat timeline', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.fill('#login-email', 'owner@e2e.test');
    await page.fill('#login-password', 'correct horse battery');
    await page.click('#login-submit');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${base}/communities`);
    await page.getByRole('link', { name: '宝妈福利群 1' }).first().click();
    await page.getByTestId('community-title').filter({ hasText: '宝妈福利群 1' }).waitFor({ timeout: 15_000 });
    await page.getByText('小红').first().waitFor({ timeout: 15_000 });

    // The sandbox chat: members' messages, and an operator's message delivered through the outbox.
    await page.getByRole('tab', { name: '聊天记录' }).click();
    const timeline = page.getByTestId('chat-timeline');
    await timeline.getByText('今天的团购什么时候开始？').waitFor({ timeout: 15_000 });
    await page.getByTestId('chat-input').fill('团购今晚 8 点开始');
    await page.getByTestId('chat-send').click();
    await timeline.locator('[data-testid="chat-item"][data-direction="out"]', { hasText: '团购今晚 8 点开始' }).waitFor({ timeout: 15_000 });
    expect(await dispatchActions(database)).toMatchObject({ sent: 1 });
    await timeline.locator('[data-testid="chat-item"][data-direction="out"][data-status="sent"]', { hasText: '团购今晚 8 点开始' }).waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(process.cwd(), '.tmp', 'e2e-community.png'), fullPage: true }).catch(() => undefined);
  }, 120_000);
});
