import type { TenantCtx } from '../../core/context.js';
import { AppError, notFound } from '../../core/errors.js';
import { publicBaseUrl } from '../../core/public-url.js';
import { type Database, one, rows, sql } from '../../db/client.js';
import type { CallbackKeys } from './crypto.js';
import type { Corp, CreateCorpInput, UpdateCorpInput } from './contracts.js';
import { mask, seal, unseal } from './secrets.js';
import { SQLSTATE, sqlState } from '../../db/sql-state.js';

interface Row {
  id: string; name: string; corpId: string; agentId: string; baseUrl: string | null;
  secretEnc: string; tokenEnc: string; aesKeyEnc: string;
  lastTestAt: Date | null; lastTestOk: boolean | null; lastTestMessage: string | null; createdAt: Date; updatedAt: Date;
}

const COLUMNS = sql`id, name, corp_id as "corpId", agent_id as "agentId", base_url as "baseUrl",
  secret_enc as "secretEnc", token_enc as "tokenEnc", aes_key_enc as "aesKeyEnc",
  last_test_at as "lastTestAt", last_test_ok as "lastTestOk", last_test_message as "lastTestMessage",
  created_at as "createdAt", updated_at as "updatedAt"`;

export const callbackPath = (id: string) => `/api/v1/channels/wecom/${id}/callback`;

/** A secret sealed under another SHEQUN_SECRET_KEY cannot be shown even masked; the page says to enter it again. */
function masked(sealed: string): string {
  try { return mask(unseal(sealed)); } catch { return 'unreadable: enter it again'; }
}

function view(r: Row): Corp {
  return {
    id: r.id, name: r.name, corpId: r.corpId, agentId: r.agentId, baseUrl: r.baseUrl,
    secretMasked: masked(r.secretEnc), tokenMasked: masked(r.tokenEnc), encodingAesKeyMasked: masked(r.aesKeyEnc),
    callbackUrl: `${publicBaseUrl() ?? ''}${callbackPath(r.id)}`,
    lastTest: r.lastTestAt ? { at: r.lastTestAt, ok: !!r.lastTestOk, message: r.lastTestMessage ?? '' } : null,
    createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}

async function row(ctx: TenantCtx, id: string): Promise<Row> {
  const r = await one<Row>(ctx.db, sql`select ${COLUMNS} from wecom_corps where workspace_id = ${ctx.workspaceId} and id = ${id}`);
  if (!r) throw notFound('WeCom corp');
  return r;
}

export const getCorp = async (ctx: TenantCtx, id: string): Promise<Corp> => view(await row(ctx, id));

export async function listCorps(ctx: TenantCtx): Promise<{ items: Corp[] }> {
  const found = await rows<Row>(ctx.db, sql`select ${COLUMNS} from wecom_corps where workspace_id = ${ctx.workspaceId} order by created_at`);
  return { items: found.map(view) };
}

const duplicate = (err: unknown) => {
  if (sqlState(err) === SQLSTATE.uniqueViolation) return new AppError('conflict', 'this corp id is already connected');
  return err;
};

export async function createCorp(ctx: TenantCtx, input: CreateCorpInput): Promise<Corp> {
  try {
    const r = await one<Row>(ctx.db, sql`
      insert into wecom_corps (workspace_id, name, corp_id, agent_id, secret_enc, token_enc, aes_key_enc, base_url)
      values (${ctx.workspaceId}, ${input.name}, ${input.corpId}, ${input.agentId}, ${seal(input.secret)}, ${seal(input.token)}, ${seal(input.encodingAesKey)}, ${input.baseUrl})
      returning ${COLUMNS}`);
    return view(r!);
  } catch (err) {
    throw duplicate(err);
  }
}

export async function updateCorp(ctx: TenantCtx, id: string, input: UpdateCorpInput): Promise<Corp> {
  const r = await row(ctx, id);
  const updated = await one<Row>(ctx.db, sql`
    update wecom_corps set
      name = ${input.name ?? r.name}, agent_id = ${input.agentId ?? r.agentId},
      secret_enc = ${input.secret ? seal(input.secret) : r.secretEnc},
      token_enc = ${input.token ? seal(input.token) : r.tokenEnc},
      aes_key_enc = ${input.encodingAesKey ? seal(input.encodingAesKey) : r.aesKeyEnc},
      base_url = ${input.baseUrl === undefined ? r.baseUrl : input.baseUrl}, updated_at = now()
    where workspace_id = ${ctx.workspaceId} and id = ${id} returning ${COLUMNS}`);
  return view(updated!);
}

export async function deleteCorp(ctx: TenantCtx, id: string): Promise<void> {
  await row(ctx, id);
  await ctx.db.execute(sql`delete from wecom_corps where workspace_id = ${ctx.workspaceId} and id = ${id}`);
}

export async function recordTest(ctx: TenantCtx, id: string, ok: boolean, message: string): Promise<void> {
  await ctx.db.execute(sql`update wecom_corps set last_test_at = now(), last_test_ok = ${ok}, last_test_message = ${message}
    where workspace_id = ${ctx.workspaceId} and id = ${id}`);
}

export interface CorpCredentials { id: string; corpId: string; secret: string; baseUrl: string | null }

export async function corpCredentials(ctx: TenantCtx, id: string): Promise<CorpCredentials> {
  const r = await row(ctx, id);
  return { id: r.id, corpId: r.corpId, secret: unseal(r.secretEnc), baseUrl: r.baseUrl };
}

export interface CallbackCorp { workspace: { id: string; timeZone: string }; id: string; keys: CallbackKeys }

/** The corp a public callback address names, across workspaces (the id is all WeCom sends). */
export async function findCallbackCorp(database: Database, id: string): Promise<CallbackCorp | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const r = await one<{ workspaceId: string; timeZone: string; corpId: string; tokenEnc: string; aesKeyEnc: string }>(database.db, sql`
    select c.workspace_id as "workspaceId", w.time_zone as "timeZone", c.corp_id as "corpId", c.token_enc as "tokenEnc", c.aes_key_enc as "aesKeyEnc"
    from wecom_corps c join workspaces w on w.id = c.workspace_id where c.id = ${id}`);
  if (!r) return null;
  return { workspace: { id: r.workspaceId, timeZone: r.timeZone }, id, keys: { token: unseal(r.tokenEnc), encodingAesKey: unseal(r.aesKeyEnc), receiverId: r.corpId } };
}
