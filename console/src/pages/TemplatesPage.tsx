import { useState } from 'react';
import { App, Button, Empty, Flex, Input, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatNumber, formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { errorText } from '../components/errors.js';
import { TemplateEditor } from '../components/templates/TemplateEditor.js';
import { TemplateDetailDrawer } from '../components/templates/TemplateDetailDrawer.js';
import { SendTemplateModal } from '../components/templates/SendTemplateModal.js';
import { useTemplatesApi, type Template, type TemplateListItem } from '../components/templates/templatesApi.js';

type StatusFilter = 'active' | 'archived' | 'all';

export default function TemplatesPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const templatesApi = useTemplatesApi();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20, status: 'active', q: '' });
  const { data, error, loading, reload } = useRequest(
    () => templatesApi.list({ page: p.page, pageSize: p.pageSize, status: p.status, q: p.q }), [p.page, p.pageSize, p.status, p.q, templatesApi]);
  const [editing, setEditing] = useState<Template | null | 'new'>(null);
  const [opened, setOpened] = useState<Template | null>(null);
  const [sending, setSending] = useState<Template | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  const open = async (id: string) => {
    try {
      setOpened(await templatesApi.get(id));
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      message.success(done);
      reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<TemplateListItem> = [
    {
      title: t('templates.name'), dataIndex: 'name',
      render: (name: string, r) => <Typography.Link onClick={() => void open(r.id)} data-testid="template-name-link" data-id={r.id}>{name}</Typography.Link>,
    },
    { title: t('templates.contentType'), dataIndex: 'contentType', width: 120, render: (c: string) => te('templateContentType', c) },
    {
      title: t('templates.variants'), key: 'variants', width: 260,
      render: (_, r) => <Space size={4} wrap>{r.variants.map((v) => <Tag key={v.key}>{`${v.key} · ${v.weight} · v${v.version}`}</Tag>)}</Space>,
    },
    { title: t('templates.sends'), dataIndex: 'sends', width: 90, render: formatNumber },
    { title: t('templates.status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={s === 'active' ? 'green' : undefined}>{te('templateStatus', s)}</Tag> },
    { title: t('templates.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatTime },
    {
      title: t('common.actions'), key: 'actions', width: 200,
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" onClick={() => void open(r.id)}>{t('templates.open')}</Button>
          {can('operator') && r.status === 'active' && (
            <Popconfirm title={t('templates.archiveConfirm')} okText={t('templates.archive')} cancelText={t('common.cancel')}
              onConfirm={() => act(() => templatesApi.archive(r.id), t('templates.archivedDone'))}>
              <Button size="small" data-testid={`template-archive-${r.id}`}>{t('templates.archive')}</Button>
            </Popconfirm>
          )}
          {can('operator') && r.status === 'archived' && (
            <Button size="small" onClick={() => void act(() => templatesApi.restore(r.id), t('templates.restoredDone'))}>{t('templates.restore')}</Button>
          )}
          {can('operator') && r.sends === 0 && (
            <Popconfirm title={t('templates.deleteConfirm')} okText={t('templates.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
              onConfirm={() => act(() => templatesApi.remove(r.id), t('templates.deletedDone'))}>
              <Button size="small" danger>{t('templates.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.templates')} testId="templates-title"
        extra={can('operator') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="template-new">{t('templates.new')}</Button>} />
      <Typography.Paragraph type="secondary">{t('templates.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter> value={p.status as StatusFilter} onChange={(status) => setP({ status, page: 1 })}
          options={(['active', 'archived', 'all'] as const).map((s) => ({ value: s, label: t(`templates.filter.${s}`) }))} />
        <Input.Search allowClear defaultValue={p.q} placeholder={t('templates.search')} style={{ width: 240 }}
          onSearch={(q) => setP({ q: q.trim(), page: 1 })} />
      </Flex>
      <PagedTable<TemplateListItem>
        rowKey="id" size="middle" columns={columns} data={data} loading={loading} scroll={{ x: 1100 }}
        paging={p} onPaging={setP} pager={{ hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={can('operator') ? t('templates.empty') : t('templates.emptyReadOnly')} /> }}
        data-testid="templates-table" />
      <TemplateDetailDrawer template={opened} refreshKey={refreshKey} onClose={() => setOpened(null)}
        onEdit={(tpl) => setEditing(tpl)} onSend={(tpl) => setSending(tpl)} />
      <TemplateEditor open={editing !== null} template={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          if (opened?.id === saved.id) setOpened(saved);
          setRefreshKey((n) => n + 1);
          reload();
        }} />
      <SendTemplateModal template={sending} onClose={() => setSending(null)}
        onSent={() => {
          setSending(null);
          setRefreshKey((n) => n + 1);
          reload();
        }} />
    </>
  );
}
