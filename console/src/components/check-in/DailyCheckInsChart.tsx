import { useState } from 'react';
import { Card, Spin } from 'antd';
import dayjs from 'dayjs';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { DaysPicker } from '../DaysPicker.js';
import { RequestError } from '../RequestError.js';
import { TimeChart } from '../TimeChart.js';
import { checkInApi } from './checkInApi.js';

/** Check-ins and make-ups per day over the last days; the chart says so when there were none. */
export function DailyCheckInsChart({ refreshKey }: { refreshKey: number }) {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  // Only the start is sent: the server ends the range on the workspace's today, which the browser's clock may not share.
  const from = dayjs().subtract(days - 1, 'day').format('YYYY-MM-DD');
  const { data, error, loading, reload } = useRequest(() => checkInApi.daily({ from }), [from, refreshKey]);
  return (
    <Card title={t('checkIn.daily')} extra={<DaysPicker value={days} onChange={setDays} />} data-testid="check-in-daily">
      {error && !data ? <RequestError error={error} onRetry={reload} /> : !data && loading ? <Spin /> : (
        <TimeChart days={data?.days.map((d) => d.day) ?? []} stacked series={[
          { name: t('checkIn.checkIns'), kind: 'bar', values: data?.days.map((d) => d.checkIns) ?? [] },
          { name: t('checkIn.makeUps'), kind: 'bar', values: data?.days.map((d) => d.makeUps) ?? [], color: '#faad14' },
        ]} />
      )}
    </Card>
  );
}
