import { Alert, Drawer, Flex, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { LiveCodeStatsView } from './LiveCodeStatsView.js';
import { QrPanel } from './QrPanel.js';
import { WecomJoinWayCard } from '../wecom/WecomJoinWayCard.js';
import type { LiveCode } from './liveCodesApi.js';

/** One live code: its QR code and link per source, scans → joins per source and each group's fill. */
export function LiveCodeDrawer({ code, onClose, refreshKey }: { code: LiveCode | null; onClose: () => void; refreshKey: number }) {
  const { t, te } = useI18n();
  return (
    <Drawer open={!!code} onClose={onClose} width={760} destroyOnHidden data-testid="live-code-drawer"
      title={code && (
        <Flex gap={8} align="center" wrap>
          <span>{code.name}</span>
          <Tag>{te('channel', code.channel)}</Tag>
          <Tag color="blue">{t(`liveCodes.strategy.${code.strategy}`)}</Tag>
          {!code.enabled && <Tag color="orange">{t('liveCodes.paused')}</Tag>}
        </Flex>
      )}>
      {code && (
        <Flex vertical gap={24}>
          {code.full && (
            <Alert type={code.canOpenCommunities ? 'info' : 'error'} showIcon data-testid="live-code-full"
              title={code.canOpenCommunities ? t('liveCodes.fullOpens', { name: code.baseName }) : t('liveCodes.fullStuck')} />
          )}
          <QrPanel code={code} />
          {code.channel === 'wecom' && <WecomJoinWayCard liveCodeId={code.id} />}
          <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
            {code.channel === 'sandbox' ? t('liveCodes.sandboxPage') : t('liveCodes.platformPage')}
          </Typography.Paragraph>
          <LiveCodeStatsView code={code} refreshKey={refreshKey} />
        </Flex>
      )}
    </Drawer>
  );
}
