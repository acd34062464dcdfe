import crypto from 'node:crypto';
import { one, sql } from '../../../db/client.js';
import type { TenantCtx } from '../../../core/context.js';

export interface CommerceSettings { unpaidTimeoutMinutes: number; sandboxSecret: string }

/** The workspace's commerce settings, made on first use (two callers at once agree on the row that won). */
export async function getCommerceSettings(ctx: TenantCtx): Promise<CommerceSettings> {
  const read = () => one<CommerceSettings>(ctx.db, sql`
    select unpaid_timeout_minutes as "unpaidTimeoutMinutes", sandbox_secret as "sandboxSecret" from commerce_settings where workspace_id = ${ctx.workspaceId}`);
  const found = await read();
  if (found) return found;
  await ctx.db.execute(sql`
    insert into commerce_settings (workspace_id, sandbox_secret) values (${ctx.workspaceId}, ${crypto.randomBytes(32).toString('base64url')})
    on conflict do nothing`);
  return (await read())!;
}

export async function setUnpaidTimeout(ctx: TenantCtx, minutes: number): Promise<CommerceSettings> {
  await getCommerceSettings(ctx);
  await ctx.db.execute(sql`update commerce_settings set unpaid_timeout_minutes = ${minutes}, updated_at = now() where workspace_id = ${ctx.workspaceId}`);
  return getCommerceSettings(ctx);
}
