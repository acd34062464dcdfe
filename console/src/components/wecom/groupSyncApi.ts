// Typed calls for a corp's group sync and group statistics (docs/api.md "WeCom", docs/wecom.md "Group sync").
import { apiRequest, type Page } from '../../api.js';

export type SyncMode = 'full' | 'incremental';
export interface GroupSync {
  id: string; corpRowId: string; mode: SyncMode; status: 'running' | 'done' | 'failed';
  pages: number; groupsSeen: number; groupsTotalKnown: number; groupsFetched: number; groupsDismissed: number;
  membersJoined: number; membersLeft: number; groupsSkipped: number; skipped: string | null; error: string | null;
  startedAt: string; updatedAt: string; finishedAt: string | null;
}
export interface GroupStatsDay {
  day: string; owners: number; newChatCnt: number; chatTotal: number; chatHasMsgCnt: number; newMemberCnt: number;
  memberTotal: number; memberHasMsgCnt: number; msgTotal: number; migrateTraineeChatCnt: number;
}

const enc = encodeURIComponent;
const base = (corpId: string) => `/channels/wecom/corps/${enc(corpId)}`;
export const groupSyncApi = {
  start: (corpId: string, mode: SyncMode) => apiRequest<GroupSync>('POST', `${base(corpId)}/sync`, { mode }),
  syncs: (corpId: string, q: { page: number; pageSize: number }) => apiRequest<Page<GroupSync>>('GET', `${base(corpId)}/syncs`, undefined, q),
  statistics: (corpId: string, days: number) => apiRequest<{ days: GroupStatsDay[] }>('GET', `${base(corpId)}/statistics`, undefined, { days }),
};

/** groupchat/list does not say how many groups there are: the groups known before the sync are the estimate. */
export function syncPercent(s: GroupSync): number {
  if (s.status !== 'running') return 100;
  if (!s.groupsTotalKnown) return 0;
  return Math.min(99, Math.round((100 * s.groupsSeen) / s.groupsTotalKnown));
}
