import { rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import type { Audience, WelcomeFlow } from './contracts.js';

export interface FlowRow {
  id: string; name: string; enabled: boolean; scopeKind: 'all' | 'type' | 'communities'; scopeType: 'basic' | 'vip' | 'distribution' | null;
  groupTemplateId: string; windowMinutes: number; privateTemplateId: string | null;
  journey: { offsetMinutes: number; templateId: string; audience: Audience }[];
  createdAt: Date; updatedAt: Date;
}

export const FLOW_COLUMNS = sql`f.id, f.name, f.enabled, f.scope_kind as "scopeKind", f.scope_type as "scopeType",
  f.group_template_id as "groupTemplateId", f.window_minutes as "windowMinutes", f.private_template_id as "privateTemplateId",
  f.journey, f.created_at as "createdAt", f.updated_at as "updatedAt"`;

/** The flows with these ids, as the API shows them (scope communities and template names filled in). */
export async function viewFlows(ctx: TenantCtx, ids: string[]): Promise<WelcomeFlow[]> {
  if (!ids.length) return [];
  const list = JSON.stringify(ids);
  const flows = await rows<FlowRow>(ctx.db, sql`
    select ${FLOW_COLUMNS} from welcome_flows f
    where f.workspace_id = ${ctx.workspaceId} and f.id in (select jsonb_array_elements_text(${list}::jsonb)::uuid)`);
  const scoped = await rows<{ flowId: string; id: string; name: string }>(ctx.db, sql`
    select fc.flow_id as "flowId", c.id, c.name from welcome_flow_communities fc
    join communities c on c.workspace_id = fc.workspace_id and c.id = fc.community_id
    where fc.workspace_id = ${ctx.workspaceId} and fc.flow_id in (select jsonb_array_elements_text(${list}::jsonb)::uuid)
    order by c.name, c.id`);
  const templateIds = [...new Set(flows.flatMap((f) => [f.groupTemplateId, f.privateTemplateId, ...f.journey.map((s) => s.templateId)]).filter((x): x is string => !!x))];
  const templates = new Map((await rows<{ id: string; name: string; status: string }>(ctx.db, sql`
    select id, name, status from message_templates
    where workspace_id = ${ctx.workspaceId} and id in (select jsonb_array_elements_text(${JSON.stringify(templateIds)}::jsonb)::uuid)`)).map((t) => [t.id, t]));
  const ref = (id: string) => ({ id, name: templates.get(id)?.name ?? null, status: templates.get(id)?.status ?? null });
  const byId = new Map(flows.map((f) => {
    const communities = scoped.filter((s) => s.flowId === f.id).map(({ id, name }) => ({ id, name }));
    const scope: WelcomeFlow['scope'] = f.scopeKind === 'all' ? { kind: 'all' }
      : f.scopeKind === 'type' ? { kind: 'type', type: f.scopeType! }
        : { kind: 'communities', communityIds: communities.map((c) => c.id), communities };
    const view: WelcomeFlow = {
      id: f.id, name: f.name, enabled: f.enabled, scope,
      groupWelcome: { templateId: f.groupTemplateId, windowMinutes: f.windowMinutes, template: ref(f.groupTemplateId) },
      privateWelcome: f.privateTemplateId ? { templateId: f.privateTemplateId, template: ref(f.privateTemplateId) } : null,
      journey: f.journey.map((s) => ({ ...s, template: ref(s.templateId) })),
      createdAt: f.createdAt, updatedAt: f.updatedAt,
    };
    return [f.id, view];
  }));
  return ids.map((id) => byId.get(id)).filter((f): f is WelcomeFlow => !!f);
}

/** One flow; another workspace's is "not found". */
export async function getWelcomeFlow(ctx: TenantCtx, id: string): Promise<WelcomeFlow> {
  const [flow] = await viewFlows(ctx, [id]);
  if (!flow) throw notFound('welcome flow');
  return flow;
}
