import { useMemo } from 'react';
import { LIFECYCLE_STAGES, type SegmentsReport } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { shortDay } from '../../format.js';
import { ChartEmpty, EChart, type ChartOption } from './EChart.js';

const COLORS: Record<(typeof LIFECYCLE_STAGES)[number], string> = {
  left: '#bfbfbf', new: '#1677ff', active: '#52c41a', returning: '#13c2c2',
  resurrecting: '#722ed1', at_risk: '#fa8c16', dormant: '#8c8c8c',
};

/** Memberships per lifecycle stage at the end of each week, stacked. */
export function LifecycleChart({ trend }: { trend: SegmentsReport['lifecycle']['trend'] }) {
  const { te } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const name = (stage: string) => te('lifecycle', stage);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // "Left" only grows over time and would dwarf the living stages; it is one click away in the legend.
      legend: { top: 0, selected: { [name('left')]: false } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: trend.map((p) => shortDay(p.period_start)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: LIFECYCLE_STAGES.map((stage) => ({
        name: name(stage), type: 'bar', stack: 'stages', data: trend.map((p) => p.counts[stage] ?? 0),
        itemStyle: { color: COLORS[stage] }, emphasis: { focus: 'series' },
      })),
    };
  }, [trend, te]);

  if (trend.every((p) => LIFECYCLE_STAGES.every((s) => !p.counts[s]))) return <ChartEmpty />;
  return <EChart option={option} height={280} testId="health-lifecycle-canvas" />;
}
