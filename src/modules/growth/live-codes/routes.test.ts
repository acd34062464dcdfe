import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { create } from 'qrcode';
import { inflateSync } from 'node:zlib';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';
import { groupWith } from '../../../../test/helpers/live-codes.js';
import type { WorkspaceRef } from '../../../core/context.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let ws: WorkspaceRef;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
const groups: Record<string, string> = {};

const body = (over: Record<string, unknown> = {}) => ({ name: '福利活码', communityIds: [groups.a], ...over });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  ws = await makeWorkspace(database, 'live-api', [{ email: 'op@l.test', role: 'operator' }, { email: 'analyst@l.test', role: 'analyst' }]);
  await makeWorkspace(database, 'live-other', [{ email: 'op@other.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@l.test'));
  analyst = as(app, await loginAs(app, 'analyst@l.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
  groups.a = await groupWith(database, ws, 'api-a', { members: 1 });
  groups.b = await groupWith(database, ws, 'api-b', { members: 1 });
  groups.hook = await groupWith(database, ws, 'api-hook', { members: 1, channel: 'webhook' });
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('live code configuration', () => {
  let id: string;

  it('lets operators create one with defaults, analysts read but not write', async () => {
    const res = await op.post('/api/v1/live-codes', body());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      name: '福利活码', baseName: '福利活码', channel: 'sandbox', strategy: 'fill_in_order', capacity: 200, enabled: true, canOpenCommunities: true, full: false,
      pool: [{ id: groups.a, name: 'api-a', position: 0, members: 1, reserved: 0, capacity: 200, full: false, createdByLiveCode: false }], scans: 0, joins: 0,
    });
    expect(res.json().slug).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(res.json().path).toBe(`/j/${res.json().slug}`);
    expect((await analyst.get('/api/v1/live-codes')).json()).toMatchObject({ total: 1, items: [{ id }] });
    expect((await analyst.post('/api/v1/live-codes', body({ name: 'x' }))).statusCode).toBe(403);
    expect((await analyst.patch(`/api/v1/live-codes/${id}`, { enabled: false })).statusCode).toBe(403);
  });

  it('names the field of a bad value', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: ' ' }, 'name'],
      [{ strategy: 'random' }, 'strategy'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 2.5 }, 'capacity'],
      [{ baseName: '' }, 'baseName'],
      [{ channel: 'fax' }, 'channel'],
      [{ communityIds: ['nope'] }, 'communityIds.0'],
      [{ communityIds: [groups.a, groups.b, groups.a] }, 'communityIds.2'],
      [{ communityIds: [groups.b, '6f1c2d3e-0000-4000-8000-000000000000'] }, 'communityIds.1'],
      [{ communityIds: [groups.a, groups.hook] }, 'communityIds.1'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [payload, field] of cases) {
      const res = await op.post('/api/v1/live-codes', { ...body({ name: `x-${field}` }), ...payload });
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().error.message, field).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}:|key: "${field}"`));
    }
    const dup = await op.post('/api/v1/live-codes', body({ name: '福利活码' }));
    expect([dup.statusCode, dup.json().error.fields[0].path]).toEqual([409, 'name']);
    // Nothing of the refused ones was written.
    expect((await op.get('/api/v1/live-codes')).json().total).toBe(1);
    const days = await op.get(`/api/v1/live-codes/${id}/stats?days=0`);
    expect([days.statusCode, days.json().error.message]).toEqual([400, 'days: must be at least 1']);
  });

  it('edits keep the address, pause and resume, and delete', async () => {
    const before = (await op.get(`/api/v1/live-codes/${id}`)).json();
    const res = await op.put(`/api/v1/live-codes/${id}`, body({ strategy: 'round_robin', capacity: 150, baseName: '福利群', communityIds: [groups.b, groups.a] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ slug: before.slug, strategy: 'round_robin', capacity: 150, baseName: '福利群', pool: [{ id: groups.b, position: 0 }, { id: groups.a, position: 1 }] });
    expect((await op.patch(`/api/v1/live-codes/${id}`, { enabled: false })).json().enabled).toBe(false);
    const paused = await app.inject({ method: 'GET', url: `/j/${before.slug}`, headers: { 'user-agent': 'Mozilla/5.0 (iPhone)' } });
    expect([paused.statusCode, paused.body.includes('暂停')]).toEqual([403, true]);
    expect((await op.patch(`/api/v1/live-codes/${id}`, { enabled: true })).json().enabled).toBe(true);
    const other = (await op.post('/api/v1/live-codes', body({ name: '待删除' }))).json();
    expect((await op.delete(`/api/v1/live-codes/${other.id}`)).json()).toEqual({ ok: true });
    expect((await op.get(`/api/v1/live-codes/${other.id}`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/j/${other.slug}` })).statusCode).toBe(404);
  });

  it('answers "not found" for another workspace\'s live code on every route, whatever the body', async () => {
    const urls = ['', '/stats', '/qr.png', '/qr.svg'];
    for (const u of urls) {
      const res = await stranger.get(`/api/v1/live-codes/${id}${u}`);
      expect([u, res.statusCode]).toEqual([u, 404]);
    }
    expect((await stranger.put(`/api/v1/live-codes/${id}`, { name: '' })).statusCode).toBe(404);
    expect((await stranger.patch(`/api/v1/live-codes/${id}`, { enabled: 'yes' })).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/live-codes/${id}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/live-codes')).json().total).toBe(0);
    expect((await op.get(`/api/v1/live-codes/${id}`)).json().enabled).toBe(true);
  });
});

