import { api } from '../../api.js';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { LifecycleChart } from './LifecycleChart.js';
import { Panel } from './Panel.js';

/** About as many weeks as the chosen days, at least 4 so a trend shows, at most what the API serves. */
export const trendWeeks = (days: number) => Math.min(26, Math.max(4, Math.ceil(days / 7)));

export function LifecyclePanel({ communityId, days }: { communityId?: string; days: number }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useRequest(
    () => api.segments({ communityId, weeks: trendWeeks(days) }), [communityId, days]);
  return (
    <Panel title={t('health.lifecycle')} help={t('health.lifecycleHelp')} loading={loading && !data} error={error} onRetry={reload}
      testId="health-lifecycle">
      {data && <LifecycleChart trend={data.lifecycle.trend} />}
    </Panel>
  );
}
