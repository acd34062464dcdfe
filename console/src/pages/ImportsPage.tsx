import { useEffect, useState } from 'react';
import { Button, Empty, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, type ImportJob } from '../api.js';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatNumber, formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { PagedTable } from '../components/PagedTable.js';
import { UploadImport } from '../components/imports/UploadImport.js';
import { ImportDetailDrawer } from '../components/imports/ImportDetailDrawer.js';
import { ImportStatusCell, isActive } from '../components/imports/ImportStatus.js';
import { formatBytes } from '../components/imports/formatBytes.js';

const POLL_MS = 1000;

export default function ImportsPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20 });
  const { data, error, loading, reload } = useRequest(() => api.imports(p), [p.page, p.pageSize]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [opened, setOpened] = useState<ImportJob | null>(null);

  // While an import waits or runs, the list is asked again every second so the bars move; then it stops.
  const polling = !!data?.items.some(isActive);
  useEffect(() => {
    if (!polling) return undefined;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [polling, reload]);

  // The drawer follows the row as the list refreshes, and keeps the row it opened with if it leaves the page.
  const shown = (openId && data?.items.find((j) => j.id === openId)) || opened;

  const columns: TableColumnsType<ImportJob> = [
    {
      title: t('imports.file'), dataIndex: 'fileName',
      render: (name: string, job) => <Typography.Text ellipsis={{ tooltip: name }} style={{ maxWidth: 280 }} data-testid="import-file" data-id={job.id}>{name}</Typography.Text>,
    },
    { title: t('imports.size'), dataIndex: 'sizeBytes', width: 100, render: formatBytes },
    {
      title: t('imports.format'), key: 'format', width: 150,
      render: (_, job) => te('importFormat', job.summary?.format ?? job.format),
    },
    { title: t('imports.status'), key: 'status', width: 260, render: (_, job) => <ImportStatusCell job={job} /> },
    {
      title: t('imports.result'), key: 'result', width: 200,
      render: (_, job) => (job.summary
        ? t('imports.resultText', { stored: formatNumber(job.summary.stored), duplicates: formatNumber(job.summary.duplicates) })
        : '—'),
    },
    { title: t('imports.createdBy'), dataIndex: 'createdByName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
    {
      title: t('common.actions'), key: 'actions', width: 90,
      render: (_, job) => (
        <Button size="small" data-testid={`import-details-${job.id}`} onClick={() => { setOpenId(job.id); setOpened(job); }}>
          {t('imports.details')}
        </Button>
      ),
    },
  ];

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.imports')} testId="imports-title" />
      <Typography.Paragraph type="secondary">{t('imports.intro')}</Typography.Paragraph>
      {can('operator') && <UploadImport onUploaded={() => (p.page === 1 ? reload() : setP({ page: 1 }))} />}
      <PagedTable<ImportJob>
        rowKey="id"
        size="middle"
        columns={columns}
        data={data}
        // Polling reloads every second; only the first load shows the spinner, or the table would blink.
        loading={loading && !data}
        scroll={{ x: 1200 }}
        paging={p}
        onPaging={setP}
        pager={{ hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={can('operator') ? t('imports.empty') : t('imports.emptyReadOnly')} /> }}
        data-testid="imports-table"
      />
      <ImportDetailDrawer job={shown} onClose={() => { setOpenId(null); setOpened(null); }} />
    </>
  );
}