/** The dark modules an SVG from the qrcode package draws ("M<x> <y>.5h<n>m<n> 0..." per row), as a bit matrix. */
function svgModules(svg: string, margin: number): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1]) - 2 * margin;
  const out = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)![1]!;
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of path.matchAll(/([MmHhVv])(-?\d+(?:\.\d+)?)(?:\s+(-?\d+(?:\.\d+)?))?/g)) {
    const n = Number(a);
    if (op === 'M') { x = n; y = Math.floor(Number(b)); } else if (op === 'm') { x += n; y += Math.floor(Number(b ?? 0)); } else if (op === 'h') {
      for (let i = 0; i < n; i++) out[y - margin]![x - margin + i] = true;
      x += n;
    }
  }
  return out;
}

const matrixOf = (url: string) => {
  const q = create(url, { errorCorrectionLevel: 'M' });
  const size = q.modules.size;
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => !!q.modules.data[r * size + c]));
};

describe('QR codes', () => {
  it('encode the public scan address (with the source) as SVG and as a 512 px PNG, different per code', async () => {
    const one = (await op.post('/api/v1/live-codes', body({ name: 'QR 一' }))).json();
    const two = (await op.post('/api/v1/live-codes', body({ name: 'QR 二' }))).json();
    process.env.SHEQUN_PUBLIC_URL = 'https://go.shop.cn/';
    try {
      const svg = await analyst.get(`/api/v1/live-codes/${one.id}/qr.svg?s=wechat-article`);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(svgModules(svg.body, 2)).toEqual(matrixOf(`https://go.shop.cn/j/${one.slug}?s=wechat-article`));
      expect(svgModules(svg.body, 2)).not.toEqual(matrixOf(`https://go.shop.cn/j/${one.slug}`));
      const plain = await analyst.get(`/api/v1/live-codes/${one.id}/qr.svg`);
      expect(svgModules(plain.body, 2)).toEqual(matrixOf(`https://go.shop.cn/j/${one.slug}`));

      const png = await analyst.get(`/api/v1/live-codes/${one.id}/qr.png`);
      expect(png.headers['content-type']).toBe('image/png');
      const bytes = png.rawPayload;
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([512, 512]);
      // The image data inflates to 512 rows of pixels (plus a filter byte each): a whole, readable PNG.
      const idat = [];
      for (let at = 8; at < bytes.length;) {
        const len = bytes.readUInt32BE(at);
        if (bytes.subarray(at + 4, at + 8).toString('latin1') === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + len));
        at += 12 + len;
      }
      const raw = inflateSync(Buffer.concat(idat));
      expect(raw.length % 512).toBe(0);
      const other = await analyst.get(`/api/v1/live-codes/${two.id}/qr.png`);
      expect(Buffer.compare(other.rawPayload, bytes)).not.toBe(0);
    } finally {
      delete process.env.SHEQUN_PUBLIC_URL;
    }
    // Without a configured address, the one the request came in on.
    const local = await analyst.get(`/api/v1/live-codes/${one.id}/qr.svg`);
    expect(svgModules(local.body, 2)).toEqual(matrixOf(`http://localhost:80/j/${one.slug}`));
  });
});
