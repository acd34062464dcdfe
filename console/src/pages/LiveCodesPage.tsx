import { useState } from 'react';
import { Button, Empty, Flex, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { DeleteAction, EnabledSwitch, useRowAction } from '../components/RowActions.js';
import { LiveCodeDrawer } from '../components/live-codes/LiveCodeDrawer.js';
import { LiveCodeEditor } from '../components/live-codes/LiveCodeEditor.js';
import { useLiveCodesApi, type LiveCode } from '../components/live-codes/liveCodesApi.js';

/** 活码: one QR code per campaign that sends each newcomer to a group with room, opening new groups as they fill. */
export default function LiveCodesPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const liveCodesApi = useLiveCodesApi();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20 });
  const { data, error, loading, reload } = useRequest(() => liveCodesApi.list({ page: p.page, pageSize: p.pageSize }), [p.page, p.pageSize, liveCodesApi]);
  const [editing, setEditing] = useState<LiveCode | null | 'new'>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const editable = can('operator');
  const open = data?.items.find((c) => c.id === openId) ?? null;

  const { busy, act } = useRowAction(() => {
    reload();
    setRefreshKey((n) => n + 1);
  });

  const fill = (c: LiveCode) => {
    const members = c.pool.reduce((n, g) => n + g.members, 0);
    const capacity = c.pool.reduce((n, g) => n + g.capacity, 0);
    return capacity ? Math.round((members / capacity) * 100) : 0;
  };
  const columns: TableColumnsType<LiveCode> = [
    {
      title: t('liveCodes.name'), dataIndex: 'name', width: 200,
      render: (name: string, c) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(c.id)} data-testid={`live-code-open-${c.id}`}><Typography.Text strong>{name}</Typography.Text></Button>
      ),
    },
    { title: t('liveCodes.channel'), dataIndex: 'channel', width: 100, render: (ch: string) => te('channel', ch) },
    { title: t('liveCodes.strategy'), dataIndex: 'strategy', width: 110, render: (s: LiveCode['strategy']) => t(`liveCodes.strategy.${s}`) },
    {
      title: t('liveCodes.pool'), key: 'pool', width: 240,
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center">
            <span>{t('liveCodes.groupsCount', { n: c.pool.length })}</span>
            {c.full && (c.canOpenCommunities
              ? <Tooltip title={t('liveCodes.fullOpens', { name: c.baseName })}><Tag color="blue">{t('liveCodes.nextOpens')}</Tag></Tooltip>
              : <Tag color="red" data-testid={`live-code-pool-full-${c.id}`}>{t('liveCodes.poolFull')}</Tag>)}
          </Flex>
          {c.pool.length > 0 && <Progress percent={fill(c)} size="small" style={{ maxWidth: 180, margin: 0 }} />}
        </Flex>
      ),
    },
    { title: t('liveCodes.scans'), dataIndex: 'scans', width: 90, align: 'right' },
    { title: t('liveCodes.joins'), dataIndex: 'joins', width: 90, align: 'right' },
    {
      title: t('liveCodes.enabled'), key: 'enabled', width: 90,
      render: (_, c) => (
        <EnabledSwitch checked={c.enabled} editable={editable} busy={busy === c.id} testId={`live-code-toggle-${c.id}`}
          onChange={(on) => void act(c.id, () => liveCodesApi.setEnabled(c.id, on), on ? t('liveCodes.enabledDone') : t('liveCodes.pausedDone'))} />
      ),
    },
    {
      title: t('common.actions'), key: 'actions', width: editable ? 210 : 90,
      render: (_, c) => (
        <Space size={4}>
          <Button size="small" icon={<QrcodeOutlined />} onClick={() => setOpenId(c.id)}>{t('liveCodes.qr')}</Button>
          {editable && <Button size="small" onClick={() => setEditing(c)} data-testid={`live-code-edit-${c.id}`}>{t('common.edit')}</Button>}
          {editable && (
            <DeleteAction confirm={t('liveCodes.deleteConfirm')} label={t('liveCodes.delete')}
              onConfirm={() => act(c.id, () => liveCodesApi.remove(c.id), t('liveCodes.deletedDone'))} />
          )}
        </Space>
      ),
    },
  ];

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.liveCodes')} testId="live-codes-title"
        extra={editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="live-code-new">{t('liveCodes.new')}</Button>} />
      <Typography.Paragraph type="secondary">{t('liveCodes.intro')}</Typography.Paragraph>
      <PagedTable<LiveCode> rowKey="id" size="middle" columns={columns} data={data} loading={loading} scroll={{ x: 1100 }}
        paging={p} onPaging={setP} pager={{ hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={editable ? t('liveCodes.empty') : t('liveCodes.emptyReadOnly')} /> }} data-testid="live-codes-table" />
      <LiveCodeEditor open={editing !== null} code={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          reload();
          setRefreshKey((n) => n + 1);
          if (editing === 'new') setOpenId(saved.id);
        }} />
      <LiveCodeDrawer code={open} onClose={() => setOpenId(null)} refreshKey={refreshKey} />
    </>
  );
}
