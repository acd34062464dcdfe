import type { FastifyInstance } from 'fastify';
import { workspaceRoutes } from '../modules/workspace/routes.js';
import { communityRoutes } from '../modules/community/routes.js';
import { trackingRoutes } from '../modules/tracking/routes.js';
import { analyticsRoutes } from '../modules/analytics/routes.js';
import { dashboardRoutes } from '../modules/analytics/dashboard-routes.js';
import { segmentRoutes } from '../modules/analytics/segment-routes.js';
import { networkRoutes } from '../modules/analytics/network-routes.js';
import { importRoutes } from '../modules/importers/routes.js';
import { guardrailRoutes } from '../modules/automation/guardrails/routes.js';
import { templateRoutes } from '../modules/automation/templates/routes.js';
import { staffTaskRoutes } from '../modules/automation/tasks/routes.js';
import { triggerRoutes } from '../modules/automation/triggers/routes.js';
import { sopRoutes } from '../modules/automation/sop/routes.js';
import { welcomeRoutes } from '../modules/automation/welcome/routes.js';
import { outboxRoutes } from '../modules/automation/outbox/routes.js';
import { linkRoutes } from '../modules/automation/links/routes.js';
import { liveCodeRoutes } from '../modules/growth/live-codes/routes.js';
import { checkInRoutes } from '../modules/growth/check-in/routes.js';
import { leaderboardRoutes } from '../modules/growth/leaderboards/routes.js';
import { pointsRoutes } from '../modules/loyalty/points/routes.js';
import { rewardRoutes } from '../modules/loyalty/rewards/routes.js';

/** Every module's routes; a new module adds one line here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(workspaceRoutes);
  await app.register(communityRoutes);
  await app.register(trackingRoutes);
  await app.register(analyticsRoutes);
  await app.register(dashboardRoutes);
  await app.register(segmentRoutes);
  await app.register(networkRoutes);
  await app.register(importRoutes);
  await app.register(outboxRoutes);
  await app.register(guardrailRoutes);
  await app.register(templateRoutes);
  await app.register(staffTaskRoutes);
  await app.register(triggerRoutes);
  await app.register(sopRoutes);
  await app.register(welcomeRoutes);
  await app.register(linkRoutes);
  await app.register(liveCodeRoutes);
  await app.register(checkInRoutes);
  await app.register(leaderboardRoutes);
  await app.register(pointsRoutes);
  await app.register(rewardRoutes);
}
