import { useMemo } from 'react';
import type { Heatmap } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { ChartEmpty, EChart, type ChartOption } from './EChart.js';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h));

/** Messages by weekday (rows, Monday on top) and hour (columns) in the workspace time zone. */
export function HeatmapChart({ data }: { data: Heatmap }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const days = t('health.weekdays').split(',');
    const cells = data.counts.flatMap((row, d) => row.map((n, h) => [h, d, n]));
    const max = Math.max(1, ...cells.map((c) => c[2]!));
    return {
      tooltip: {
        position: 'top',
        formatter: (p: { value: number[] }) => t('health.heatmapCell', { day: days[p.value[1]!] ?? '', hour: p.value[0]!, n: p.value[2]! }),
      },
      grid: { left: 8, right: 8, top: 8, bottom: 64, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: HOURS, splitArea: { show: true } },
      // inverse: the week reads top to bottom, as on a calendar.
      yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
        inRange: { color: ['#f5f5f5', '#b7eb8f', '#52c41a', '#237804'] },
      },
      series: [{ type: 'heatmap', data: cells, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } }],
    };
  }, [data, t]);

  if (data.messages === 0) return <ChartEmpty />;
  return <EChart option={option} height={300} testId="health-heatmap-canvas" />;
}
