import { useState } from 'react';
import { DatePicker, Drawer, Empty, Flex, List, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { leaderboardsApi, type Leaderboard, type Settlement, type Standing } from './leaderboardsApi.js';

function StandingsTab({ board }: { board: Leaderboard }) {
  const { t } = useI18n();
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [paging, setPaging] = usePaging();
  const period = board.period.kind === 'monthly' && month ? month.format('YYYY-MM') : undefined;
  const { data, error, loading, reload } = useRequest(() => leaderboardsApi.standings(board.id, { ...paging, period }), [board.id, period, paging.page, paging.pageSize]);
  const columns: TableColumnsType<Standing> = [
    { title: t('checkIn.rank'), dataIndex: 'rank', width: 70 },
    { title: t('checkIn.member'), dataIndex: 'name' },
    { title: t('leaderboards.score'), dataIndex: 'score', width: 110, align: 'right' },
    { title: t('leaderboards.reward'), dataIndex: 'reward', width: 120, align: 'right', render: (v: number) => (v > 0 ? t('leaderboards.points', { n: v }) : '—') },
  ];
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        {board.period.kind === 'monthly' && (
          <DatePicker picker="month" allowClear value={month} onChange={(m) => { setMonth(m); setPaging({ ...paging, page: 1 }); }}
            placeholder={t('leaderboards.currentMonth')} disabledDate={(d) => d.isAfter(dayjs(), 'month')} />
        )}
        {data && <Typography.Text type="secondary">{t('checkIn.range', { from: data.period.from, to: data.period.to })}</Typography.Text>}
        {data && (data.settledAt ? <Tag color="green">{t('leaderboards.settledAt', { at: formatTime(data.settledAt) })}</Tag>
          : <Tag>{t('leaderboards.closesAt', { at: formatTime(data.period.closesAt) })}</Tag>)}
      </Flex>
      {error && <RequestError error={error} onRetry={reload} />}
      <PagedTable<Standing> rowKey="memberId" size="small" columns={columns} data={data} loading={loading} paging={paging} onPaging={setPaging}
        pager={{ hideOnSinglePage: true }} locale={{ emptyText: <Empty description={t('leaderboards.noStandings')} /> }} data-testid="leaderboard-standings" />
    </>
  );
}

function SettlementsTab({ board }: { board: Leaderboard }) {
  const { t, te } = useI18n();
  const [paging, setPaging] = usePaging();
  const { data, error, loading, reload } = useRequest(() => leaderboardsApi.settlements(board.id, paging), [board.id, paging.page, paging.pageSize]);
  const columns: TableColumnsType<Settlement> = [
    { title: t('leaderboards.period'), key: 'period', render: (_, s) => `${s.from} – ${s.to}` },
    { title: t('leaderboards.settled'), dataIndex: 'settledAt', width: 150, render: (v: string) => formatTime(v) },
    { title: t('leaderboards.ranked'), dataIndex: 'ranked', width: 90, align: 'right' },
    { title: t('leaderboards.paid'), key: 'paid', width: 110, align: 'right', render: (_, s) => t('leaderboards.points', { n: s.winners.reduce((n, w) => n + w.points, 0) }) },
    {
      title: t('leaderboards.announcement'), key: 'announcement', width: 180,
      render: (_, s) => (!s.announcement ? '—' : s.announcement.error ? <Typography.Text type="warning">{s.announcement.error}</Typography.Text>
        : <Tag>{te('actionStatus', s.announcement.status)}</Tag>),
    },
  ];
  return (
    <>
      {error && <RequestError error={error} onRetry={reload} />}
      <PagedTable<Settlement> rowKey="id" size="small" columns={columns} data={data} loading={loading} paging={paging} onPaging={setPaging}
        pager={{ hideOnSinglePage: true }} locale={{ emptyText: <Empty description={t('leaderboards.noSettlements')} /> }} data-testid="leaderboard-settlements"
        expandable={{
          rowExpandable: (s) => s.winners.length > 0,
          expandedRowRender: (s) => (
            <List size="small" dataSource={s.winners} renderItem={(w) => (
              <List.Item>{t('leaderboards.winnerLine', { rank: w.rank, name: w.name, score: w.score })}{w.points > 0 && <Tag color="gold" style={{ marginInlineStart: 8 }}>{t('leaderboards.points', { n: w.points })}</Tag>}</List.Item>
            )} />
          ),
        }} />
    </>
  );
}

/** One board: the live ranking of a period, and the periods already settled with who got what. */
export function LeaderboardDrawer({ board, onClose }: { board: Leaderboard | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer open={!!board} onClose={onClose} title={board?.name} size="large" destroyOnHidden>
      {board && (
        <Tabs items={[
          { key: 'standings', label: t('leaderboards.standings'), children: <StandingsTab board={board} /> },
          { key: 'settlements', label: t('leaderboards.settlements'), children: <SettlementsTab board={board} /> },
        ]} />
      )}
    </Drawer>
  );
}
