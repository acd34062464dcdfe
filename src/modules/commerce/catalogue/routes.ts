import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf } from '../../../core/pagination.js';
import { sendCreated, ownRow, tenant } from '../../../server/access.js';
import { createProductSchema, listProductsSchema, newSkuSchema, productInputSchema, productSchema, restockSchema, skuInputSchema, skuSchema } from './contracts.js';
import { getProduct, listProducts } from './product-row.js';
import { addSku, createProduct, updateProduct, updateSku } from './save-product.js';
import { restockSku } from './restock-sku.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const tags = ['catalogue'];
const idParams = z.object({ id: z.uuid('must be an id') });
const ownProduct = ownRow('products', 'product');
const ownSku = ownRow('product_skus', 'sku');

/** Products and SKUs: analysts read, operators edit and restock. */
export async function catalogueRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/products', {
    config: read, schema: { tags, summary: 'Products newest first, with their SKUs and stock', querystring: listProductsSchema, response: { 200: pageOf(productSchema) } },
  }, (req) => tenant(req, (ctx) => listProducts(ctx, req.query)));

  app.post('/api/v1/products', {
    config: write, schema: { tags, summary: 'Add a product with its SKUs', body: createProductSchema, response: { 201: productSchema } },
  }, async (req, reply) => sendCreated(reply, await tenant(req, (ctx) => createProduct(ctx, req.body))));

  app.get('/api/v1/products/:id', {
    config: read, schema: { tags, params: idParams, response: { 200: productSchema } },
  }, (req) => tenant(req, (ctx) => getProduct(ctx, req.params.id)));

  app.put('/api/v1/products/:id', {
    config: write, preValidation: ownProduct,
    schema: { tags, summary: 'Name, description and on/off sale (SKUs have their own routes)', params: idParams, body: productInputSchema, response: { 200: productSchema } },
  }, (req) => tenant(req, (ctx) => updateProduct(ctx, req.params.id, req.body)));

  app.post('/api/v1/products/:id/skus', {
    config: write, preValidation: ownProduct,
    schema: { tags, summary: 'Add a SKU to a product', params: idParams, body: newSkuSchema, response: { 200: productSchema } },
  }, (req) => tenant(req, (ctx) => addSku(ctx, req.params.id, req.body)));

  app.put('/api/v1/skus/:id', {
    config: write, preValidation: ownSku,
    schema: { tags, summary: 'A SKU\'s spec and price from now on (placed orders keep their price; stock is untouched)', params: idParams, body: skuInputSchema, response: { 200: skuSchema } },
  }, (req) => tenant(req, (ctx) => updateSku(ctx, req.params.id, req.body)));

  app.post('/api/v1/skus/:id/restock', {
    config: write, preValidation: ownSku,
    schema: { tags, summary: 'Add units to a SKU (an increment; a replayed key adds nothing)', params: idParams, body: restockSchema, response: { 200: skuSchema.extend({ created: z.boolean() }) } },
  }, (req) => tenant(req, (ctx) => restockSku(ctx, req.params.id, req.body)));
}
