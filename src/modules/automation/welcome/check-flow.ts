import { one, rows, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { AppError, invalid } from '../../../core/errors.js';
import { offeredVariants } from '../templates/get-template.js';
import { groupSendProblem } from '../templates/recipient.js';
import type { ContentType, Content } from '../templates/content.js';
import type { WelcomeFlowValues } from './contracts.js';

const conflict = (path: string, message: string) => new AppError('conflict', `${path}: ${message}`, [{ path, message }]);

/** The template slots of a flow with their field paths and whether they go to a whole group. */
function templateSlots(v: WelcomeFlowValues): { path: string; id: string; group: boolean }[] {
  return [
    { path: 'groupWelcome.templateId', id: v.groupWelcome.templateId, group: true },
    ...(v.privateWelcome ? [{ path: 'privateWelcome.templateId', id: v.privateWelcome.templateId, group: false }] : []),
    ...v.journey.map((s, i) => ({ path: `journey.${i}.templateId`, id: s.templateId, group: s.audience === 'group' })),
  ];
}

/**
 * What the schema cannot see: the templates exist, are in use and suit where they go, the communities are
 * this workspace's, and no other flow already holds the same target. Checked at save time so a flow that
 * could never send is fixed in the editor, not discovered when the first newcomer is left unwelcomed.
 */
export async function checkFlow(ctx: TenantCtx, v: WelcomeFlowValues, selfId: string | null): Promise<void> {
  for (const slot of templateSlots(v)) {
    const t = await one<{ status: string; contentType: ContentType }>(ctx.db, sql`
      select status, content_type as "contentType" from message_templates where workspace_id = ${ctx.workspaceId} and id = ${slot.id}`);
    if (!t) throw invalid(slot.path, 'template not found');
    if (t.status !== 'active') throw invalid(slot.path, 'template is archived; restore it or pick another');
    if (!slot.group) continue;
    for (const variant of await offeredVariants(ctx, slot.id)) {
      const problem = groupSendProblem(t.contentType, variant.content as Content);
      if (problem) throw invalid(slot.path, `variant ${variant.key}: ${problem}`);
    }
  }

  const self = selfId ?? '00000000-0000-0000-0000-000000000000';
  const named = await one<{ id: string }>(ctx.db, sql`
    select id from welcome_flows where workspace_id = ${ctx.workspaceId} and lower(name) = lower(${v.name}) and id <> ${self}`);
  if (named) throw conflict('name', 'another welcome flow has this name');

  if (v.scope.kind === 'all' || v.scope.kind === 'type') {
    const other = await one<{ name: string }>(ctx.db, sql`
      select name from welcome_flows where workspace_id = ${ctx.workspaceId} and id <> ${self} and scope_kind = ${v.scope.kind}
        and (${v.scope.kind === 'all'} or scope_type = ${v.scope.kind === 'type' ? v.scope.type : null})`);
    if (other) {
      const target = v.scope.kind === 'all' ? 'all communities' : `${v.scope.type} communities`;
      throw conflict('scope', `the flow "${other.name}" already welcomes ${target}; edit that one instead`);
    }
    return;
  }
  const ids = v.scope.communityIds;
  const found = await rows<{ id: string; name: string; flowName: string | null }>(ctx.db, sql`
    select c.id, c.name, f.name as "flowName" from communities c
    left join welcome_flow_communities fc on fc.workspace_id = c.workspace_id and fc.community_id = c.id and fc.flow_id <> ${self}
    left join welcome_flows f on f.workspace_id = fc.workspace_id and f.id = fc.flow_id
    where c.workspace_id = ${ctx.workspaceId} and c.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`);
  const byId = new Map(found.map((c) => [c.id, c]));
  for (const [i, id] of ids.entries()) {
    const c = byId.get(id);
    if (!c) throw invalid(`scope.communityIds.${i}`, 'community not found');
    if (ids.indexOf(id) !== i) throw invalid(`scope.communityIds.${i}`, 'listed twice');
    if (c.flowName) throw conflict(`scope.communityIds.${i}`, `"${c.name}" already has its own flow "${c.flowName}"`);
  }
}
