import { Link } from 'react-router-dom';
import { Empty, Flex, List, Progress, Typography } from 'antd';
import type { TopSpeaker } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { formatNumber } from '../../format.js';
import { percent } from './format.js';

export function TopSpeakers({ speakers }: { speakers: TopSpeaker[] }) {
  const { t } = useI18n();
  if (speakers.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chart.empty')} />;
  const top = speakers[0]!.share;
  return (
    <List
      size="small"
      data-testid="health-top-speakers"
      dataSource={speakers}
      renderItem={(s, i) => (
        <List.Item key={s.member_id}>
          <div style={{ width: '100%', minWidth: 0 }}>
            <Flex justify="space-between" gap={8}>
              <Typography.Text ellipsis>{i + 1}. <Link to={`/members/${s.member_id}`}>{s.name}</Link></Typography.Text>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{formatNumber(s.messages)} · {percent(s.share)}</Typography.Text>
            </Flex>
            {/* Bars relative to the first speaker, so the drop-off after the top few is visible at a glance. */}
            <Progress percent={top ? (s.share / top) * 100 : 0} showInfo={false} size="small" status="normal" />
          </div>
        </List.Item>
      )}
    />
  );
}
