import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestDatabase } from '../helpers/database.js';
import { buildApp } from '../../src/server/app.js';
import { withTenant, type WorkspaceRef } from '../../src/core/context.js';
import { ingestEvents } from '../../src/modules/tracking/ingest-events.js';
import { buildConsole, consoleBuildNeeded, CONSOLE_DIST } from '../../src/cli/build-console.js';
import { rows, sql } from '../../src/db/client.js';

// What every browser test shares: Debian's Chromium (never a downloaded one), the built console served by a
// real app on a free port over a fresh database, and a signed-in page. Each file keeps only its own story.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);

/** Says once, plainly, why a file's browser tests are skipped. */
export function warnIfNoChromium(what: string): void {
  if (!haveChromium) console.warn(`[e2e] skipping ${what}: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

export interface Stage {
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  app: FastifyInstance;
  browser: Browser;
  /** The app's address, `http://127.0.0.1:<port>`. */
  base: string;
  close: () => Promise<void>;
}

/** A fresh database, the app on it serving the console (built first when stale), and Chromium. */
export async function openStage(opts: { dataDir?: string } = {}): Promise<Stage> {
  if (consoleBuildNeeded()) await buildConsole();
  const database = await createTestDatabase();
  const app = await buildApp({ database, consoleDir: CONSOLE_DIST, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    database, app, browser, base,
    close: async () => { await browser.close(); await app.close(); await database.drop(); },
  };
}

/** The console as an operator in China sees it; `failed` collects uncaught page errors for the test to check. */
export async function consolePage(stage: Stage, extra: BrowserContextOptions = {}): Promise<{ page: Page; failed: string[] }> {
  const page = await stage.browser.newPage({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN', ...extra });
  const failed: string[] = [];
  page.on('pageerror', (e) => failed.push(e.message));
  return { page, failed };
}

/** A phone, for the member pages. */
export async function phonePage(stage: Stage): Promise<{ page: Page; failed: string[] }> {
  const context = await stage.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  const page = await context.newPage();
  const failed: string[] = [];
  page.on('pageerror', (e) => failed.push(e.message));
  return { page, failed };
}

/** Signs in through the login form, as a person does. */
export async function signIn(page: Page, base: string, email: string, password = 'correct horse battery'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Members who joined one sandbox group an hour ago (or `at`), by their external id → member id.
 */
export async function sandboxGroup(stage: Stage, ws: WorkspaceRef, group: { externalId: string; name: string }, members: { externalId: string; name: string }[], at = new Date(Date.now() - 3600_000)): Promise<Record<string, string>> {
  return withTenant(stage.database, ws, { kind: 'system', name: 'e2e' }, async (ctx) => {
    await ingestEvents(ctx, members.map((m) => ({
      id: `${group.externalId}-${m.externalId}-joined`, type: 'member.joined', occurredAt: at.toISOString(),
      community: { channel: 'sandbox', ...group }, member: { channel: 'sandbox', ...m }, data: {},
    })));
    const found = await rows<{ externalId: string; id: string }>(ctx.db, sql`
      select external_id as "externalId", member_id as id from member_identities where workspace_id = ${ctx.workspaceId} and channel = 'sandbox'`);
    return Object.fromEntries(found.map((r) => [r.externalId, r.id]));
  });
}

/** An AntD Select dropdown that is open and done sliding in (a click during the animation can miss). */
export const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-enter"]):not([class*="-appear"])';

/**
 * Picks `text` in the searchable Select with test id `testId`, typing `search` first, and waits until its
 * dropdown has closed: under load, search results arriving after the click can reopen it over the dialog's
 * buttons, so a dropdown still open after the choice is closed with Escape.
 */
export async function pickOption(page: Page, testId: string, text: string, search = text): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  await page.keyboard.type(search);
  await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option', { hasText: text }).first().click();
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let i = 0; i < 3 && await open.count() > 0; i++) {
    await open.first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => page.keyboard.press('Escape'));
  }
  await select.getByText(text).first().waitFor({ timeout: 15_000 });
}
