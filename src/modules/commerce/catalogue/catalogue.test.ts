import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from '../../../../test/helpers/database.js';
import { as, loginAs, makeWorkspace, testApp } from '../../../../test/helpers/app.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: FastifyInstance;
let op: ReturnType<typeof as>;
let analyst: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;
const fieldOf = (res: { json: () => any }) => res.json().error.fields?.[0]?.path ?? res.json().error.message;
const product = (over: Record<string, unknown> = {}) => ({ name: '手工皂', description: '橄榄油', skus: [{ name: '100g', priceCents: 2900, stock: 10 }], ...over });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await testApp(database);
  await makeWorkspace(database, 'cat', [{ email: 'op@cat.test', role: 'operator' }, { email: 'an@cat.test', role: 'analyst' }]);
  await makeWorkspace(database, 'cat-other', [{ email: 'op@other.test', role: 'operator' }]);
  op = as(app, await loginAs(app, 'op@cat.test'));
  analyst = as(app, await loginAs(app, 'an@cat.test'));
  stranger = as(app, await loginAs(app, 'op@other.test'));
});
afterAll(async () => { await app.close(); await database.drop(); });

describe('catalogue', () => {
  it('validates products and SKUs with the field named', async () => {
    expect(fieldOf(await op.post('/api/v1/products', product({ name: '' })))).toBe('name');
    expect(fieldOf(await op.post('/api/v1/products', product({ skus: [] })))).toBe('skus');
    expect(fieldOf(await op.post('/api/v1/products', product({ skus: [{ name: 'x', priceCents: 9.5, stock: 1 }] })))).toBe('skus.0.priceCents');
    expect(fieldOf(await op.post('/api/v1/products', product({ skus: [{ name: 'x', priceCents: 100, stock: -1 }] })))).toBe('skus.0.stock');
    expect(fieldOf(await op.post('/api/v1/products', product({ status: 'sold' })))).toBe('status');
  });

  it('creates, edits, adds SKUs, lists by status; analysts read but cannot write', async () => {
    const created = await op.post('/api/v1/products', product());
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ name: '手工皂', status: 'on_sale', skus: [{ name: '100g', priceCents: 2900, currency: 'CNY', stock: 10 }] });
    const edited = (await op.put(`/api/v1/products/${p.id}`, { name: '手工皂 礼盒', description: '', status: 'off_sale' })).json();
    expect([edited.name, edited.status, edited.skus[0].stock]).toEqual(['手工皂 礼盒', 'off_sale', 10]);
    const two = (await op.post(`/api/v1/products/${p.id}/skus`, { name: '200g', priceCents: 4900, stock: 3 })).json();
    expect(two.skus.map((s: any) => s.name)).toEqual(['100g', '200g']);
    const sku = (await op.put(`/api/v1/skus/${two.skus[1].id}`, { name: '200g 装', priceCents: 4500 })).json();
    expect([sku.name, sku.priceCents, sku.stock]).toEqual(['200g 装', 4500, 3]);
    await op.post('/api/v1/products', product({ name: '香薰' }));
    expect((await analyst.get('/api/v1/products?status=off_sale')).json().items.map((x: any) => x.name)).toEqual(['手工皂 礼盒']);
    expect((await analyst.get('/api/v1/products?pageSize=1')).json()).toMatchObject({ total: 2, pageSize: 1 });
    expect((await analyst.post('/api/v1/products', product())).statusCode).toBe(403);
  });

  it('restock adds units once per key, and never overwrites', async () => {
    const p = (await op.post('/api/v1/products', product({ name: '蜡烛' }))).json();
    const url = `/api/v1/skus/${p.skus[0].id}/restock`;
    const first = (await op.post(url, { quantity: 5, idempotencyKey: 'restock-0001' })).json();
    const again = (await op.post(url, { quantity: 5, idempotencyKey: 'restock-0001' })).json();
    expect([first.stock, first.created, again.stock, again.created]).toEqual([15, true, 15, false]);
    expect(fieldOf(await op.post(url, { quantity: 0, idempotencyKey: 'restock-0002' }))).toBe('quantity');
    await Promise.all([1, 2, 3].map((i) => op.post(url, { quantity: 1, idempotencyKey: `restock-c${i}00` })));
    expect((await op.get(`/api/v1/products/${p.id}`)).json().skus[0].stock).toBe(18);
  });

  it('another workspace\'s products are not found', async () => {
    const p = (await op.post('/api/v1/products', product({ name: '私有' }))).json();
    expect((await stranger.get(`/api/v1/products/${p.id}`)).statusCode).toBe(404);
    expect((await stranger.put(`/api/v1/products/${p.id}`, {})).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/skus/${p.skus[0].id}/restock`, {})).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/products')).json().total).toBe(0);
  });
});
