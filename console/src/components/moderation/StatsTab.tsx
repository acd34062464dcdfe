import { useMemo, useState } from 'react';
import { Card, Flex, Spin, Table, Tag, Space } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { ChartEmpty, EChart, type ChartOption } from '../EChart.js';
import { DaysPicker } from '../DaysPicker.js';
import { RequestError } from '../RequestError.js';
import { VIOLATION_RULES, moderationApi, type CommunityStats } from './moderationApi.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const TOP = 15;

/** Per group over the last days: decisions by rule (a stacked bar of the busiest groups) and a table of every group with any. */
export function StatsTab() {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const { data, error, loading, reload } = useRequest(() => moderationApi.stats(days), [days]);
  const rows = data?.communities ?? [];
  const option = useMemo<ChartOption>(() => {
    const top = rows.slice(0, TOP).reverse();
    const rules = VIOLATION_RULES.filter((r) => top.some((c) => c.byRule[r]));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: top.map((c) => c.communityName ?? '—') },
      series: rules.map((r) => ({ name: t(`moderation.rule.${r}`), type: 'bar', stack: 'all', data: top.map((c) => c.byRule[r] ?? 0) })),
    };
  }, [rows, t]);

  return (
    <Card title={t('moderation.stats.title')} extra={<DaysPicker value={days} onChange={setDays} />} data-testid="moderation-stats">
      {error && !data ? <RequestError error={error} onRetry={reload} /> : !data && loading ? <Spin /> : (
        <Flex vertical gap={16}>
          {rows.length === 0 ? <ChartEmpty description={t('moderation.stats.empty')} /> : <EChart option={option} height={Math.max(240, Math.min(rows.length, TOP) * 32 + 60)} testId="moderation-chart" />}
          <Table<CommunityStats> rowKey={(c) => c.communityId ?? 'none'} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} size="small" columns={[
            { title: t('moderation.col.group'), dataIndex: 'communityName', render: (v: string | null) => v ?? '—' },
            { title: t('moderation.stats.violations'), dataIndex: 'violations', sorter: (a, b) => a.violations - b.violations },
            { title: t('moderation.stats.members'), dataIndex: 'members' },
            { title: t('moderation.stats.removals'), dataIndex: 'removals' },
            { title: t('moderation.stats.reversed'), dataIndex: 'reversed' },
            { title: t('moderation.stats.byRule'), render: (_, c) => <Space size={4} wrap>{Object.entries(c.byRule).map(([r, n]) => <Tag key={r}>{t(`moderation.rule.${r as (typeof VIOLATION_RULES)[number]}`)} {n}</Tag>)}</Space> },
          ]} />
        </Flex>
      )}
    </Card>
  );
}
