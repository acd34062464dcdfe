import { useMemo, useState } from 'react';
import { Flex, Statistic, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { ChartEmpty, EChart, type ChartOption } from '../EChart.js';
import { DaysPicker } from '../DaysPicker.js';
import { RequestError } from '../RequestError.js';
import { fissionApi, type Campaign } from './fissionApi.js';

echarts.use([FunnelChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const SERIES = ['posters', 'shares', 'scans', 'joins', 'qualified'] as const;

/** The campaign's funnel from participants to qualified invites, its K-factor and cost, and the days behind them. */
export function CampaignStatsView({ campaign, refreshKey }: { campaign: Campaign; refreshKey: number }) {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const { data, error, reload } = useRequest(() => fissionApi.stats(campaign.id, days), [campaign.id, days, refreshKey]);
  const funnel = useMemo<ChartOption | null>(() => {
    if (!data || data.totals.participants === 0) return null;
    const x = data.totals;
    const steps = [['participants', x.participants], ['postersGenerated', x.postersGenerated], ['shares', x.shares], ['scans', x.scans], ['joins', x.joins], ['qualified', x.qualified]] as const;
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '8%', label: { formatter: '{b} {c}' },
        data: steps.map(([k, v]) => ({ name: t(`fission.stat.${k}`), value: v })) }],
    };
  }, [data, t]);
  const series = useMemo<ChartOption | null>(() => {
    if (!data || data.series.every((d) => SERIES.every((k) => d[k] === 0))) return null;
    return {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: data.series.map((d) => d.day.slice(5)) }, yAxis: { type: 'value', minInterval: 1 },
      series: SERIES.map((k) => ({ type: 'line', name: t(`fission.stat.${k}`), smooth: true, data: data.series.map((d) => d[k]) })),
    };
  }, [data, t]);

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  const x = data?.totals;
  const cost = (n: number | null) => (n === null ? '—' : x?.costUnit === 'cents' ? `¥${(n / 100).toFixed(2)}` : t('fission.pointsValue', { n: Math.round(n * 100) / 100 }));
  return (
    <Flex vertical gap={16} data-testid="fission-stats">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('fission.funnel')}</Typography.Title>
        <DaysPicker value={days} onChange={setDays} />
      </Flex>
      {x && (
        <Flex gap={32} wrap>
          <Statistic title={t('fission.stat.participants')} value={x.participants} />
          <Statistic title={t('fission.stat.qualified')} value={x.qualified} />
          <Statistic title={t('fission.stat.pending')} value={x.pending} />
          <Statistic title={t('fission.stat.completed')} value={x.completed} />
          <Statistic title={<Tooltip title={t('fission.kFactorHelp')}>{t('fission.kFactor')} <QuestionCircleOutlined /></Tooltip>}
            value={x.kFactor === null ? '—' : x.kFactor.toFixed(2)} />
          <Statistic title={<Tooltip title={t('fission.costHelp')}>{t('fission.costPerQualified')} <QuestionCircleOutlined /></Tooltip>} value={cost(x.costPerQualified)} />
        </Flex>
      )}
      {funnel ? <EChart option={funnel} height={300} testId="fission-funnel" /> : <ChartEmpty height={300} description={t('fission.noParticipantsYet')} />}
      <Typography.Title level={5} style={{ margin: 0 }}>{t('fission.perDay', { n: days })}</Typography.Title>
      {series ? <EChart option={series} height={260} testId="fission-series" /> : <ChartEmpty height={260} description={t('fission.noActivity', { n: days })} />}
    </Flex>
  );
}
