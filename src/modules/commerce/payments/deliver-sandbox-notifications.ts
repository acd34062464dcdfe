import { rows, sql, type Database } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import { receiveNotification } from './apply-notification.js';
import { SANDBOX_SIGNATURE_HEADER } from './sandbox-provider.js';

/**
 * The job: delivers the sandbox provider's queued notifications, signed, through the same receiving verb as
 * POST /api/v1/payments/sandbox/notify, oldest first. A delivery that fails stays queued for the next run,
 * as a real provider retries; one delivered twice changes nothing the second time. Answers how many it delivered.
 */
export async function deliverSandboxNotifications(database: Database, limit = 100): Promise<number> {
  const due = await rows<{ workspaceId: string; id: string; body: string; signature: string }>(database.db, sql`
    select workspace_id as "workspaceId", id, body, signature from sandbox_payment_outbox
    where delivered_at is null and attempts < 20 order by created_at limit ${limit}`);
  let delivered = 0;
  for (const d of due) {
    try {
      await receiveNotification(database, 'sandbox', d.body, { [SANDBOX_SIGNATURE_HEADER]: d.signature });
      await database.db.execute(sql`update sandbox_payment_outbox set delivered_at = now(), attempts = attempts + 1 where workspace_id = ${d.workspaceId} and id = ${d.id}`);
      delivered++;
    } catch (err) {
      await database.db.execute(sql`update sandbox_payment_outbox set attempts = attempts + 1 where workspace_id = ${d.workspaceId} and id = ${d.id}`);
      if (!(err instanceof AppError)) throw err;
    }
  }
  return delivered;
}
