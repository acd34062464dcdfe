import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { LeaveSpike } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { shortDay } from '../../format.js';
import { ChartEmpty, EChart, type ChartOption } from './EChart.js';
import { decimal } from './format.js';

export interface FlowDay { day: string; joins: number; leaves: number }

/** The days of each spike week that the chart shows: weeks are Monday to Sunday, the chart may start mid-week. */
function spikeAreas(days: string[], spikes: LeaveSpike[], label: string) {
  if (days.length === 0) return [];
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const weeks = [...new Set(spikes.map((s) => s.week))];
  return weeks.flatMap((week) => {
    const sunday = dayjs(week).add(6, 'day').format('YYYY-MM-DD');
    const start = week < first ? first : week;
    const end = sunday > last ? last : sunday;
    return start <= end ? [[{ name: label, xAxis: start }, { xAxis: end }]] : [];
  });
}

/** Daily joins and leaves; the weeks the health report flags as leave spikes are shaded. */
export function JoinsLeavesChart({ series, spikes, communityNames }: {
  series: FlowDay[]; spikes: LeaveSpike[];
  /** Over several communities, which one each spike is in (spikes are per community). */
  communityNames?: Record<string, string>;
}) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const days = series.map((d) => d.day);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'category', data: days, axisLabel: { formatter: shortDay } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('activity.joins'), type: 'bar', data: series.map((d) => d.joins), itemStyle: { color: '#07c160' } },
        {
          name: t('activity.leaves'), type: 'bar', data: series.map((d) => d.leaves), itemStyle: { color: '#ff7875' },
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(255, 77, 79, 0.12)' },
            label: { color: '#cf1322', position: 'insideTop' },
            data: spikeAreas(days, spikes, t('health.leaveSpike')),
          },
        },
      ],
    };
  }, [series, spikes, t]);

  if (series.every((d) => !d.joins && !d.leaves)) return <ChartEmpty />;
  return (
    <>
      <EChart option={option} height={280} testId="health-flow-canvas" />
      {spikes.length > 0 && (
        <Space direction="vertical" size={0} data-testid="health-leave-spikes">
          {spikes.map((s) => (
            <Typography.Text key={`${s.community_id}-${s.week}`} type="danger">
              {t('health.leaveSpike')}:{' '}
              {communityNames?.[s.community_id] && (
                <><Link to={`/communities/${s.community_id}?tab=health`}>{communityNames[s.community_id]}</Link>{' '}</>
              )}
              {t('health.leaveSpikeDetail', {
                week: s.week, leaves: s.leaves, mean: decimal(s.trailing_mean, 1), std: decimal(s.trailing_std, 1),
              })}
            </Typography.Text>
          ))}
        </Space>
      )}
    </>
  );
}
