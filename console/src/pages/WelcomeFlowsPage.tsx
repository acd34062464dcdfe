import { useState } from 'react';
import { Button, Empty, Flex, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { DeleteAction, EnabledSwitch, useRowAction } from '../components/RowActions.js';
import { WelcomeFlowEditor } from '../components/welcome/WelcomeFlowEditor.js';
import { WelcomeBatchesTable } from '../components/welcome/WelcomeBatchesTable.js';
import { useWelcomeApi, type TemplateRef, type WelcomeFlow } from '../components/welcome/welcomeApi.js';

/** 欢迎流程: what each community says to newcomers, and the welcomes recently sent. */
export default function WelcomeFlowsPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const welcomeApi = useWelcomeApi();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20 });
  const { data, error, loading, reload } = useRequest(() => welcomeApi.list({ page: p.page, pageSize: p.pageSize }), [p.page, p.pageSize, welcomeApi]);
  const [editing, setEditing] = useState<WelcomeFlow | null | 'new'>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const editable = can('operator');

  const { busy, act } = useRowAction(() => {
    reload();
    setRefreshKey((n) => n + 1);
  });

  const templateName = (ref: TemplateRef) => (
    <Space size={4}>
      <span>{ref.name ?? t('welcome.templateDeleted')}</span>
      {ref.status === 'archived' && <Tag color="orange">{te('templateStatus', 'archived')}</Tag>}
    </Space>
  );
  const scopeText = (f: WelcomeFlow) => f.scope.kind === 'all' ? <Tag color="blue">{t('welcome.scope.all')}</Tag>
    : f.scope.kind === 'type' ? <Tag color="purple">{te('type', f.scope.type)}</Tag>
      : <Flex gap={4} wrap>{f.scope.communities.slice(0, 3).map((c) => <Tag key={c.id}>{c.name}</Tag>)}{f.scope.communities.length > 3 && <Tag>{t('welcome.more', { n: f.scope.communities.length - 3 })}</Tag>}</Flex>;

  const columns: TableColumnsType<WelcomeFlow> = [
    { title: t('welcome.name'), dataIndex: 'name', width: 160, render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('welcome.scope'), key: 'scope', width: 200, render: (_, f) => scopeText(f) },
    {
      title: t('welcome.groupWelcome'), key: 'group', width: 200,
      render: (_, f) => <Flex vertical gap={2}>{templateName(f.groupWelcome.template)}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('welcome.windowShort', { n: f.groupWelcome.windowMinutes })}</Typography.Text></Flex>,
    },
    { title: t('welcome.privateWelcome'), key: 'private', width: 160, render: (_, f) => (f.privateWelcome ? templateName(f.privateWelcome.template) : <Typography.Text type="secondary">—</Typography.Text>) },
    {
      title: t('welcome.journey'), key: 'journey', width: 120,
      render: (_, f) => (f.journey.length ? t('welcome.stepsCount', { n: f.journey.length }) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('welcome.enabled'), key: 'enabled', width: 90,
      render: (_, f) => (
        <EnabledSwitch checked={f.enabled} editable={editable} busy={busy === f.id} testId={`welcome-toggle-${f.id}`}
          onChange={(on) => void act(f.id, () => welcomeApi.setEnabled(f.id, on), on ? t('welcome.enabledDone') : t('welcome.disabledDone'))} />
      ),
    },
  ];
  if (editable) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_, f) => (
        <Space size={4}>
          <Button size="small" onClick={() => setEditing(f)} data-testid={`welcome-edit-${f.id}`}>{t('common.edit')}</Button>
          <DeleteAction confirm={t('welcome.deleteConfirm')} label={t('welcome.delete')}
            onConfirm={() => act(f.id, () => welcomeApi.remove(f.id), t('welcome.deletedDone'))} />
        </Space>
      ),
    });
  }

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.welcome')} testId="welcome-title"
        extra={editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="welcome-new">{t('welcome.new')}</Button>} />
      <Typography.Paragraph type="secondary">{t('welcome.intro')}</Typography.Paragraph>
      <Flex vertical gap={24}>
        <PagedTable<WelcomeFlow> rowKey="id" size="middle" columns={columns} data={data} loading={loading} scroll={{ x: 1100 }}
          paging={p} onPaging={setP} pager={{ hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={editable ? t('welcome.empty') : t('welcome.emptyReadOnly')} /> }} data-testid="welcome-flows-table" />
        <WelcomeBatchesTable client={welcomeApi} refreshKey={refreshKey} />
      </Flex>
      <WelcomeFlowEditor open={editing !== null} flow={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }} />
    </>
  );
}
