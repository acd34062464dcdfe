import { Alert, Col, Descriptions, Drawer, Empty, Row, Statistic, Table, Typography } from 'antd';
import type { ImportJob, ImportSummary } from '../../api.js';
import type { MessageKey } from '../../i18n/index.js';
import { useI18n } from '../../i18n/index.js';
import { formatNumber, formatTime } from '../../format.js';
import { formatBytes } from './formatBytes.js';
import { ImportStatusCell } from './ImportStatus.js';

type Sample = ImportSummary['samples'][number];
const COUNTS: [keyof ImportSummary & string, MessageKey][] = [
  ['records', 'imports.records'], ['messages', 'imports.messages'], ['joins', 'imports.joins'], ['leaves', 'imports.leaves'],
  ['stored', 'imports.stored'], ['duplicates', 'imports.duplicates'], ['unparsed', 'imports.unparsed'], ['rejected', 'imports.rejected'],
];

/** One import: what was asked, what the importer found, and the lines it could not read with why. */
export function ImportDetailDrawer({ job, onClose }: { job: ImportJob | null; onClose: () => void }) {
  const { t, te } = useI18n();
  const s = job?.summary;
  return (
    <Drawer open={!!job} onClose={onClose} width={720} destroyOnHidden data-testid="import-detail"
      title={job ? t('imports.detailTitle', { name: job.fileName }) : ''}>
      {job && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }} items={[
            { key: 'status', label: t('imports.status'), span: 2, children: <ImportStatusCell job={job} /> },
            { key: 'size', label: t('imports.size'), children: formatBytes(job.sizeBytes) },
            { key: 'requested', label: t('imports.requestedFormat'), children: te('importFormat', job.format) },
            {
              key: 'format', label: t('imports.detectedFormat'), span: 2,
              children: s ? (
                <span data-testid="import-detected-format">
                  {te('importFormat', s.format)} · {s.detection.auto
                    ? t('imports.detectedAuto', { confidence: s.detection.confidence.toFixed(2) })
                    : t('imports.detectedNamed')}
                </span>
              ) : '—',
            },
            { key: 'community', label: t('imports.community'), children: job.community ?? '—' },
            { key: 'zone', label: t('imports.timeZone'), children: job.timeZone },
            { key: 'by', label: t('imports.createdBy'), children: job.createdByName ?? '—' },
            { key: 'at', label: t('common.createdAt'), children: formatTime(job.createdAt) },
          ]} />
          {job.status === 'failed' && job.error && (
            <Alert type="error" showIcon title={t('imports.error')} description={job.error} style={{ marginBottom: 16 }} />
          )}
          {s && <SummaryView s={s} />}
        </>
      )}
    </Drawer>
  );
}

function SummaryView({ s }: { s: ImportSummary }) {
  const { t } = useI18n();
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 8 }} data-testid="import-counts">
        {COUNTS.map(([key, label]) => (
          <Col span={6} key={key}>
            <Statistic title={t(label)} value={s[key] as number} formatter={(v) => formatNumber(Number(v))}
              styles={{ content: (key === 'unparsed' || key === 'rejected') && (s[key] as number) > 0 ? { color: '#d4380d' } : undefined }} />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary">
        {t('imports.chats')}: {formatNumber(s.chats)} · {t('imports.duration', { seconds: s.seconds.toFixed(1) })}
      </Typography.Paragraph>
      {s.samples.length === 0
        ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.noProblems')} />
        : (
          <>
            <Typography.Title level={5}>{t('imports.samples', { total: formatNumber(s.unparsed + s.rejected), n: s.samples.length })}</Typography.Title>
            <Table<Sample> size="small" pagination={false} rowKey={(r) => `${r.file ?? ''}:${r.line}:${r.reason}`} dataSource={s.samples}
              data-testid="import-samples"
              columns={[
                { title: t('imports.line'), key: 'line', width: 120, render: (_, r) => (r.file ? `${r.file}:${r.line}` : r.line) },
                { title: t('imports.text'), dataIndex: 'text', render: (v: string) => <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{v}</Typography.Text> },
                { title: t('imports.reason'), dataIndex: 'reason', width: 200 },
              ]} />
          </>
        )}
    </>
  );
}
