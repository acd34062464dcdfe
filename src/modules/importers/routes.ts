import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../core/pagination.js';
import { invalid } from '../../core/errors.js';
import { withTenant } from '../../core/context.js';
import { checkAccess, sendCreated, tenant } from '../../server/access.js';
import { enqueueJob } from '../../jobs/queue.js';
import { importSchema, listImportsQuery, uploadQuerySchema } from './contracts.js';
import { createImport, failImport, getImport, listImports } from './imports.js';
import { formatBytes, sanitiseFileName, saveUpload, TooLargeError } from './upload.js';
import { IMPORT_PARSERS } from './registry.js';
import type { ImportParser } from './types.js';

const idParams = z.object({ id: z.uuid() });
const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;

export interface ImportRoutesOptions {
  /** The formats the upload accepts are those of these parsers; the job itself always uses IMPORT_PARSERS. */
  parsers?: ImportParser[];
}

export async function importRoutes(fastify: FastifyInstance, opts: ImportRoutesOptions = {}): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const maxBytes = fastify.importMaxBytes;
  const formats = (opts.parsers ?? IMPORT_PARSERS).map((p) => p.format);

  // In this plugin only: every body is the raw export, handed over as a stream and never buffered. The
  // built-in text/plain and JSON parsers are dropped too, or a WhatsApp .txt sent as text/plain would be
  // read whole into memory.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));

  app.post('/api/v1/imports', {
    config: write,
    bodyLimit: maxBytes,
    schema: {
      tags: ['imports'],
      summary: `Upload a chat export (the raw file as the body, up to ${formatBytes(maxBytes)}) and import it in the background`,
      querystring: uploadQuerySchema(formats),
      response: { 201: importSchema },
    },
  }, async (req, reply) => {
    const principal = checkAccess(req, write.access);
    // A declared size over the limit is refused before a byte is read; closing the connection spares the
    // client sending the rest.
    if (Number(req.headers['content-length']) > maxBytes) {
      reply.header('connection', 'close');
      throw new TooLargeError(maxBytes);
    }
    if (!(req.body instanceof Readable)) throw invalid('file', 'send the export as the request body (application/octet-stream)');

    const id = randomUUID();
    const fileName = sanitiseFileName(req.query.fileName);
    const folder = path.join(fastify.dataDir, 'uploads', principal.workspace.id, id);
    const storedPath = path.join(folder, fileName);
    const sizeBytes = await saveUpload(req.body, storedPath, maxBytes);
    const discard = () => fs.promises.rm(folder, { recursive: true, force: true });
    if (sizeBytes === 0) {
      await discard();
      throw invalid('file', 'the uploaded file is empty');
    }
    const row = await tenant(req, (ctx) => createImport(ctx, {
      id, fileName: req.query.fileName, storedPath, sizeBytes, format: req.query.format, community: req.query.community,
      timeZone: req.query.timeZone ?? ctx.timeZone,
    })).catch(async (err: unknown) => { await discard(); throw err; });
    try {
      await enqueueJob(fastify.database, 'imports.run', { workspaceId: principal.workspace.id, importId: id }, { singletonKey: `imports.run:${id}`, maxAttempts: 3 });
    } catch (err) {
      // Without its job the row would wait for ever; say so on it.
      await withTenant(fastify.database, principal.workspace, principal.actor, (ctx) => failImport(ctx, id, 'could not queue the import; upload it again', true));
      throw err;
    }
    return sendCreated(reply, row);
  });

  app.get('/api/v1/imports', {
    config: read,
    schema: { tags: ['imports'], querystring: pageQuerySchema.extend(listImportsQuery.shape), response: { 200: pageOf(importSchema) } },
  }, (req) => tenant(req, (ctx) => listImports(ctx, req.query)));

  app.get('/api/v1/imports/:id', {
    config: read, schema: { tags: ['imports'], params: idParams, response: { 200: importSchema } },
  }, (req) => tenant(req, (ctx) => getImport(ctx, req.params.id)));
}
