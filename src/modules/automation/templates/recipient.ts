import { one, rows, sql, uuids } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { contentVariables, plainText, renderContent, type Content, type ContentType } from './content.js';
import type { Rendered } from './contracts.js';
import { isCouponVariable, localDate, MissingVariableError, type VariableValues } from './variables.js';
import { memberLinkSigner, type MemberLink, type MemberLinkOptions } from '../../member-pages/member-links.js';
import { trackingBaseFor } from '../links/link-base.js';

export interface Recipient {
  community: { id: string; name: string; channel: string; status: string };
  member: { id: string; name: string; optedOut: boolean; hasIdentity: boolean } | null;
  values: VariableValues;
}

export interface RecipientRef { communityId: string; memberId?: string | null }

/** Everything the recipients of many sends need, read in three queries whatever their number. */
export interface RecipientSet {
  communities: Map<string, Recipient['community']>;
  members: Map<string, { id: string; name: string; optedOut: boolean; channels: string[] }>;
  shared: VariableValues;
  /** Signs {{member.link}}: a member's link to their pages (docs/member-pages.md); present when there are members. */
  linkFor?: (memberId: string, opts: MemberLinkOptions) => MemberLink;
}

/**
 * Who sends go to and the values their variables take. {{date}} is today on the workspace's clock;
 * {{member.name}} has a value only when there is one member (a private send).
 */
export async function loadRecipients(ctx: TenantCtx, refs: RecipientRef[], now = new Date()): Promise<RecipientSet> {
  const communityIds = [...new Set(refs.map((r) => r.communityId))];
  const memberIds = [...new Set(refs.flatMap((r) => (r.memberId ? [r.memberId] : [])))];
  const communities = await rows<Recipient['community']>(ctx.db, sql`
    select id, name, channel, status from communities where workspace_id = ${ctx.workspaceId} and id = any(${uuids(communityIds)})`);
  const members = memberIds.length ? await rows<{ id: string; name: string; optedOut: boolean; channels: string[] }>(ctx.db, sql`
    select m.id, m.display_name as name, m.opted_out as "optedOut",
      coalesce((select array_agg(distinct i.channel) from member_identities i where i.workspace_id = m.workspace_id and i.member_id = m.id), '{}') as channels
    from members m where m.workspace_id = ${ctx.workspaceId} and m.id = any(${uuids(memberIds)})`) : [];
  const ws = await one<{ name: string }>(ctx.db, sql`select name from workspaces where id = ${ctx.workspaceId}`);
  return {
    communities: new Map(communities.map((c) => [c.id, c])),
    members: new Map(members.map((m) => [m.id, m])),
    shared: { 'workspace.name': ws!.name, date: localDate(now, ctx.timeZone) },
    ...(members.length ? { linkFor: await memberLinkSigner(ctx) } : {}),
  };
}

/** One send's recipient out of a loaded set; an id the set does not hold is "not found". */
export function recipientOf(set: RecipientSet, ref: RecipientRef): Recipient {
  const community = set.communities.get(ref.communityId);
  if (!community) throw notFound('community');
  let member: Recipient['member'] = null;
  if (ref.memberId) {
    const m = set.members.get(ref.memberId);
    if (!m) throw notFound('member');
    member = { id: m.id, name: m.name, optedOut: m.optedOut, hasIdentity: m.channels.includes(community.channel) };
  }
  const values: VariableValues = { ...set.shared, 'community.name': community.name };
  if (member) values['member.name'] = member.name;
  // No value (so the send is refused) when members of this channel could not open a link to this instance.
  const base = member && set.linkFor ? trackingBaseFor(community.channel) : null;
  if (member && base) values['member.link'] = set.linkFor!(member.id, { baseUrl: base }).url;
  return { community, member, values };
}

export async function loadRecipient(ctx: TenantCtx, communityId: string, memberId?: string | null, now = new Date()): Promise<Recipient> {
  return recipientOf(await loadRecipients(ctx, [{ communityId, memberId }], now), { communityId, memberId });
}

/**
 * Why a variant cannot go to a whole group, or null. {{member.name}} in a group send is refused rather than
 * filled with a stand-in such as "大家": the operator wrote a greeting for one person, and a group reading
 * "Hi 大家, your order..." is worse than a send that asks to be fixed.
 */
export function groupSendProblem(type: ContentType, content: Content): string | null {
  const used = contentVariables(type, content);
  if (used.includes('member.name')) return '{{member.name}} needs one member, and a group send has none: send to a member or remove the variable';
  // A member link opens that member's points and rewards: in a group, everyone could use it.
  if (used.includes('member.link')) return '{{member.link}} is one member\'s private link and must not go to a whole group: send it to the member';
  // A coupon variable claims a coupon for the one member a message goes to; a group has no one to claim for.
  if (used.some(isCouponVariable)) return '{{coupon.…}} claims a coupon for one member and must not go to a whole group: send it to the member';
  return null;
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
