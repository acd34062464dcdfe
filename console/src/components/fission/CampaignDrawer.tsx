import { Descriptions, Drawer, Flex, Tabs, Tag } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { CampaignStatsView } from './CampaignStatsView.js';
import { ParticipantsTable } from './ParticipantsTable.js';
import type { Campaign } from './fissionApi.js';

export const STATUS_COLOURS = { draft: 'default', active: 'green', ended: 'orange' } as const;

/** One campaign: its rules at a glance, the participants (and leaderboard) with their posters, and the funnel. */
export function CampaignDrawer({ campaign, onClose, refreshKey, onChanged }: { campaign: Campaign | null; onClose: () => void; refreshKey: number; onChanged: () => void }) {
  const { t } = useI18n();
  const reward = (c: Campaign) => (c.rewardKind === 'points' ? t('fission.pointsValue', { n: c.rewardPoints ?? 0 }) : c.rewardKind === 'reward' ? c.rewardName ?? '—' : t('fission.rewardKind.none'));
  return (
    <Drawer open={!!campaign} onClose={onClose} width={900} destroyOnHidden data-testid="fission-drawer"
      title={campaign && (
        <Flex gap={8} align="center" wrap>
          <span>{campaign.name}</span>
          <Tag color={STATUS_COLOURS[campaign.status]}>{t(`fission.status.${campaign.status}`)}</Tag>
        </Flex>
      )}>
      {campaign && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={3} items={[
            { key: 'code', label: t('fission.liveCode'), children: campaign.liveCodeName },
            { key: 'goal', label: t('fission.goal'), children: t('fission.goalText', { goal: campaign.goal, hours: campaign.holdHours }) },
            { key: 'reward', label: t('fission.reward'), children: reward(campaign) },
            { key: 'window', label: t('fission.window'), children: `${formatTime(campaign.startsAt)} ~ ${formatTime(campaign.endsAt)}` },
            { key: 'participants', label: t('fission.stat.participants'), children: campaign.participants },
            { key: 'completed', label: t('fission.stat.completed'), children: campaign.completed },
          ]} />
          <Tabs items={[
            { key: 'participants', label: t('fission.participants'), children: <ParticipantsTable campaign={campaign} refreshKey={refreshKey} onChanged={onChanged} /> },
            { key: 'stats', label: t('fission.stats'), children: <CampaignStatsView campaign={campaign} refreshKey={refreshKey} /> },
          ]} />
        </Flex>
      )}
    </Drawer>
  );
}
