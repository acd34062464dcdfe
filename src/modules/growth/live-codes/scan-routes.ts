import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../core/errors.js';
import { withTenantRetrying } from '../../../core/context.js';
import { RESERVATION_MINUTES, normaliseSource } from './contracts.js';
import { joinFromScan } from './join-from-scan.js';
import { findLiveCode, scanLiveCode } from './scan-live-code.js';
import { renderScanPage, type PageView } from './scan-page.js';
import { scanPath } from './scan-url.js';
import { wecomScanQr } from '../../../channels/wecom/join-way-scan.js';

const SCAN_COOKIE = 'shequn_scan';
/** The sandbox member a browser joins as, so one person trying the demo twice is one member. */
const GUEST_COOKIE = 'shequn_guest';
const actor = { kind: 'system' as const, name: 'live-code' };
const slugParams = z.object({ slug: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'not a live code') });
const STATUS: Record<PageView['kind'], number> = { routed: 200, joined: 200, preview: 200, full: 503, disabled: 403, not_found: 404, refused: 409, wecom: 200, wecom_pending: 503 };

function sendPage(reply: FastifyReply, view: PageView, status = STATUS[view.kind]) {
  return reply.code(status).type('text/html; charset=utf-8')
    .header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
    // A WeCom code's page shows WeCom's QR image, served from WeCom's own https host.
    .header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'${view.kind === 'wecom' ? '; img-src https:' : ''}`)
    .send(renderScanPage(view));
}

/**
 * The public side of live codes: a scan lands on GET /j/:slug (the QR code's address), is routed and sees its
 * group; in the sandbox, the page's button joins it. No login: members only ever meet these pages.
 */
export async function scanRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // The page's form posts without scripts; this scope alone accepts form bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get('/j/:slug', {
    // Generous per address: a poster at an event has a whole room scanning behind one Wi-Fi.
    config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
    schema: {
      tags: ['live-codes'], summary: 'Scan a live code: records the scan, routes it to a group with room and answers a mobile page (HTML)',
      params: slugParams,
      querystring: z.object({
        s: z.string().max(2000).optional().meta({ description: 'the source (cut to 64 characters)' }),
        state: z.string().max(2000).optional().meta({ description: 'the same, under the name WeCom uses' }),
      }),
      response: { 200: z.string().meta({ description: 'text/html' }) },
    },
  }, async (req, reply) => {
    const { slug } = req.params;
    const visit = await scanLiveCode(req.server.database, slug, {
      ip: req.ip, userAgent: req.headers['user-agent'], method: req.method, source: normaliseSource(req.query.s ?? req.query.state),
      previousScanId: req.cookies[SCAN_COOKIE],
    });
    if (!visit) return sendPage(reply, { kind: 'not_found', title: '活码 · Live code' });
    const title = visit.code.name;
    const { outcome } = visit;
    // A WeCom code: the scan is recorded and routed as any other, then WeCom's join-way QR takes the member on
    // (WeCom itself picks among the five groups, and opens a new one when they are full).
    if (outcome.kind === 'full' || (outcome.kind === 'routed' && outcome.community.channel === 'wecom')) {
      const wecom = await wecomScanQr(req.server.database, visit.code.workspace, visit.code.id);
      if (wecom) return sendPage(reply, wecom.qrCode ? { kind: 'wecom', title, qrCode: wecom.qrCode } : { kind: 'wecom_pending', title });
    }
    if (outcome.kind !== 'routed') return sendPage(reply, { kind: outcome.kind, title });
    reply.setCookie(SCAN_COOKIE, outcome.scanId, {
      path: scanPath(slug), maxAge: RESERVATION_MINUTES * 60, httpOnly: true, sameSite: 'lax', secure: req.server.secureCookies,
    });
    return sendPage(reply, { kind: 'routed', title, community: outcome.community.name, channel: outcome.community.channel, joinAction: `${scanPath(slug)}/join`, scanId: outcome.scanId });
  });

  app.post('/j/:slug/join', {
    config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: ['live-codes'], summary: 'Sandbox only: join the group a scan was sent to, as a guest member (the page\'s button; HTML)',
      params: slugParams,
      body: z.object({
        scan: z.uuid('must be the scan id the page carries'),
        name: z.string().trim().max(40, 'at most 40 characters').optional(),
      }),
      response: { 200: z.string().meta({ description: 'text/html' }) },
    },
  }, async (req, reply) => {
    const { slug } = req.params;
    const code = await findLiveCode(req.server.database, slug);
    if (!code) return sendPage(reply, { kind: 'not_found', title: '活码 · Live code' });
    let guest = req.cookies[GUEST_COOKIE];
    if (!guest || !/^[0-9a-f]{12}$/.test(guest)) {
      guest = randomBytes(6).toString('hex');
      reply.setCookie(GUEST_COOKIE, guest, { path: '/j', maxAge: 365 * 86400, httpOnly: true, sameSite: 'lax', secure: req.server.secureCookies });
    }
    try {
      const joined = await withTenantRetrying(req.server.database, code.workspace, actor, (ctx) => joinFromScan(ctx, {
        liveCodeId: code.id, scanId: req.body.scan, memberExternalId: `guest-${guest}`, name: req.body.name || `访客 ${guest.slice(0, 4)}`,
      }));
      return sendPage(reply, { kind: 'joined', title: code.name, community: joined.community.name, already: joined.already });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return sendPage(reply, { kind: 'refused', title: code.name, reason: err.message, retry: scanPath(slug) }, err.status);
    }
  });
}
