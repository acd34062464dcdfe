import { useState } from 'react';
import { Empty, Progress, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useRequest } from '../../hooks.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { formatNumber } from '../../format.js';
import { RequestError } from '../RequestError.js';
import { OUTCOME_METRICS, useTemplatesApi, type OutcomeMetric, type Outcomes } from './templatesApi.js';

type Row = Outcomes['variants'][number];
const WINDOWS = [24, 72, 168, 720];
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const yuan = (cents: number) => `¥${(cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** "successes / trials · rate", the form every outcome column shares. */
function Ratio({ successes, trials, rate }: { successes: number; trials: number; rate: number | null }) {
  return <>{formatNumber(successes)} / {formatNumber(trials)} <Typography.Text type="secondary">{percent(rate)}</Typography.Text></>;
}

/**
 * Per variant: sends and what they led to within the chosen window (replies, tracked-link clicks, joins,
 * orders), and the probability each is best on the chosen metric. Definitions in docs/automation.md.
 */
export function OutcomesTable({ templateId, version }: { templateId: string; version: number }) {
  const { t } = useI18n();
  const templatesApi = useTemplatesApi();
  const [windowHours, setWindowHours] = useState(24);
  const [metric, setMetric] = useState<OutcomeMetric>('replies');
  const { data, error, loading, reload } = useRequest(() => templatesApi.outcomes(templateId, { windowHours, metric }), [templateId, version, windowHours, metric]);
  if (error) return <RequestError error={error} onRetry={reload} />;
  const metricLabel = t(`templates.metric.${metric}` as MessageKey);
  const head = (label: string, help: string) => <Tooltip title={help}>{label} <QuestionCircleOutlined /></Tooltip>;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('templates.outcomesHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8 }}>
        <span>{t('templates.window')}</span>
        <Segmented<number> size="small" data-testid="outcomes-window" value={windowHours} onChange={setWindowHours}
          options={WINDOWS.map((h) => ({ value: h, label: t(`templates.window.${h}` as MessageKey) }))} />
        <span>{t('templates.metric')}</span>
        <Segmented<OutcomeMetric> size="small" data-testid="outcomes-metric" value={metric} onChange={setMetric}
          options={OUTCOME_METRICS.map((m) => ({ value: m, label: t(`templates.metric.${m}` as MessageKey) }))} />
      </Space>
      <Table<Row> rowKey="key" size="small" loading={loading} pagination={false} data-testid="template-outcomes" scroll={{ x: 900 }}
        dataSource={data && data.totalSends > 0 ? data.variants : []}
        locale={{ emptyText: <Empty description={t('templates.noSends')} /> }}
        columns={[
          { title: t('templates.variantCol'), dataIndex: 'key', fixed: 'left', render: (k: string, r) => <>{k} {r.retired && <Tag>{t('templates.retired')}</Tag>}</> },
          { title: t('templates.weight'), dataIndex: 'weight', width: 70 },
          { title: head(t('templates.sends'), t('templates.sendsHelp')), dataIndex: 'sends', width: 80, render: formatNumber },
          { title: head(t('templates.replies'), t('templates.repliesHelp')), key: 'replies', render: (_, r) => <Ratio successes={r.replies} trials={r.sends} rate={r.replyRate} /> },
          {
            title: head(t('templates.clicks'), t('templates.clicksHelp')), key: 'clicks',
            render: (_, r) => <Tooltip title={t('templates.visitors', { n: r.clicks })}><span><Ratio successes={r.clickedSends} trials={r.linkSends} rate={r.clickRate} /></span></Tooltip>,
          },
          { title: head(t('templates.joins'), t('templates.joinsHelp')), key: 'joins', render: (_, r) => <Ratio successes={r.joins} trials={r.privateSends} rate={r.joinRate} /> },
          {
            title: head(t('templates.orders'), t('templates.ordersHelp')), key: 'orders',
            render: (_, r) => <><Ratio successes={r.orderedSends} trials={r.sends} rate={r.orderRate} /><br /><Typography.Text type="secondary">{t('templates.ordersRevenue', { n: r.orders, revenue: yuan(r.revenueCents) })}</Typography.Text></>,
          },
          {
            title: head(t('templates.probBest', { metric: metricLabel }), t('templates.probBestHelp', { metric: metricLabel })), dataIndex: 'probabilityBest', width: 170,
            render: (p: number | null) => (p === null ? '—' : <Progress percent={Math.round(p * 1000) / 10} size="small" status={p >= 0.95 ? 'success' : 'normal'} />),
          },
        ]} />
    </>
  );
}
