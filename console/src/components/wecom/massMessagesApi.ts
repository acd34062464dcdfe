// Typed calls for /api/v1/channels/wecom/mass-messages (docs/api.md "WeCom", docs/wecom.md "Outbound adapter and group mass messages").
import { apiRequest, type Page } from '../../api.js';

export const MASS_STATUSES = ['pending', 'created', 'sent', 'failed', 'cancelled'] as const;
export type MassStatus = (typeof MASS_STATUSES)[number];
export interface MassMessage {
  id: string; actionId: string; staffTaskId: string | null; staffTaskStatus: string | null;
  communityId: string | null; communityName: string | null; chatId: string | null; sender: string | null; msgid: string | null;
  status: MassStatus; text: string; error: string | null; note: string | null;
  sendTime: string | null; lastPolledAt: string | null; createdAt: string;
}

export const massMessagesApi = {
  list: (q: { page: number; pageSize: number; status?: MassStatus }) =>
    apiRequest<Page<MassMessage>>('GET', '/channels/wecom/mass-messages', undefined, q),
};
