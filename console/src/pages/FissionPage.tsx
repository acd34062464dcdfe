import { useState } from 'react';
import { Button, Empty, Progress, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { DeleteAction, useRowAction } from '../components/RowActions.js';
import { CampaignDrawer, STATUS_COLOURS } from '../components/fission/CampaignDrawer.js';
import { CampaignEditor } from '../components/fission/CampaignEditor.js';
import { CAMPAIGN_STATUSES, fissionApi, type Campaign, type CampaignStatus } from '../components/fission/fissionApi.js';

/** 任务宝 / 群裂变: members share a personal poster, and friends who join and stay earn them a reward. */
export default function FissionPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20 });
  const { data, error, loading, reload } = useRequest(() => fissionApi.list({ page: p.page, pageSize: p.pageSize }), [p.page, p.pageSize]);
  const [editing, setEditing] = useState<Campaign | null | 'new'>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const editable = can('operator');
  const open = data?.items.find((c) => c.id === openId) ?? null;
  const refresh = () => { reload(); setRefreshKey((n) => n + 1); };
  const { busy, act } = useRowAction(refresh);

  const columns: TableColumnsType<Campaign> = [
    {
      title: t('fission.name'), dataIndex: 'name', width: 220,
      render: (name: string, c) => <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(c.id)} data-testid={`fission-open-${c.id}`}><Typography.Text strong>{name}</Typography.Text></Button>,
    },
    {
      title: t('fission.status'), dataIndex: 'status', width: 130,
      render: (s: CampaignStatus, c) => (editable ? (
        <Select<CampaignStatus> size="small" value={s} loading={busy === c.id} style={{ width: 110 }} data-testid={`fission-status-${c.id}`}
          options={CAMPAIGN_STATUSES.map((x) => ({ value: x, label: t(`fission.status.${x}`) }))}
          onChange={(next) => void act(c.id, () => fissionApi.setStatus(c.id, next), t('common.saved'))} />
      ) : <Tag color={STATUS_COLOURS[s]}>{t(`fission.status.${s}`)}</Tag>),
    },
    { title: t('fission.liveCode'), dataIndex: 'liveCodeName', width: 160 },
    { title: t('fission.goal'), key: 'goal', width: 150, render: (_, c) => t('fission.goalText', { goal: c.goal, hours: c.holdHours }) },
    { title: t('fission.stat.participants'), dataIndex: 'participants', width: 90, align: 'right' },
    { title: t('fission.stat.qualified'), dataIndex: 'qualified', width: 90, align: 'right' },
    {
      title: t('fission.stat.completed'), key: 'completed', width: 160,
      render: (_, c) => <Progress size="small" percent={c.participants ? Math.round((c.completed / c.participants) * 100) : 0} format={() => `${c.completed}/${c.participants}`} />,
    },
    { title: t('fission.window'), key: 'window', width: 180, render: (_, c) => (c.endsAt ? t('fission.until', { at: formatTime(c.endsAt) }) : '—') },
    {
      title: t('common.actions'), key: 'actions', width: editable ? 160 : 80,
      render: (_, c) => (
        <Space size={4}>
          {editable && <Button size="small" onClick={() => setEditing(c)} data-testid={`fission-edit-${c.id}`}>{t('common.edit')}</Button>}
          {editable && <DeleteAction confirm={t('fission.deleteConfirm')} label={t('fission.delete')} onConfirm={() => act(c.id, () => fissionApi.remove(c.id), t('fission.deleted'))} />}
        </Space>
      ),
    },
  ];

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.fission')} testId="fission-title"
        extra={editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="fission-new">{t('fission.new')}</Button>} />
      <Typography.Paragraph type="secondary">{t('fission.intro')}</Typography.Paragraph>
      <PagedTable<Campaign> rowKey="id" size="middle" columns={columns} data={data} loading={loading} scroll={{ x: 1300 }}
        paging={p} onPaging={setP} pager={{ hideOnSinglePage: true }} data-testid="fission-table"
        locale={{ emptyText: <Empty description={editable ? t('fission.empty') : t('fission.emptyReadOnly')} /> }} />
      <CampaignEditor open={editing !== null} campaign={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={(saved) => { const wasNew = editing === 'new'; setEditing(null); refresh(); if (wasNew) setOpenId(saved.id); }} />
      <CampaignDrawer campaign={open} onClose={() => setOpenId(null)} refreshKey={refreshKey} onChanged={refresh} />
    </>
  );
}
