import { Empty, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatNumber } from '../../format.js';
import { RequestError } from '../RequestError.js';
import { useTemplatesApi, type Outcomes } from './templatesApi.js';

type Row = Outcomes['variants'][number];
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Sends, replies and the probability each variant is best (definitions in docs/automation.md). */
export function OutcomesTable({ templateId, version }: { templateId: string; version: number }) {
  const { t } = useI18n();
  const templatesApi = useTemplatesApi();
  const { data, error, loading, reload } = useRequest(() => templatesApi.outcomes(templateId), [templateId, version]);
  if (error) return <RequestError error={error} onRetry={reload} />;
  const head = (label: string, help: string) => <Tooltip title={help}>{label} <QuestionCircleOutlined /></Tooltip>;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('templates.outcomesHelp')}</Typography.Paragraph>
      <Table<Row> rowKey="key" size="small" loading={loading} pagination={false} data-testid="template-outcomes"
        dataSource={data && data.totalSends > 0 ? data.variants : []}
        locale={{ emptyText: <Empty description={t('templates.noSends')} /> }}
        columns={[
          { title: t('templates.variantCol'), dataIndex: 'key', render: (k: string, r) => <>{k} {r.retired && <Tag>{t('templates.retired')}</Tag>}</> },
          { title: t('templates.weight'), dataIndex: 'weight', width: 90 },
          { title: head(t('templates.sends'), t('templates.sendsHelp')), dataIndex: 'sends', width: 100, render: formatNumber },
          { title: head(t('templates.replies'), t('templates.repliesHelp')), dataIndex: 'replies', width: 100, render: formatNumber },
          { title: t('templates.replyRate'), dataIndex: 'replyRate', width: 100, render: percent },
          {
            title: head(t('templates.probBest'), t('templates.probBestHelp')), dataIndex: 'probabilityBest', width: 180,
            render: (p: number | null) => (p === null ? '—' : <Progress percent={Math.round(p * 1000) / 10} size="small" status={p >= 0.95 ? 'success' : 'normal'} />),
          },
        ]} />
    </>
  );
}
