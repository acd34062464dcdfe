import { useState } from 'react';
import { App, Button, Empty, Flex, Progress, Segmented, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PictureOutlined, UserAddOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth.js';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { errorText } from '../errors.js';
import { MemberPicker } from '../MemberPicker.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { PosterPreview } from './PosterPreview.js';
import { fissionApi, type Campaign, type Participant, type RewardStatus } from './fissionApi.js';

const REWARD_COLOURS: Record<RewardStatus, string> = { none: 'default', paid: 'green', out_of_stock: 'red', refused: 'orange' };

/** Who takes part and how far each has got; "leaderboard" orders by qualified invites. Operators enrol members here. */
export function ParticipantsTable({ campaign, refreshKey, onChanged }: { campaign: Campaign; refreshKey: number; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [paging, setPaging] = usePaging();
  const [sort, setSort] = useState<'recent' | 'qualified'>('qualified');
  const [memberId, setMemberId] = useState<string>();
  const [enrolling, setEnrolling] = useState(false);
  const [poster, setPoster] = useState<Participant | null>(null);
  const { data, error, loading, reload } = useRequest(() => fissionApi.participants(campaign.id, { ...paging, sort }), [campaign.id, paging.page, paging.pageSize, sort, refreshKey]);

  const enrol = async () => {
    if (!memberId) return;
    setEnrolling(true);
    try {
      await fissionApi.enrol(campaign.id, memberId);
      message.success(t('fission.enrolled'));
      setMemberId(undefined);
      reload();
      onChanged();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setEnrolling(false);
    }
  };

  const columns: TableColumnsType<Participant> = [
    { title: '#', key: 'rank', width: 56, render: (_, _p, i) => (sort === 'qualified' ? (paging.page - 1) * paging.pageSize + i + 1 : '') },
    { title: t('fission.member'), dataIndex: 'memberName', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    {
      title: t('fission.progress'), key: 'progress', width: 220,
      render: (_, p) => (
        <Flex vertical gap={0}>
          <Progress percent={Math.min(100, Math.round((p.qualified / p.goal) * 100))} size="small" showInfo={false} status={p.completedAt ? 'success' : 'active'} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('fission.progressText', { qualified: p.qualified, goal: p.goal, pending: p.pending, void: p.void })}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('fission.reward'), key: 'reward', width: 140,
      render: (_, p) => (p.completedAt ? (
        <Tooltip title={p.rewardNote}><Tag color={REWARD_COLOURS[p.rewardStatus]}>{t(`fission.rewardStatus.${p.rewardStatus}`)}</Tag></Tooltip>
      ) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('fission.posters'), key: 'posters', width: 110, align: 'right', render: (_, p) => `${p.posters} / ${p.shares}` },
    { title: t('fission.joinedAt'), dataIndex: 'joinedAt', width: 170, render: (at: string) => formatTime(at) },
    {
      title: t('common.actions'), key: 'actions', width: 110,
      render: (_, p) => <Button size="small" icon={<PictureOutlined />} onClick={() => setPoster(p)} data-testid={`fission-poster-${p.memberId}`}>{t('fission.poster')}</Button>,
    },
  ];

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented<'recent' | 'qualified'> value={sort} onChange={(s) => { setSort(s); setPaging({ ...paging, page: 1 }); }}
          options={[{ value: 'qualified', label: t('fission.leaderboard') }, { value: 'recent', label: t('fission.recent') }]} />
        {can('operator') && campaign.status === 'active' && (
          <Flex gap={8}>
            <div style={{ width: 240 }}><MemberPicker value={memberId} onChange={setMemberId} placeholder={t('fission.enrolPlaceholder')} data-testid="fission-enrol-member" /></div>
            <Button icon={<UserAddOutlined />} disabled={!memberId} loading={enrolling} onClick={() => void enrol()} data-testid="fission-enrol">{t('fission.enrol')}</Button>
          </Flex>
        )}
      </Flex>
      <PagedTable<Participant> rowKey="id" size="small" columns={columns} data={data} loading={loading} paging={paging} onPaging={setPaging}
        pager={{ hideOnSinglePage: true }} scroll={{ x: 900 }} data-testid="fission-participants"
        locale={{ emptyText: <Empty description={t('fission.noParticipants')} /> }} />
      <PosterPreview campaignId={campaign.id} participant={poster} onClose={() => setPoster(null)} />
    </Flex>
  );
}
