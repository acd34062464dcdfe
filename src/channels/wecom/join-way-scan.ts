import { one, sql, type Database } from '../../db/client.js';
import { withTenant, type WorkspaceRef } from '../../core/context.js';

const actor = { kind: 'system' as const, name: 'live-code' };

/**
 * What the scan page of a WeCom live code shows instead of the sandbox join form: WeCom's own QR code of the
 * live code's join way, which the member scans in WeChat (null until a sync has created it). Undefined when
 * the live code is not a WeCom one.
 */
export async function wecomScanQr(database: Database, ws: WorkspaceRef, liveCodeId: string): Promise<{ qrCode: string | null } | undefined> {
  const r = await withTenant(database, ws, actor, (ctx) => one<{ channel: string; qrCode: string | null }>(ctx.db, sql`
    select l.channel, j.qr_code as "qrCode"
    from live_codes l left join wecom_join_ways j on j.workspace_id = l.workspace_id and j.live_code_id = l.id
    where l.workspace_id = ${ctx.workspaceId} and l.id = ${liveCodeId}`));
  return r?.channel === 'wecom' ? { qrCode: r.qrCode } : undefined;
}
