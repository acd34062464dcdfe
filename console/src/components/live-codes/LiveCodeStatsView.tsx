import { useState } from 'react';
import { Empty, Flex, Progress, Statistic, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { DaysPicker } from '../DaysPicker.js';
import { RequestError } from '../RequestError.js';
import { RESERVATION_MINUTES, useLiveCodesApi, type LiveCode, type LiveCodeStats, type SourceStats } from './liveCodesApi.js';

type CommunityRow = LiveCodeStats['communities'][number];

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Scans → joins per source over a window, and how full each group of the pool is now. */
export function LiveCodeStatsView({ code, refreshKey }: { code: LiveCode; refreshKey: number }) {
  const { t, te } = useI18n();
  const liveCodesApi = useLiveCodesApi();
  const [days, setDays] = useState(30);
  const { data, error, loading, reload } = useRequest(() => liveCodesApi.stats(code.id, days), [code.id, days, refreshKey, liveCodesApi]);

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  const sourceColumns: TableColumnsType<SourceStats> = [
    { title: t('liveCodes.source'), dataIndex: 'source', render: (s: string | null) => (s ? <Tag>{s}</Tag> : <Typography.Text type="secondary">{t('liveCodes.noSource')}</Typography.Text>) },
    { title: t('liveCodes.scans'), dataIndex: 'scans', align: 'right' },
    { title: t('liveCodes.visitors'), dataIndex: 'visitors', align: 'right' },
    { title: t('liveCodes.joins'), dataIndex: 'joins', align: 'right' },
    { title: t('liveCodes.conversion'), dataIndex: 'conversion', align: 'right', render: percent },
  ];
  const communityColumns: TableColumnsType<CommunityRow> = [
    {
      title: t('liveCodes.community'), key: 'name',
      render: (_, c) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text>{c.name}</Typography.Text>
          {c.createdByLiveCode && <Tag color="green">{t('liveCodes.opened')}</Tag>}
          {!c.inPool && <Tag>{t('liveCodes.notInPool')}</Tag>}
          {c.status !== 'active' && <Tag color="orange">{te('communityStatus', c.status)}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('liveCodes.fill'), key: 'fill', width: 220,
      render: (_, c) => (c.inPool ? (
        <Flex vertical gap={0}>
          <Progress percent={Math.min(100, Math.round(((c.members + c.reserved) / c.capacity) * 100))} success={{ percent: Math.min(100, Math.round((c.members / c.capacity) * 100)) }}
            size="small" status={c.full ? 'exception' : 'normal'} showInfo={false} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('liveCodes.fillText', { members: c.members, reserved: c.reserved, capacity: c.capacity })}</Typography.Text>
        </Flex>
      ) : <Typography.Text type="secondary">{t('liveCodes.membersNow', { n: c.members })}</Typography.Text>),
    },
    { title: t('liveCodes.scans'), dataIndex: 'scans', align: 'right', width: 90 },
    { title: t('liveCodes.joins'), dataIndex: 'joins', align: 'right', width: 90 },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('liveCodes.bySource')}</Typography.Title>
        <DaysPicker value={days} onChange={setDays} />
      </Flex>
      {data && (
        <Flex gap={32} wrap>
          <Statistic title={t('liveCodes.scans')} value={data.totals.scans} />
          <Statistic title={t('liveCodes.joins')} value={data.totals.joins} />
          <Statistic title={t('liveCodes.conversion')} value={percent(data.totals.conversion)} />
          <Statistic title={t('liveCodes.poolFullScans')} value={data.totals.poolFull} />
          <Statistic title={t('liveCodes.unattributed')} value={data.totals.unattributedJoins} />
        </Flex>
      )}
      <Table<SourceStats> rowKey={(s) => s.source ?? ''} size="small" columns={sourceColumns} dataSource={data?.sources} loading={loading} pagination={false}
        locale={{ emptyText: <Empty description={t('liveCodes.noScans', { n: days })} /> }} data-testid="live-code-sources" />
      <Typography.Title level={5} style={{ margin: 0 }}>{t('liveCodes.byCommunity')}</Typography.Title>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('liveCodes.fillHelp', { minutes: RESERVATION_MINUTES })}</Typography.Text>
      <Table<CommunityRow> rowKey="id" size="small" columns={communityColumns} dataSource={data?.communities} loading={loading} pagination={false}
        locale={{ emptyText: <Empty description={code.canOpenCommunities ? t('liveCodes.noCommunitiesOpens') : t('liveCodes.noCommunities')} /> }} data-testid="live-code-communities" />
    </Flex>
  );
}
