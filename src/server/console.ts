import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Serves the built console; unknown non-API paths get index.html so client-side routes survive a reload. */
export async function serveConsole(app: FastifyInstance, dir: string): Promise<void> {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`console build not found in ${dir}`);
  // wildcard: files are looked up per request, so a console rebuilt while the server runs is served at once.
  await app.register(fastifyStatic, { root: dir, prefix: '/', index: ['index.html'], wildcard: true });
  // The member pages (docs/member-pages.md) are the build's second page, for /m and everything under it.
  // Their token rides in the URL's fragment; no-referrer keeps the page's address out of what it loads.
  const memberPage = (_req: FastifyRequest, reply: FastifyReply) => {
    if (!fs.existsSync(path.join(dir, 'member.html'))) return reply.code(404).send({ error: { code: 'not_found', message: 'member pages not built', fields: [] } });
    return reply.type('text/html').header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').sendFile('member.html');
  };
  app.get('/m', { schema: { hide: true } }, memberPage);
  app.get('/m/*', { schema: { hide: true } }, memberPage);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      return reply.code(404).send({ error: { code: 'not_found', message: `${req.method} ${req.url} not found`, fields: [] } });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
