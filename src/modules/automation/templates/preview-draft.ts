import { AppError } from '../../../core/errors.js';
import type { TenantCtx } from '../../../core/context.js';
import { contentProblems, contentVariables, normaliseContent, plainText, renderContent, type Content, type ContentType } from './content.js';
import { loadRecipient } from './recipient.js';
import { localDate, type VariableValues } from './variables.js';
import { one, sql } from '../../../db/client.js';

export interface DraftPreviewInput { contentType: ContentType; content: Content; communityId?: string; memberId?: string }
export interface DraftPreview { content: Content; text: string; problems: { path: string; message: string }[]; unfilled: string[] }

/**
 * Renders content being edited, before it is saved, for the editor's live preview. Problems come back as
 * data (the editor shows them while the operator types) rather than as an error; a variable with no value
 * yet (no community or member chosen) stays visible as written and is listed in `unfilled`.
 */
export async function previewDraft(ctx: TenantCtx, input: DraftPreviewInput): Promise<DraftPreview> {
  if (input.memberId && !input.communityId) throw new AppError('validation', 'communityId: needed with memberId', [{ path: 'communityId', message: 'needed with memberId' }]);
  const problems = contentProblems(input.contentType, input.content, 'content');
  const content = normaliseContent(input.contentType, input.content);
  let values: VariableValues;
  if (input.communityId) {
    values = (await loadRecipient(ctx, input.communityId, input.memberId)).values;
  } else {
    const ws = await one<{ name: string }>(ctx.db, sql`select name from workspaces where id = ${ctx.workspaceId}`);
    values = { 'workspace.name': ws!.name, date: localDate(new Date(), ctx.timeZone) };
  }
  if (problems.length) return { content, text: plainText(input.contentType, content), problems, unfilled: [] };
  const unfilled = contentVariables(input.contentType, content).filter((v) => values[v] === undefined);
  // The value of an unfilled variable is its own placeholder; rendering never re-reads values, so it stays put.
  for (const v of unfilled) values[v] = `{{${v}}}`;
  const rendered = renderContent(input.contentType, content, values);
  return { content: rendered, text: plainText(input.contentType, rendered), problems: [], unfilled };
}
