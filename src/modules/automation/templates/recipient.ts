import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { contentVariables, plainText, renderContent, type Content, type ContentType } from './content.js';
import type { Rendered } from './contracts.js';
import { localDate, MissingVariableError, type VariableValues } from './variables.js';

export interface Recipient {
  community: { id: string; name: string; channel: string; status: string };
  member: { id: string; name: string; optedOut: boolean; hasIdentity: boolean } | null;
  values: VariableValues;
}

/**
 * Who a send goes to and the values its variables take for them. {{date}} is today on the workspace's
 * clock; {{member.name}} has a value only when there is one member (a private send).
 */
export async function loadRecipient(ctx: TenantCtx, communityId: string, memberId?: string | null, now = new Date()): Promise<Recipient> {
  const community = await one<Recipient['community']>(ctx.db, sql`
    select id, name, channel, status from communities where workspace_id = ${ctx.workspaceId} and id = ${communityId}`);
  if (!community) throw notFound('community');
  let member: Recipient['member'] = null;
  if (memberId) {
    member = (await one<NonNullable<Recipient['member']>>(ctx.db, sql`
      select m.id, m.display_name as name, m.opted_out as "optedOut",
        exists (select 1 from member_identities i where i.workspace_id = m.workspace_id and i.member_id = m.id and i.channel = ${community.channel}) as "hasIdentity"
      from members m where m.workspace_id = ${ctx.workspaceId} and m.id = ${memberId}`)) ?? null;
    if (!member) throw notFound('member');
  }
  const ws = await one<{ name: string }>(ctx.db, sql`select name from workspaces where id = ${ctx.workspaceId}`);
  const values: VariableValues = { 'community.name': community.name, 'workspace.name': ws!.name, date: localDate(now, ctx.timeZone) };
  if (member) values['member.name'] = member.name;
  return { community, member, values };
}

/**
 * Why a variant cannot go to a whole group, or null. {{member.name}} in a group send is refused rather than
 * filled with a stand-in such as "大家": the operator wrote a greeting for one person, and a group reading
 * "Hi 大家, your order..." is worse than a send that asks to be fixed.
 */
export function groupSendProblem(type: ContentType, content: Content): string | null {
  return contentVariables(type, content).includes('member.name')
    ? '{{member.name}} needs one member, and a group send has none: send to a member or remove the variable'
    : null;
}

export interface VariantVersion { key: string; weight: number; version: number; content: Content }

/** One variant rendered for a recipient, or the reason it cannot be. */
export function renderVariant(type: ContentType, v: VariantVersion, r: Recipient): Rendered | { error: string } {
  if (!r.member) {
    const problem = groupSendProblem(type, v.content);
    if (problem) return { error: problem };
  }
  try {
    const content = renderContent(type, v.content, r.values);
    return { variantKey: v.key, version: v.version, contentType: type, content, text: plainText(type, content) };
  } catch (err) {
    if (err instanceof MissingVariableError) return { error: err.message };
    throw err;
  }
}
