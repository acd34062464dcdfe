import { Button, Flex, Modal, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.js';
import { fissionApi, type Participant } from './fissionApi.js';

/**
 * A participant's share poster as the server renders it. The preview is not counted in the funnel; the
 * download (to send the poster to the member by hand) counts as a poster generated.
 */
export function PosterPreview({ campaignId, participant, onClose }: { campaignId: string; participant: Participant | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={!!participant} onCancel={onClose} footer={null} width={440} destroyOnHidden
      title={participant && t('fission.posterOf', { name: participant.memberName })}>
      {participant && (
        <Flex vertical gap={12} align="center">
          <img src={fissionApi.posterUrl(campaignId, participant.memberId, 'none')} alt={t('fission.posterOf', { name: participant.memberName })}
            width={375} height={600} style={{ borderRadius: 8, border: '1px solid rgba(5,5,5,0.06)' }} data-testid="fission-poster" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('fission.posterHelp', { source: participant.source })}</Typography.Text>
          <Button icon={<DownloadOutlined />} href={fissionApi.posterUrl(campaignId, participant.memberId, 'generated')}
            download={`poster-${participant.memberName}.png`} data-testid="fission-poster-download">{t('fission.downloadPoster')}</Button>
        </Flex>
      )}
    </Modal>
  );
}
