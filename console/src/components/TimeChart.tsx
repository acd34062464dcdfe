import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ChartEmpty, EChart, type ChartOption } from './EChart.js';
import { shortDay } from '../format.js';

// Registering only what we draw keeps ECharts to a fraction of its full size.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  kind: 'line' | 'bar';
  values: number[];
  color?: string;
}

interface Props {
  days: string[];
  series: ChartSeries[];
  height?: number;
  stacked?: boolean;
}

/** A day-by-day chart; with no days, or nothing but zeros, it says so instead of drawing a flat line. */
export function TimeChart({ days, series, height = 280, stacked = false }: Props) {
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    // ECharts 6 spelling of containLabel: axis labels stay inside the box instead of being clipped.
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: days.map(shortDay), boundaryGap: series.some((s) => s.kind === 'bar') },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      name: s.name,
      type: s.kind,
      data: s.values,
      // Straight segments: a smoothed curve overshoots between days and draws values that never happened.
      smooth: false,
      showSymbol: days.length <= 31,
      stack: stacked && s.kind === 'bar' ? 'total' : undefined,
      itemStyle: s.color ? { color: s.color } : undefined,
      lineStyle: s.color ? { color: s.color } : undefined,
    })),
  }), [days, series, stacked]);
  const empty = days.length === 0 || series.every((s) => s.values.every((v) => !v));
  if (empty) return <ChartEmpty height={height} />;
  return <EChart option={option} height={height} />;
}
