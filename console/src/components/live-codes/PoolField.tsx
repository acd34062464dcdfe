import { useState } from 'react';
import { App, Button, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { api } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { CommunitySelect } from '../CommunitySelect.js';
import { errorText } from '../errors.js';
import { MAX_POOL } from './liveCodesApi.js';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  channel: string;
  /** Names of the groups already in the pool (the live code as saved), so they show before any lookup. */
  known: { id: string; name: string; createdByLiveCode?: boolean }[];
}

/** The pool in order: groups are added with the community search and moved up or down, since order decides fill-in-order and round-robin. */
export function PoolField({ id, value = [], onChange, channel, known }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [names, setNames] = useState(() => new Map(known.map((c) => [c.id, c.name])));
  const opened = new Set(known.filter((c) => c.createdByLiveCode).map((c) => c.id));

  const add = async (communityId: string | undefined) => {
    if (!communityId || value.includes(communityId)) return;
    onChange?.([...value, communityId]);
    try {
      const c = await api.community(communityId);
      setNames((prev) => new Map(prev).set(c.id, c.name));
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const move = (from: number, to: number) => {
    const next = [...value];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange?.(next);
  };

  return (
    <Flex vertical gap={8} id={id} data-testid="live-code-pool">
      {value.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('liveCodes.poolEmpty')} style={{ margin: 0 }} />}
      {value.map((communityId, i) => (
        <Flex key={communityId} align="center" gap={8} style={{ padding: '4px 8px', border: '1px solid rgba(5,5,5,0.06)', borderRadius: 6 }}>
          <Typography.Text type="secondary" style={{ width: 24 }}>{i + 1}</Typography.Text>
          <Typography.Text style={{ flex: 1 }} ellipsis>{names.get(communityId) ?? communityId}</Typography.Text>
          {opened.has(communityId) && <Tag color="green">{t('liveCodes.opened')}</Tag>}
          <Tooltip title={t('liveCodes.moveUp')}><Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('liveCodes.moveUp')} /></Tooltip>
          <Tooltip title={t('liveCodes.moveDown')}><Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === value.length - 1} onClick={() => move(i, i + 1)} aria-label={t('liveCodes.moveDown')} /></Tooltip>
          <Tooltip title={t('liveCodes.removeFromPool')}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange?.(value.filter((v) => v !== communityId))} aria-label={t('liveCodes.removeFromPool')} />
          </Tooltip>
        </Flex>
      ))}
      {value.length < MAX_POOL && (
        <CommunitySelect value={undefined} channel={channel} placeholder={t('liveCodes.addToPool')} onChange={(c) => void add(c)} style={{ width: '100%' }} />
      )}
    </Flex>
  );
}
