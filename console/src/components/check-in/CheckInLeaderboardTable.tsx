import { useState } from 'react';
import { Card, Empty, Segmented, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { checkInApi, type LeaderboardOrder, type Standing } from './checkInApi.js';

/** Longest current streaks, or most days checked in this month; equal values: the member first seen earlier ranks first. */
export function CheckInLeaderboardTable({ refreshKey, onPick }: { refreshKey: number; onPick: (memberId: string) => void }) {
  const { t } = useI18n();
  const [by, setBy] = useState<LeaderboardOrder>('streak');
  const [paging, setPaging] = usePaging();
  const { data, error, loading, reload } = useRequest(() => checkInApi.leaderboard({ by, page: paging.page, pageSize: paging.pageSize }), [by, paging.page, paging.pageSize, refreshKey]);
  const columns: TableColumnsType<Standing> = [
    { title: t('checkIn.rank'), dataIndex: 'rank', width: 80 },
    { title: t('checkIn.member'), dataIndex: 'name', render: (name: string, r) => <a onClick={() => onPick(r.memberId)}>{name}</a> },
    { title: by === 'streak' ? t('checkIn.streak') : t('checkIn.daysThisMonth'), dataIndex: 'value', width: 140, align: 'right', render: (v: number) => t('checkIn.nDays', { n: v }) },
    { title: t('checkIn.lastDay'), dataIndex: 'lastDay', width: 140 },
  ];
  return (
    <Card title={t('checkIn.leaderboard')} data-testid="check-in-leaderboard"
      extra={<Segmented<LeaderboardOrder> value={by} onChange={(v) => { setBy(v); setPaging({ ...paging, page: 1 }); }}
        options={[{ value: 'streak', label: t('checkIn.byStreak') }, { value: 'days', label: t('checkIn.byDays') }]} />}>
      {data && data.from && <Typography.Paragraph type="secondary">{t('checkIn.range', { from: data.from, to: data.to })}</Typography.Paragraph>}
      {error && <RequestError error={error} onRetry={reload} />}
      <PagedTable<Standing> rowKey="memberId" size="small" columns={columns} data={data} loading={loading} paging={paging} onPaging={setPaging}
        pager={{ hideOnSinglePage: true }} locale={{ emptyText: <Empty description={t('checkIn.leaderboardEmpty')} /> }} />
    </Card>
  );
}
