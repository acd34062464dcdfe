import { Tag } from 'antd';
import type { CommunityStatus, CommunityType } from '../api.js';
import { useI18n } from '../i18n/index.js';

const TYPE_COLORS: Record<CommunityType, string> = { basic: 'blue', vip: 'gold', distribution: 'purple' };
const STATUS_COLORS: Record<CommunityStatus, string> = { active: 'green', archived: 'default', dismissed: 'red' };

export function CommunityTypeTag({ type, subtype }: { type: CommunityType; subtype?: string | null }) {
  const { te } = useI18n();
  return <Tag color={TYPE_COLORS[type] ?? 'default'}>{te('type', type)}{subtype ? ` · ${subtype}` : ''}</Tag>;
}

export function CommunityStatusTag({ status }: { status: CommunityStatus }) {
  const { te } = useI18n();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{te('communityStatus', status)}</Tag>;
}
