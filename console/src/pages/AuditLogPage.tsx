import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, type AuditEntry } from '../api.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { DataPreview } from '../components/DataPreview.js';
import { PagedTable } from '../components/PagedTable.js';

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
      <PagedTable<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        data={data}
        loading={loading}
        scroll={{ x: 1000 }}
        paging={p}
        onPaging={setP}
        pager={{ showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200] }}
      />
    </>
  );
}
