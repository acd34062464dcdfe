import { useState } from 'react';
import { Button, Empty, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { DeleteAction, EnabledSwitch, useRowAction } from '../components/RowActions.js';
import { LeaderboardEditor } from '../components/leaderboards/LeaderboardEditor.js';
import { LeaderboardDrawer } from '../components/leaderboards/LeaderboardDrawer.js';
import { leaderboardsApi, type Leaderboard } from '../components/leaderboards/leaderboardsApi.js';

/** 排行榜: monthly or one-off rankings, their live standings, and the prizes each closed period paid. */
export default function LeaderboardsPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20 });
  const { data, error, loading, reload } = useRequest(() => leaderboardsApi.list({ page: p.page, pageSize: p.pageSize }), [p.page, p.pageSize]);
  const [editing, setEditing] = useState<Leaderboard | null | 'new'>(null);
  const [viewing, setViewing] = useState<Leaderboard | null>(null);
  const editable = can('operator');

  const { busy, act } = useRowAction(reload);

  const columns: TableColumnsType<Leaderboard> = [
    { title: t('leaderboards.name'), dataIndex: 'name', render: (name: string, b) => <a onClick={() => setViewing(b)} data-testid={`leaderboard-open-${b.id}`}>{name}</a> },
    { title: t('leaderboards.metric'), dataIndex: 'metric', width: 130, render: (m: string) => te('leaderboardMetric', m) },
    {
      title: t('leaderboards.period'), key: 'period', width: 220,
      render: (_, b) => (b.period.kind === 'monthly' ? t('leaderboards.monthly') : `${b.period.from} – ${b.period.to}`),
    },
    {
      title: t('leaderboards.scope'), key: 'scope', width: 200,
      render: (_, b) => (b.scope.kind === 'all' ? <Tag color="blue">{t('leaderboards.scopeAll')}</Tag>
        : <Space size={4} wrap>{b.scope.communities.slice(0, 3).map((c) => <Tag key={c.id}>{c.name}</Tag>)}{b.scope.communities.length > 3 && <Tag>+{b.scope.communities.length - 3}</Tag>}</Space>),
    },
    { title: t('leaderboards.prizes'), key: 'prizes', width: 180, render: (_, b) => t('leaderboards.prizesSummary', { n: b.topN, points: b.rewards.reduce((a, r) => a + r, 0) }) },
    { title: t('leaderboards.closes'), key: 'closes', width: 150, render: (_, b) => formatTime(b.currentPeriod.closesAt) },
    { title: t('leaderboards.settlements'), dataIndex: 'settlements', width: 90, align: 'right' },
    {
      title: t('leaderboards.enabled'), key: 'enabled', width: 90,
      render: (_, b) => <EnabledSwitch checked={b.enabled} editable={editable} busy={busy === b.id}
        onChange={(on) => void act(b.id, () => leaderboardsApi.setEnabled(b.id, on), on ? t('leaderboards.enabledDone') : t('leaderboards.disabledDone'))} />,
    },
  ];
  if (editable) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_, b) => (
        <Space size={4}>
          <Button size="small" onClick={() => setEditing(b)}>{t('common.edit')}</Button>
          <DeleteAction confirm={b.settlements ? t('leaderboards.cannotDelete') : t('leaderboards.deleteConfirm')} label={t('leaderboards.delete')}
            disabled={b.settlements > 0} onConfirm={() => act(b.id, () => leaderboardsApi.remove(b.id), t('leaderboards.deletedDone'))} />
        </Space>
      ),
    });
  }

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.leaderboards')} testId="leaderboards-title"
        extra={editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="leaderboard-new">{t('leaderboards.new')}</Button>} />
      <Typography.Paragraph type="secondary">{t('leaderboards.intro')}</Typography.Paragraph>
      <PagedTable<Leaderboard> rowKey="id" size="middle" columns={columns} data={data} loading={loading} scroll={{ x: 1200 }} paging={p} onPaging={setP}
        pager={{ hideOnSinglePage: true }} locale={{ emptyText: <Empty description={editable ? t('leaderboards.empty') : t('leaderboards.emptyReadOnly')} /> }}
        data-testid="leaderboards-table" />
      <LeaderboardEditor open={editing !== null} board={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); reload(); }} />
      <LeaderboardDrawer board={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
