import { useState } from 'react';
import { App, Button, Popconfirm, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, type ApiKey } from '../api.js';
import { usePaging, useRequest } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { PagedTable } from '../components/PagedTable.js';
import { CreateApiKeyModal } from '../components/CreateApiKeyModal.js';
import { errorText } from '../components/errors.js';

export default function ApiKeysPage() {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [paging, setPaging] = usePaging();
  const { data, error, loading, reload } = useRequest(() => api.apiKeys(paging), [paging.page, paging.pageSize]);

  const revoke = async (key: ApiKey) => {
    try {
      await api.revokeApiKey(key.id);
      message.success(t('apiKeys.revoked'));
      reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<ApiKey> = [
    { title: t('apiKeys.name'), dataIndex: 'name' },
    { title: t('apiKeys.prefix'), dataIndex: 'prefix', width: 160, render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    {
      title: t('apiKeys.scopes'), dataIndex: 'scopes',
      render: (scopes: ApiKey['scopes']) => scopes.map((s) => <Tag key={s} color="blue">{te('scope', s)}</Tag>),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
    { title: t('apiKeys.lastUsed'), dataIndex: 'lastUsedAt', width: 150, render: formatTime },
    {
      title: t('apiKeys.state'), dataIndex: 'revokedAt', width: 170,
      render: (v: string | null) => (v ? <Tag color="red">{t('apiKeys.revokedAt', { at: formatTime(v) })}</Tag> : <Tag color="green">{t('apiKeys.active')}</Tag>),
    },
    {
      title: t('common.actions'), key: 'actions', width: 100,
      render: (_, key) => (key.revokedAt ? null : (
        <Popconfirm title={t('apiKeys.revokeConfirm', { name: key.name })} description={t('apiKeys.revokeHelp')}
          okText={t('apiKeys.revoke')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
          onConfirm={() => revoke(key)}>
          <Button danger size="small" data-testid={`revoke-${key.id}`}>{t('apiKeys.revoke')}</Button>
        </Popconfirm>
      )),
    },
  ];

  if (error) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader
        title={t('nav.apiKeys')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-api-key">{t('apiKeys.create')}</Button>}
      />
      <Typography.Paragraph type="secondary">{t('apiKeys.intro')}</Typography.Paragraph>
      <PagedTable<ApiKey>
        rowKey="id"
        columns={columns}
        data={data}
        loading={loading}
        scroll={{ x: 900 }}
        paging={paging}
        onPaging={setPaging}
        pager={{ hideOnSinglePage: true }}
      />
      <CreateApiKeyModal open={creating} onClose={() => setCreating(false)} onCreated={reload} />
    </>
  );
}
