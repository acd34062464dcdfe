import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { followLink } from './follow-link.js';

/** The public side of tracked links: a member's tap lands here and goes on to the page the template named. */
export async function linkRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/l/:token', {
    config: { access: 'public' },
    schema: {
      tags: ['links'], summary: 'Follow a tracked link: records the click (not a preview fetch) and redirects (302) to the page',
      params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a link token') }),
    },
  }, async (req, reply) => {
    const url = await followLink(req.server.database, req.params.token, { ip: req.ip, userAgent: req.headers['user-agent'], method: req.method });
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (!url) return reply.code(404).type('text/plain; charset=utf-8').send('这个链接不存在或已失效 / This link does not exist.');
    return reply.redirect(url, 302);
  });
}
