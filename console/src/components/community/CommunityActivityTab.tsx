import { useMemo, useState, type ReactNode } from 'react';
import { Col, Flex, Row, Skeleton, Typography } from 'antd';
import { api } from '../../api.js';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { DaysPicker } from '../DaysPicker.js';
import { RequestError } from '../RequestError.js';
import { TimeChart } from '../TimeChart.js';

export function CommunityActivityTab({ communityId }: { communityId: string }) {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const { data, error, loading, reload } = useRequest(() => api.communityActivity(communityId, days), [communityId, days]);

  const charts = useMemo(() => {
    const s = data?.series ?? [];
    return {
      days: s.map((d) => d.day),
      talk: [
        { name: t('activity.messages'), kind: 'line' as const, values: s.map((d) => d.messages) },
        { name: t('activity.replies'), kind: 'line' as const, values: s.map((d) => d.replies) },
        { name: t('activity.mentions'), kind: 'line' as const, values: s.map((d) => d.mentions) },
      ],
      active: [{ name: t('activity.activeMembers'), kind: 'bar' as const, values: s.map((d) => d.activeMembers) }],
      flow: [
        { name: t('activity.joins'), kind: 'bar' as const, values: s.map((d) => d.joins), color: '#07c160' },
        { name: t('activity.leaves'), kind: 'bar' as const, values: s.map((d) => d.leaves), color: '#ff7875' },
      ],
    };
  }, [data, t]);

  const section = (title: string, body: ReactNode) => (
    <>
      <Typography.Title level={5}>{title}</Typography.Title>
      {loading && !data ? <Skeleton active /> : body}
    </>
  );

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <DaysPicker value={days} onChange={setDays} />
      </Flex>
      {error ? <RequestError error={error} onRetry={reload} /> : (
        <Row gutter={[24, 24]}>
          <Col xs={24}>{section(t('activity.conversation'), <TimeChart days={charts.days} series={charts.talk} />)}</Col>
          <Col xs={24} xl={12}>{section(t('activity.activeMembers'), <TimeChart days={charts.days} series={charts.active} />)}</Col>
          <Col xs={24} xl={12}>{section(t('activity.joinsLeaves'), <TimeChart days={charts.days} series={charts.flow} />)}</Col>
        </Row>
      )}
    </>
  );
}
