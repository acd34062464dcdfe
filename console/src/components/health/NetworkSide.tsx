import { Link } from 'react-router-dom';
import { Descriptions, Empty, List, Space, Tag, Tooltip, Typography } from 'antd';
import type { InteractionNetwork } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { formatNumber } from '../../format.js';
import { percent } from './format.js';

/** How much the group hangs on a few people, and who could be introduced to widen it. */
export function NetworkSide({ data }: { data: InteractionNetwork }) {
  const { t } = useI18n();
  const h = data.hub_dependence;
  const label = (key: 'hubShare' | 'topNode' | 'cutOff' | 'components') => (
    <Tooltip title={t(`health.hub.${key}Help`)}><span>{t(`health.hub.${key}`)}</span></Tooltip>
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="health-network-side">
      <Descriptions size="small" column={1} bordered
        items={[
          { key: 'hub', label: label('hubShare'), children: percent(h.hub_share) },
          {
            key: 'top', label: label('topNode'),
            children: h.top_node
              ? <><Link to={`/members/${h.top_node.member_id}`}>{h.top_node.name}</Link> · {percent(h.top_node_share)}</>
              : '—',
          },
          { key: 'cut', label: label('cutOff'), children: formatNumber(h.cut_off_if_top_leaves) },
          { key: 'components', label: label('components'), children: t('health.hub.componentsValue', { n: h.components, largest: h.largest_component }) },
        ]}
      />
      <div>
        <Typography.Text strong>{t('health.introductions')}</Typography.Text>
        {data.introductions.length === 0
          ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('health.noIntroductions')} />
          : (
            <List size="small" dataSource={data.introductions} style={{ maxHeight: 320, overflowY: 'auto' }}
              renderItem={(i) => (
                <List.Item key={`${i.a.member_id}-${i.b.member_id}`}>
                  <div>
                    <Link to={`/members/${i.a.member_id}`}>{i.a.name}</Link> ↔ <Link to={`/members/${i.b.member_id}`}>{i.b.name}</Link>
                    <Typography.Text type="secondary"> · {percent(i.similarity, 0)}</Typography.Text>
                    <div>{i.shared_terms.map((term) => <Tag key={term} style={{ marginTop: 4 }}>{term}</Tag>)}</div>
                  </div>
                </List.Item>
              )}
            />
          )}
      </div>
    </Space>
  );
}
