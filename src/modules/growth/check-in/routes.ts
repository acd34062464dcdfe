import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../core/pagination.js';
import { ownRow, tenant } from '../../../server/access.js';
import {
  calendarQuerySchema, calendarSchema, cardGrantSchema, checkInLeaderboardQuerySchema, checkInSettingsSchema, checkInSettingsViewSchema,
  checkInStandingSchema, dailyQuerySchema, dailySchema, grantCardsSchema,
} from './contracts.js';
import { checkInCalendar } from './check-in-calendar.js';
import { checkInLeaderboard } from './check-in-leaderboard.js';
import { dailyCheckIns } from './daily-check-ins.js';
import { getCheckInSettings } from './get-check-in-settings.js';
import { grantCards } from './grant-cards.js';
import { listCardEntries } from './list-card-entries.js';
import { setCheckInSettings } from './set-check-in-settings.js';

const read = { access: { role: 'analyst', scope: 'read' } } as const;
const write = { access: { role: 'operator', scope: 'write' } } as const;
const admin = { access: { role: 'admin', scope: 'write' } } as const;
const tags = ['check-in'];
const memberParams = z.object({ memberId: z.uuid('must be a member id') });

const ownMember = ownRow('members', 'member', 'memberId');

const cardEntrySchema = z.object({
  id: z.string(), delta: z.number().int().meta({ description: 'cards given (positive) or used (negative)' }),
  reason: z.enum(['milestone', 'operator', 'make_up']), note: z.string().nullable(),
  checkInDay: z.string().nullable().meta({ description: 'the day a card filled, or the check-in whose milestone gave it' }),
  createdBy: z.string().nullable(), createdByName: z.string().nullable(), createdAt: z.date(),
});

/** Check-in: analysts read, operators give make-up cards, admins change the settings; the member page's routes too. */
export async function checkInRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/check-in/settings', {
    config: read, schema: { tags, summary: 'Check-in settings, their defaults and the points rule per check-in', response: { 200: checkInSettingsViewSchema } },
  }, (req) => tenant(req, (ctx) => getCheckInSettings(ctx)));

  app.put('/api/v1/check-in/settings', {
    config: admin, schema: { tags, summary: 'Replace the check-in settings (all fields)', body: checkInSettingsSchema, response: { 200: checkInSettingsViewSchema } },
  }, (req) => tenant(req, (ctx) => setCheckInSettings(ctx, req.body)));

  app.get('/api/v1/check-in/daily', {
    config: read, schema: { tags, summary: 'Check-ins and make-ups per local day', querystring: dailyQuerySchema, response: { 200: dailySchema } },
  }, (req) => tenant(req, (ctx) => dailyCheckIns(ctx, req.query)));

  app.get('/api/v1/check-in/leaderboard', {
    config: read,
    schema: {
      tags, summary: 'Members by current streak or by days checked in over a range', querystring: checkInLeaderboardQuerySchema,
      response: { 200: pageOf(checkInStandingSchema).extend({ from: z.string().nullable(), to: z.string() }) },
    },
  }, (req) => tenant(req, (ctx) => checkInLeaderboard(ctx, req.query)));

  app.get('/api/v1/check-in/members/:memberId', {
    config: read,
    schema: { tags, summary: 'A member\'s check-in calendar for a month, streak, cards and make-ups open to them', params: memberParams, querystring: calendarQuerySchema, response: { 200: calendarSchema } },
  }, (req) => tenant(req, (ctx) => checkInCalendar(ctx, req.params.memberId, req.query)));

  app.get('/api/v1/check-in/members/:memberId/cards', {
    config: read,
    schema: { tags, summary: 'A member\'s make-up cards given and used, newest first', params: memberParams, querystring: pageQuerySchema, response: { 200: pageOf(cardEntrySchema) } },
  }, (req) => tenant(req, (ctx) => listCardEntries(ctx, req.params.memberId, req.query)));

  app.post('/api/v1/check-in/members/:memberId/cards', {
    config: write, preValidation: ownMember,
    schema: { tags, summary: 'Give a member make-up cards', params: memberParams, body: grantCardsSchema, response: { 200: cardGrantSchema } },
  }, (req) => tenant(req, (ctx) => grantCards(ctx, req.params.memberId, req.body)));
}
