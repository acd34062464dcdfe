import { useState } from 'react';
import { Button, Empty, Segmented, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { DrawEditor } from '../components/draws/DrawEditor.js';
import { DrawDrawer, STATUS_COLOR } from '../components/draws/DrawDrawer.js';
import { drawsApi, type Draw, type DrawStatus } from '../components/draws/drawsApi.js';

/** 抽奖: prize draws with weights and stock, who may draw, the fairness seed, and every draw made. */
export default function DrawsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20, status: 'all' });
  const status = p.status === 'all' ? undefined : (p.status as DrawStatus);
  const { data, error, loading, reload } = useRequest(() => drawsApi.list({ page: p.page, pageSize: p.pageSize, status }), [p.page, p.pageSize, status]);
  const [editing, setEditing] = useState<Draw | null | 'new'>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const editable = can('operator');

  const columns: TableColumnsType<Draw> = [
    { title: t('draws.name'), dataIndex: 'name', render: (name: string, d) => <a onClick={() => setViewing(d.id)} data-testid={`draw-view-${d.id}`}>{name}</a> },
    { title: t('draws.status'), dataIndex: 'status', width: 90, render: (s: DrawStatus) => <Tag color={STATUS_COLOR[s]}>{t(`draws.status.${s}` as never)}</Tag> },
    { title: t('draws.window'), key: 'window', width: 290, render: (_, d) => `${formatTime(d.startsAt)} – ${formatTime(d.endsAt)}` },
    { title: t('draws.unit'), dataIndex: 'unit', width: 120, render: (u: string) => t(`draws.unit.${u}` as never) },
    { title: t('draws.pointsCost'), dataIndex: 'pointsCost', width: 90, align: 'right', render: (n: number) => n || t('draws.free') },
    {
      title: t('draws.stockLeft'), key: 'stock', width: 220, render: (_, d) => (
        <Space size={4} wrap>{d.prizes.filter((x) => x.kind !== 'thanks').map((x) => (
          <Tag key={x.id} color={x.stock === 0 ? 'default' : 'purple'}>{x.name} {x.stock === null ? '∞' : x.stock}</Tag>))}</Space>),
    },
    { title: t('draws.awardedTotal'), key: 'awarded', width: 90, align: 'right', render: (_, d) => d.prizes.filter((x) => x.kind !== 'thanks').reduce((s, x) => s + x.awarded, 0) },
    { title: t('draws.entries'), dataIndex: 'entries', width: 80, align: 'right' },
  ];
  if (editable) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 90,
      render: (_, d) => (d.status === 'draft' ? <Button size="small" onClick={() => setEditing(d)} data-testid={`draw-edit-${d.id}`}>{t('common.edit')}</Button> : null),
    });
  }

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.draws')} testId="draws-title"
        extra={editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="draw-new">{t('draws.new')}</Button>} />
      <Typography.Paragraph type="secondary">{t('draws.intro')}</Typography.Paragraph>
      <Segmented style={{ marginBottom: 12 }} value={p.status} onChange={(v) => setP({ status: String(v), page: 1 })}
        options={(['all', 'open', 'draft', 'closed'] as const).map((s) => ({ value: s, label: s === 'all' ? t('draws.all') : t(`draws.status.${s}`) }))} />
      <PagedTable<Draw> rowKey="id" size="middle" columns={columns} data={data} loading={loading} scroll={{ x: 1200 }} paging={p} onPaging={setP}
        pager={{ hideOnSinglePage: true }} locale={{ emptyText: <Empty description={editable ? t('draws.empty') : t('draws.emptyReadOnly')} /> }}
        data-testid="draws-table" />
      <DrawEditor open={editing !== null} draw={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); reload(); }} />
      <DrawDrawer drawId={viewing} onClose={() => setViewing(null)} onChanged={reload} />
    </>
  );
}
