import { useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { DaysPicker, validDays } from '../components/DaysPicker.js';
import { HealthDashboard } from '../components/health/HealthDashboard.js';

/** The health dashboard over every community of the workspace; one group's is a tab on its page. */
export default function HealthPage() {
  const { t } = useI18n();
  const [params, setParams] = useUrlState({ days: 30 });
  const days = validDays(params.days, 30);
  return (
    <>
      <PageHeader title={t('health.title')} testId="health-title"
        extra={<DaysPicker value={days} onChange={(d) => setParams({ days: d })} />} />
      <HealthDashboard days={days} />
    </>
  );
}
