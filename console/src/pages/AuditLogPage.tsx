import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, type AuditEntry } from '../api.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { DataPreview } from '../components/DataPreview.js';

export default function AuditLogPage() {
  const { t, te } = useI18n();
  const [p, setP] = useUrlState({ page: 1, pageSize: 50 });
  const { data, error, loading, reload } = useRequest(() => api.auditLog(p), [p.page, p.pageSize]);

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: formatTime },
    { title: t('audit.actor'), dataIndex: 'actor', width: 220 },
    { title: t('audit.action'), dataIndex: 'action', width: 200, render: (a: string) => <Tag>{te('auditAction', a)}</Tag> },
    {
      title: t('audit.target'), key: 'target', width: 260,
      render: (_, e) => (e.targetType
        ? <Typography.Text ellipsis style={{ maxWidth: 240 }}>{e.targetType}{e.targetId ? `: ${e.targetId}` : ''}</Typography.Text>
        : '—'),
    },
    { title: t('audit.details'), dataIndex: 'details', render: (d: AuditEntry['details']) => <DataPreview data={d} /> },
  ];

  if (error) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.auditLog')} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        scroll={{ x: 1000 }}
        pagination={{
          current: p.page, pageSize: p.pageSize, total: data?.total ?? 0, showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (page, pageSize) => setP({ page: pageSize === p.pageSize ? page : 1, pageSize }),
        }}
      />
    </>
  );
}
