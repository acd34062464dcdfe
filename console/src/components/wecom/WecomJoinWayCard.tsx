import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { apiRequest } from '../../api.js';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { errorText } from '../errors.js';

/** GET/POST /api/v1/live-codes/:id/wecom-join-way (docs/wecom.md "Live codes"). */
export interface WecomJoinWay {
  liveCodeId: string; status: 'ready' | 'pending' | 'error' | 'none';
  corpRowId: string | null; configId: string | null; qrCode: string | null;
  chats: { chatId: string; communityId: string | null; name: string | null }[];
  state: string | null; roomBaseName: string | null; roomBaseId: number | null;
  syncedAt: string | null; lastError: string | null; lastErrorAt: string | null;
}

const path = (id: string) => `/live-codes/${encodeURIComponent(id)}/wecom-join-way`;
export const joinWayApi = {
  get: (id: string) => apiRequest<WecomJoinWay>('GET', path(id)),
  sync: (id: string) => apiRequest<WecomJoinWay>('POST', `${path(id)}/sync`, {}),
};

const STATUS_COLOR: Record<WecomJoinWay['status'], string> = { ready: 'green', pending: 'blue', error: 'red', none: 'default' };

/**
 * A WeCom live code's 「加入群聊」 join way: the QR code its scan page shows, the up to five groups WeCom sends
 * people to, the state joins carry, and why it is not ready when it is not. 重新同步 syncs it now.
 */
export function WecomJoinWayCard({ liveCodeId }: { liveCodeId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [fresh, setFresh] = useState<WecomJoinWay | null>(null);
  const [syncing, setSyncing] = useState(false);
  const loaded = useRequest(() => joinWayApi.get(liveCodeId), [liveCodeId]);
  const way = fresh ?? loaded.data;

  const sync = async () => {
    setSyncing(true);
    try {
      setFresh(await joinWayApi.sync(liveCodeId));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setSyncing(false);
    }
  };

  return (
    <Card size="small" title={t('wecom.joinWay.title')} loading={loaded.loading && !way} data-testid="wecom-join-way"
      extra={<Button size="small" icon={<SyncOutlined />} loading={syncing} onClick={sync} data-testid="wecom-join-way-sync">{t('wecom.joinWay.resync')}</Button>}>
      {loaded.error && !way && <Alert type="error" showIcon title={errorText(loaded.error, t)} />}
      {way && (
        <Flex vertical gap={12}>
          {way.lastError && <Alert type="error" showIcon title={way.lastError} description={formatTime(way.lastErrorAt)} data-testid="wecom-join-way-error" />}
          <Flex gap={24} wrap align="flex-start">
            {way.qrCode ? (
              <img src={way.qrCode} alt={t('wecom.joinWay.qrAlt')} width={160} height={160} referrerPolicy="no-referrer"
                style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 8, background: '#fff' }} data-testid="wecom-join-way-qr" />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(way.status === 'none' ? 'wecom.joinWay.none' : 'wecom.joinWay.noQr')} style={{ width: 160, margin: 0 }} />
            )}
            <Descriptions size="small" column={1} style={{ flex: 1, minWidth: 260 }}>
              <Descriptions.Item label={t('wecom.joinWay.status')}><Tag color={STATUS_COLOR[way.status]}>{t(`wecom.joinWay.status.${way.status}`)}</Tag></Descriptions.Item>
              <Descriptions.Item label={t('wecom.joinWay.chats')}>
                {way.chats.length
                  ? <Space size={[4, 4]} wrap>{way.chats.map((c) => <Tag key={c.chatId} title={c.chatId}>{c.name ?? c.chatId}</Tag>)}</Space>
                  : <Typography.Text type="secondary">{t('wecom.joinWay.noChats')}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={t('wecom.joinWay.autoCreate')}>
                {way.roomBaseName ? `${way.roomBaseName}${way.roomBaseId ?? ''}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('wecom.joinWay.state')}>{way.state ? <Typography.Text code>{way.state}</Typography.Text> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('wecom.joinWay.syncedAt')}>{formatTime(way.syncedAt)}</Descriptions.Item>
            </Descriptions>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('wecom.joinWay.help')}</Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
