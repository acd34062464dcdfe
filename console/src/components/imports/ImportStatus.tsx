import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import type { ImportJob, ImportStatus as Status } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { formatNumber } from '../../format.js';

const COLORS: Record<Status, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

export const isActive = (job: Pick<ImportJob, 'status'>) => job.status === 'queued' || job.status === 'running';

/** Share of the export read so far; the byte count is the only measure known before the end. */
export function percentDone(job: ImportJob): number {
  if (job.status === 'done') return 100;
  const p = job.progress;
  if (!p || !p.bytesTotal) return 0;
  return Math.min(99, Math.floor((p.bytesRead / p.bytesTotal) * 100));
}

export function ImportStatusTag({ job }: { job: ImportJob }) {
  const { te } = useI18n();
  return <Tag color={COLORS[job.status]} data-testid="import-status" data-status={job.status}>{te('importStatus', job.status)}</Tag>;
}

/** Tag, plus a progress bar while the import waits or runs, and the reason when it failed. */
export function ImportStatusCell({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  if (isActive(job)) {
    const p = job.progress;
    return (
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space size={4}>
          <ImportStatusTag job={job} />
          {job.status === 'queued' && job.error && (
            <Tooltip title={job.error}><Typography.Text type="warning">{t('imports.retrying')}</Typography.Text></Tooltip>
          )}
        </Space>
        <Progress percent={percentDone(job)} size="small" status="active" data-testid="import-progress" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p ? t('imports.runningStats', { records: formatNumber(p.records), stored: formatNumber(p.stored) }) : t('imports.waiting')}
        </Typography.Text>
      </Space>
    );
  }
  if (job.status === 'failed') {
    return (
      <Space orientation="vertical" size={2}>
        <ImportStatusTag job={job} />
        <Typography.Text type="danger" ellipsis={{ tooltip: job.error }} style={{ maxWidth: 260, fontSize: 12 }} data-testid="import-error">
          {job.error}
        </Typography.Text>
      </Space>
    );
  }
  return <ImportStatusTag job={job} />;
}
