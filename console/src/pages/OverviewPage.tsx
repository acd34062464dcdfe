import { useMemo } from 'react';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import { api, type Overview } from '../api.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { DaysPicker, validDays } from '../components/DaysPicker.js';
import { TimeChart } from '../components/TimeChart.js';

const TOTALS: { key: keyof Overview['totals']; label: MessageKey }[] = [
  { key: 'communities', label: 'overview.communities' },
  { key: 'members', label: 'overview.members' },
  { key: 'messages', label: 'overview.messages' },
  { key: 'joins', label: 'overview.joins' },
  { key: 'leaves', label: 'overview.leaves' },
  { key: 'activeMembers7d', label: 'overview.activeMembers7d' },
];

export default function OverviewPage() {
  const { t } = useI18n();
  const [params, setParams] = useUrlState({ days: 30 });
  const days = validDays(params.days, 30);
  const { data, error, loading, reload } = useRequest(() => api.overview(days), [days]);

  const charts = useMemo(() => {
    const s = data?.series ?? [];
    const col = (k: 'messages' | 'joins' | 'leaves' | 'activeMembers') => s.map((d) => d[k]);
    return {
      days: s.map((d) => d.day),
      messages: [{ name: t('overview.messages'), kind: 'bar' as const, values: col('messages') }],
      active: [{ name: t('overview.activeMembers'), kind: 'line' as const, values: col('activeMembers') }],
      flow: [
        { name: t('overview.joins'), kind: 'bar' as const, values: col('joins'), color: '#07c160' },
        { name: t('overview.leaves'), kind: 'bar' as const, values: col('leaves'), color: '#ff7875' },
      ],
    };
  }, [data, t]);

  return (
    <>
      <PageHeader title={t('nav.overview')} extra={<DaysPicker value={days} onChange={(d) => setParams({ days: d })} />} />
      {error ? <RequestError error={error} onRetry={reload} /> : (
        <>
          <Row gutter={[16, 16]}>
            {TOTALS.map(({ key, label }) => (
              <Col key={key} xs={12} md={8} xl={4}>
                <Card data-testid={`total-${key}`}>
                  <Statistic title={t(label)} value={data?.totals[key] ?? 0} loading={loading && !data} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={12}>
              <Card title={t('overview.messagesPerDay')}>
                {loading && !data ? <Skeleton active /> : <TimeChart days={charts.days} series={charts.messages} />}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('overview.activePerDay')}>
                {loading && !data ? <Skeleton active /> : <TimeChart days={charts.days} series={charts.active} />}
              </Card>
            </Col>
            <Col xs={24}>
              <Card title={t('overview.joinsLeaves')}>
                {loading && !data ? <Skeleton active /> : <TimeChart days={charts.days} series={charts.flow} />}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
