import { sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

/** A newcomer named in a group welcome: `externalId` is their account on the group's channel, which a platform @ needs. */
export interface Newcomer { memberId: string; name: string; externalId: string | null }

/** What a welcome action carries in `payload.welcome`, so a leave, a disabled flow and the batch list can find it. */
export interface WelcomeMarker {
  flowId: string;
  batchId: string;
  /** 'group' (the group welcome), 'private' (the private welcome) or 'journey.<n>' (step n, from 0). */
  step: string;
  /** Private actions: the join they answer. */
  joinId?: string;
  /** Group actions: who is mentioned, and the rendered message without the mentions, to rebuild it from. */
  newcomers?: Newcomer[];
  body?: { text: string; content: Record<string, unknown> };
}

/**
 * The template language has no lists, so the newcomers are not a template variable: the flow writes the
 * mentions in front of the rendered message ("@A @B @C" and a line break, where a chat app puts an @) and
 * lists their accounts in `payload.mentions` for channels that notify mentioned members. Text content gets
 * the line in `content.text` too; a card cannot carry it, so only its plain-text form does.
 */
export function mentionPayload(payload: Record<string, unknown>, newcomers: Newcomer[], body: { text: string; content: Record<string, unknown> }) {
  const line = newcomers.map((n) => `@${n.name}`).join(' ');
  const withLine = (text: string) => (line ? `${line}\n${text}` : text);
  const content = payload.contentType === 'text' && typeof body.content.text === 'string' ? { ...body.content, text: withLine(body.content.text) } : body.content;
  return {
    text: withLine(body.text),
    content,
    mentions: newcomers.map((n) => n.externalId).filter((id): id is string => !!id),
  };
}

/**
 * Writes the flow's marker (and, for group messages, the mentions) into an action queued a moment ago in
 * this same transaction, before any worker can see it. Only a pending action is touched: one that already
 * went out is history.
 */
export async function markWelcomeAction(ctx: TenantCtx, actionId: string, payload: Record<string, unknown>, marker: WelcomeMarker): Promise<void> {
  const patch: Record<string, unknown> = { welcome: marker };
  if (marker.newcomers && marker.body) Object.assign(patch, mentionPayload(payload, marker.newcomers, marker.body));
  await ctx.db.execute(sql`
    update actions set payload = payload || ${JSON.stringify(patch)}::jsonb
    where workspace_id = ${ctx.workspaceId} and id = ${actionId} and status = 'pending'`);
}
