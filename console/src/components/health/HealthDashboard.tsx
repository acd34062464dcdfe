import { useMemo } from 'react';
import { Col, Row, Typography } from 'antd';
import { api } from '../../api.js';
import { useAuth } from '../../auth.js';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { TimeChart } from '../TimeChart.js';
import { MetricCards } from './MetricCards.js';
import { HeatmapChart } from './HeatmapChart.js';
import { ParetoChart } from './ParetoChart.js';
import { JoinsLeavesChart, type FlowDay } from './JoinsLeavesChart.js';
import { TopSpeakers } from './TopSpeakers.js';
import { Panel } from './Panel.js';
import { LifecyclePanel } from './LifecyclePanel.js';
import { NetworkPanel } from './NetworkPanel.js';
import { lastDays } from './window.js';

interface Series { day: string; messages: number; activeMembers: number; joins: number; leaves: number }

/** The health dashboard for one community, or for the whole workspace when communityId is absent. */
export function HealthDashboard({ communityId, days }: { communityId?: string; days: number }) {
  const { t } = useI18n();
  const { session } = useAuth();
  const zone = session?.workspace.timeZone ?? 'Asia/Shanghai';
  const win = useMemo(() => lastDays(days, zone), [days, zone]);
  const q = { communityId, from: win.from, to: win.to };
  const deps = [communityId, win.from, win.to];
  const health = useRequest(() => api.health(q), deps);
  const heatmap = useRequest(() => api.heatmap(q), deps);
  const speakers = useRequest(() => api.speakers(q), deps);
  // The daily series cover the same local days as the window above.
  const series = useRequest<Series[]>(
    () => (communityId ? api.communityActivity(communityId, days) : api.overview(days)).then((r) => r.series),
    [communityId, days],
  );

  const trend = useMemo(() => {
    const s = series.data ?? [];
    return {
      days: s.map((d) => d.day),
      series: [
        { name: t('health.trendMessages'), kind: 'bar' as const, values: s.map((d) => d.messages) },
        { name: t('health.trendActive'), kind: 'line' as const, values: s.map((d) => d.activeMembers), color: '#fa8c16' },
      ],
    };
  }, [series.data, t]);
  const flow: FlowDay[] = series.data ?? [];
  const spikeIds = [...new Set((health.data?.leave_spikes ?? []).map((s) => s.community_id))];
  const names = useRequest(
    () => Promise.all((communityId ? [] : spikeIds).map((id) => api.community(id).then((c) => [id, c.name] as const)))
      .then((pairs) => Object.fromEntries(pairs) as Record<string, string>),
    [communityId, spikeIds.join()]);
  const busy = (r: { loading: boolean; data: unknown }) => r.loading && !r.data;

  return (
    <div data-testid="health-dashboard">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('health.windowNote', { from: win.firstDay, to: win.lastDay, zone })}
      </Typography.Paragraph>
      {health.error ? <Panel title={t('health.title')} loading={false} error={health.error} onRetry={health.reload}>{null}</Panel>
        : <MetricCards report={health.data} loading={health.loading} />}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24}>
          <Panel title={t('health.trend')} loading={busy(series)} error={series.error} onRetry={series.reload} testId="health-trend">
            <TimeChart days={trend.days} series={trend.series} />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('health.heatmap')} help={t('health.heatmapHelp', { zone })} loading={busy(heatmap)} error={heatmap.error}
            onRetry={heatmap.reload} testId="health-heatmap">
            {heatmap.data && <HeatmapChart data={heatmap.data} />}
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('health.pareto')} help={t('health.paretoHelp')} loading={busy(speakers)} error={speakers.error}
            onRetry={speakers.reload} testId="health-pareto">
            {speakers.data && <ParetoChart data={speakers.data} />}
          </Panel>
        </Col>
        <Col xs={24} xl={16}>
          <Panel title={t('health.joinsLeaves')} help={t('health.joinsLeavesHelp')} loading={busy(series) || busy(health)}
            error={series.error ?? health.error} onRetry={() => { series.reload(); health.reload(); }} testId="health-flow">
            <JoinsLeavesChart series={flow} spikes={health.data?.leave_spikes ?? []} communityNames={names.data} />
          </Panel>
        </Col>
        <Col xs={24} xl={8}>
          <Panel title={t('health.topSpeakers')} loading={busy(health)} error={health.error} onRetry={health.reload} testId="health-top">
            <TopSpeakers speakers={health.data?.top_speakers ?? []} />
          </Panel>
        </Col>
        <Col xs={24}><LifecyclePanel communityId={communityId} days={days} /></Col>
        {communityId && <Col xs={24}><NetworkPanel communityId={communityId} win={win} /></Col>}
      </Row>
    </div>
  );
}
