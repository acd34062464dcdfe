import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { HealthReport } from '../../api.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { formatNumber } from '../../format.js';
import { decimal, percent } from './format.js';

type NumericKey = { [K in keyof HealthReport]: HealthReport[K] extends number | null ? K : never }[keyof HealthReport];
type Kind = 'count' | 'share' | 'decimal' | 'minutes';

/** Reading order: how big, how lively, who carries it, how people talk, who stays and who starts. */
const METRICS: { key: NumericKey; kind: Kind }[] = [
  { key: 'messages', kind: 'count' },
  { key: 'speakers', kind: 'count' },
  { key: 'members_known', kind: 'count' },
  { key: 'joins', kind: 'count' },
  { key: 'leaves', kind: 'count' },
  { key: 'dau', kind: 'count' },
  { key: 'wau', kind: 'count' },
  { key: 'mau', kind: 'count' },
  { key: 'avg_dau', kind: 'decimal' },
  { key: 'stickiness', kind: 'share' },
  { key: 'top20_share', kind: 'share' },
  { key: 'gini', kind: 'decimal' },
  { key: 'absence_factor', kind: 'count' },
  { key: 'reply_share', kind: 'share' },
  { key: 'median_first_reply_minutes', kind: 'minutes' },
  { key: 'value_contributors', kind: 'count' },
  { key: 'value_output_per_week', kind: 'decimal' },
  { key: 'lurker_share', kind: 'share' },
  { key: 'activation_48h', kind: 'share' },
];

export function MetricCards({ report, loading }: { report: HealthReport | undefined; loading: boolean }) {
  const { t } = useI18n();
  const show = (v: number | null, kind: Kind) => {
    if (v === null) return '—';
    if (kind === 'share') return percent(v);
    if (kind === 'decimal') return decimal(v);
    if (kind === 'minutes') return t('health.minutes', { n: decimal(v, 1) });
    return formatNumber(v);
  };
  return (
    <Row gutter={[12, 12]} data-testid="health-metrics">
      {METRICS.map(({ key, kind }) => {
        const label = t(`health.metric.${key}` as MessageKey);
        const definition = t(`health.def.${key}` as MessageKey);
        return (
          <Col key={key} xs={12} sm={8} lg={6} xxl={4}>
            {/* The whole card answers the hover, not only the icon: the definition is the point of the card. */}
            <Tooltip title={<><b>{label}</b><br />{definition}</>} placement="top">
              <Card size="small" data-testid={`metric-${key}`} style={{ height: '100%' }}>
                <Statistic
                  title={<Typography.Text type="secondary">{label} <InfoCircleOutlined style={{ fontSize: 12 }} /></Typography.Text>}
                  value={report ? show(report[key], kind) : '—'}
                  loading={loading && !report}
                  styles={{ content: { fontSize: 22 } }}
                />
              </Card>
            </Tooltip>
          </Col>
        );
      })}
    </Row>
  );
}
