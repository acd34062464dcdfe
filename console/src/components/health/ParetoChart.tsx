import { useMemo } from 'react';
import { Typography } from 'antd';
import type { SpeakerDistribution } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { ChartEmpty, EChart, type ChartOption } from './EChart.js';
import { percent } from './format.js';

/**
 * Cumulative share of messages against share of speakers, largest speakers first. A listed cap leaves the
 * tail out; its speakers are the smallest, so a straight line to (1, 1) is the closest honest drawing.
 */
export function paretoPoints(d: SpeakerDistribution): [number, number][] {
  if (d.speakers === 0 || d.messages === 0) return [];
  const points: [number, number][] = [[0, 0]];
  let sum = 0;
  d.items.forEach((s, i) => {
    sum += s.messages;
    points.push([(i + 1) / d.speakers, sum / d.messages]);
  });
  if (d.truncated) points.push([1, 1]);
  return points;
}

export function ParetoChart({ data }: { data: SpeakerDistribution }) {
  const { t } = useI18n();
  const points = useMemo(() => paretoPoints(data), [data]);
  const option = useMemo<ChartOption>(() => {
    const axis = (name: string) => ({
      type: 'value', min: 0, max: 1, name, nameLocation: 'middle', nameGap: 28,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    });
    const dashed = { type: 'dashed', color: '#fa8c16' };
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { seriesIndex: number; value: number[] }) => (p.seriesIndex === 0
          ? t('health.paretoPoint', { speakers: percent(p.value[0]!), messages: percent(p.value[1]!) })
          : t('health.paretoEqual')),
      },
      legend: { top: 0 },
      grid: { left: 16, right: 24, top: 36, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: axis(t('health.paretoX')),
      yAxis: { ...axis(t('health.paretoY')), nameGap: 40 },
      series: [
        {
          name: t('health.paretoSeries'), type: 'line', data: points, showSymbol: points.length <= 30, areaStyle: { opacity: 0.12 },
          markLine: {
            silent: true, symbol: 'none', lineStyle: dashed, label: { formatter: '{b}' },
            data: [{ name: '20%', xAxis: 0.2 }, { name: '80%', yAxis: 0.8 }],
          },
        },
        { name: t('health.paretoEqual'), type: 'line', data: [[0, 0], [1, 1]], showSymbol: false, lineStyle: { type: 'dotted', color: '#bfbfbf' }, itemStyle: { color: '#bfbfbf' } },
      ],
    };
  }, [points, t]);

  if (points.length === 0) return <ChartEmpty />;
  return (
    <>
      <EChart option={option} height={300} testId="health-pareto-canvas" />
      {data.truncated && <Typography.Text type="secondary">{t('health.paretoTruncated', { n: data.items.length })}</Typography.Text>}
    </>
  );
}
