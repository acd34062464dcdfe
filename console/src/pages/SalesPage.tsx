import { useMemo } from 'react';
import { Card, Col, Row, Segmented, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { DaysPicker, validDays } from '../components/DaysPicker.js';
import { TimeChart } from '../components/TimeChart.js';
import { money } from '../components/commerce/commerceApi.js';
import { salesApi, SALES_DIMENSIONS, type SalesDimension, type SalesRow } from '../components/sales/salesApi.js';
import { workspaceToday } from '../format.js';

/** 销售分析: what the period's paid orders brought in, by community, campaign, distributor or message variant. */
export default function SalesPage() {
  const { t } = useI18n();
  const [q, setQ] = useUrlState({ by: 'community', days: 30, page: 1, pageSize: 20 });
  const by = (SALES_DIMENSIONS as string[]).includes(q.by) ? (q.by as SalesDimension) : 'community';
  const days = validDays(q.days, 30);
  const to = workspaceToday();
  const from = dayjs(to).subtract(days - 1, 'day').format('YYYY-MM-DD');
  const report = useRequest(() => salesApi.report({ by, from, to, page: q.page, pageSize: q.pageSize }), [by, from, to, q.page, q.pageSize]);
  const r = report.data;
  const series = useMemo(() => (r ? [
    { name: t('sales.netRevenue'), kind: 'bar' as const, values: r.daily.map((d) => d.netCents / 100) },
    { name: t('sales.orders'), kind: 'line' as const, values: r.daily.map((d) => d.orders) },
  ] : []), [r, t]);
  const unattributed = t(`sales.none.${by}`);
  return (
    <>
      <PageHeader title={t('nav.sales')} testId="sales-title" extra={<DaysPicker value={days} onChange={(d) => setQ({ days: d, page: 1 })} />} />
      <Typography.Paragraph type="secondary">{t('sales.intro')}</Typography.Paragraph>
      {report.error && <RequestError error={report.error} onRetry={report.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}><Card><Statistic title={t('sales.netRevenue')} value={r ? money(r.totals.netCents) : '-'} data-testid="sales-net" /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('sales.orders')} value={r?.totals.orders ?? '-'} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('sales.buyers')} value={r?.totals.buyers ?? '-'} /></Card></Col>
        <Col xs={12} md={6}><Card><Statistic title={t('sales.refunded')} value={r ? money(r.totals.refundedCents) : '-'} /></Card></Col>
        <Col span={24}>
          <Card title={t('sales.daily')}><TimeChart days={r?.daily.map((d) => d.day) ?? []} series={series} /></Card>
        </Col>
        <Col span={24}>
          <Card title={
            <Space>
              {t('sales.by')}
              <Segmented value={by} onChange={(v) => setQ({ by: String(v), page: 1 })} data-testid="sales-by"
                options={SALES_DIMENSIONS.map((d) => ({ value: d, label: t(`sales.dim.${d}`) }))} />
            </Space>
          }>
            <PagedTable<SalesRow> rowKey={(row) => `${row.key ?? '-'}:${row.variant ?? ''}`} data={r} paging={q} onPaging={(p) => setQ(p)}
              loading={report.loading} locale={{ emptyText: t('sales.empty') }} data-testid="sales-table"
              columns={[
                { title: t(`sales.dim.${by}`), key: 'label', render: (_: unknown, row) => (row.key === null ? <Typography.Text type="secondary">{unattributed}</Typography.Text> : row.label ?? row.key) },
                ...(by === 'variant' ? [{ title: t('sales.variant'), dataIndex: 'variant', render: (v: string | null) => v ?? '-' }] : []),
                { title: t('sales.orders'), dataIndex: 'orders' },
                { title: t('sales.buyers'), dataIndex: 'buyers' },
                { title: t('sales.paid'), dataIndex: 'paidCents', render: (c: number) => money(c) },
                { title: t('sales.refunded'), dataIndex: 'refundedCents', render: (c: number) => (c ? money(c) : '-') },
                { title: t('sales.netRevenue'), dataIndex: 'netCents', render: (c: number) => money(c) },
                { title: t('sales.share'), dataIndex: 'shareOfNet', render: (s: number) => `${(s * 100).toFixed(1)}%` },
              ]} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
