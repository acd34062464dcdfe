import type { Database } from '../../../db/client.js';
import { withTenant, type TenantCtx } from '../../../core/context.js';
import { createCommunity } from '../../community/communities.js';
import { createTemplate } from '../templates/create-template.js';
import type { WorkspaceRow } from '../../workspace/create-workspace.js';
import { planInputSchema, type PlanInput } from './contracts.js';

export const system = { kind: 'system' as const, name: 'test' };

export const inTenant = <T>(database: Database, ws: WorkspaceRow, fn: (ctx: TenantCtx) => Promise<T>) => withTenant(database, ws, system, fn);

export async function makeTemplate(ctx: TenantCtx, name: string, text = `${name} {{community.name}}`): Promise<string> {
  return (await createTemplate(ctx, { name, contentType: 'text', variants: [{ key: 'A', weight: 1, content: { text } }] })).id;
}

export async function makeCommunity(ctx: TenantCtx, name: string, type: 'basic' | 'vip' | 'distribution' = 'basic'): Promise<string> {
  return (await createCommunity(ctx, { name, type, channel: 'sandbox', capacity: 500, tags: [] })).id;
}

/** A plan input with the contract's defaults filled in, as the route would pass it. */
export const plan = (input: Record<string, unknown>): PlanInput => planInputSchema.parse(input);
