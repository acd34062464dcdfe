import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/shequn.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequn-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real `shequn` binary on the embedded database, as a user would. */
function shequn(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 150_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

// Each command is a fresh Node process that loads the app and opens the embedded database: seconds when the
// machine is idle, a minute or more on a loaded 2-core CI machine, so these tests get room beyond the default.
const SLOW = 240_000;

describe('shequn CLI', () => {
  it('has --help on every command', async () => {
    const [root, start, migrate, simulate, imp] = await Promise.all([
      shequn('--help'), shequn('start', '--help'), shequn('migrate', '--help'), shequn('simulate', '--help'), shequn('import', '--help'),
    ]);
    for (const r of [root, start, migrate, simulate, imp]) expect(r.code).toBe(0);
    expect(root.stdout).toMatch(/start[\s\S]*migrate[\s\S]*simulate[\s\S]*import/);
    for (const flag of ['--format', '--workspace', '--community', '--timezone', '--json']) expect(imp.stdout).toContain(flag);
    for (const flag of ['--port', '--host', '--data-dir', '--role', '--no-demo']) expect(start.stdout).toContain(flag);
    expect(migrate.stdout).toContain('--data-dir');
    for (const flag of ['--workspace', '--communities', '--members', '--days', '--seed']) expect(simulate.stdout).toContain(flag);
  }, SLOW);

  it('refuses bad options with a message naming the option', async () => {
    const [zero, port, role, worker] = await Promise.all([
      shequn('simulate', '--communities', '0', '--data-dir', dataDir),
      shequn('start', '--port', 'abc', '--data-dir', dataDir),
      shequn('start', '--role', 'chef', '--data-dir', dataDir),
      shequn('start', '--role', 'worker', '--data-dir', dataDir),
    ]);
    expect(zero).toMatchObject({ code: 1 });
    expect(zero.stderr).toContain('--communities: 0 is not a positive whole number');
    expect(port.code).not.toBe(0);
    expect(port.stderr).toContain('--port: abc is not a port number');
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain('--role');
    expect(worker.code).toBe(1);
    expect(worker.stderr).toContain('--role worker needs DATABASE_URL');
  }, SLOW);

  it('migrates and simulates into the embedded database, and a re-run adds nothing', async () => {
    const migrated = await shequn('migrate', '--data-dir', dataDir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('migration(s) applied on pglite');
    const args = ['simulate', '--workspace', 'cli', '--communities', '2', '--members', '30', '--days', '2', '--seed', '3', '--data-dir', dataDir];
    const first = await shequn(...args);
    expect(first.code).toBe(0);
    const [, total, stored] = /([\d,]+) events \(([\d,]+) new\)/.exec(first.stdout) ?? [];
    expect(Number(total?.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(stored).toBe(total);
    const again = await shequn(...args);
    expect(again.stdout).toContain(`${total} events (0 new)`);
  }, SLOW);

  it('imports a chat export, says which format it detected, shows unread lines, and a re-import adds nothing', async () => {
    const fixture = path.resolve('src/modules/importers/fixtures/whatsapp/WhatsApp Chat with 周末读书会.txt');
    const args = ['import', fixture, '--workspace', 'cli-import', '--data-dir', dataDir];
    const first = await shequn(...args);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('detected as whatsapp');
    expect(first.stdout).toMatch(/line \d+: ".*" \(unrecognised system line\)/);
    const again = await shequn(...args, '--json');
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary).toMatchObject({ format: 'whatsapp', stored: 0, detection: { auto: true } });
    expect(summary.duplicates).toBeGreaterThan(0);
    const unknown = await shequn('import', path.resolve('README.md'), '--workspace', 'cli-import', '--data-dir', dataDir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('format: could not recognise');
    const badZone = await shequn(...args, '--timezone', 'Mars/Base');
    expect(badZone.stderr).toContain('timezone: Mars/Base is not an IANA time zone');
  }, SLOW);

  it('reports the health of a group from its export without writing anything, as text, JSON and HTML', async () => {
    const fixture = path.resolve('src/modules/importers/fixtures/slack/export');
    const html = path.join(dataDir, 'report.html');
    const before = fs.readdirSync(dataDir).sort();
    const json = await shequn('report', fixture, '--json', '--timezone', 'Asia/Shanghai', '--html', html);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.import).toMatchObject({ format: 'slack', detection: { auto: true }, chats: 3, unparsed: 2 });
    expect(Object.keys(report.metrics)).toEqual(expect.arrayContaining([
      'messages', 'speakers', 'members_known', 'joins', 'leaves', 'top20_share', 'gini', 'absence_factor', 'reply_share',
      'median_first_reply_minutes', 'value_contributors', 'value_output_per_week', 'lurker_share', 'activation_48h',
      'dau', 'wau', 'mau', 'stickiness', 'leave_spikes', 'top_speakers',
    ]));
    expect(report.metrics).toMatchObject({ messages: 9, speakers: 5, joins: 3, leaves: 1 });
    expect(report.metrics.top_speakers[0]).toMatchObject({ name: 'Carol', messages: 3 });
    expect(Object.keys(report.segments.counts)).toEqual(expect.arrayContaining(['lifecycle:active', 'lifecycle:left', 'role:core', 'role:lurker', 'level:1', 'level:4']));
    // Carol, Bob Li, dave.z, Erin Wu and 爱丽 are still in; the leaver is counted as left.
    expect(report.segments.counts['lifecycle:left']).toBe(1);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('<code>top20_share</code>');
    expect(page).toContain('Carol');
    const text = await shequn('report', fixture, '--timezone', 'Asia/Shanghai');
    expect(text.stdout).toMatch(/gini\s+0\.222/);
    expect(fs.readdirSync(dataDir).sort()).toEqual([...before, 'report.html'].sort());
  }, SLOW);
});
