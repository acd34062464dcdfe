import { Space, Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/index.js';

export function Identities({ identities }: { identities: { channel: string; externalId: string }[] }) {
  const { te } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {identities.map((i) => (
        <Tooltip key={`${i.channel}:${i.externalId}`} title={te('channel', i.channel)}>
          <Tag>{i.channel}: {i.externalId}</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
