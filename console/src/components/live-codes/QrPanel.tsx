import { useState } from 'react';
import { Button, Flex, Input, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.js';
import { MAX_SOURCE_LENGTH, scanAddress, useLiveCodesApi, type LiveCode } from './liveCodesApi.js';

/**
 * The live code's QR code and link for one source: each poster, article or channel gets its own `?s=`, so its
 * scans and joins are counted apart. Preview and downloads are the server's images of exactly that address.
 */
export function QrPanel({ code }: { code: LiveCode }) {
  const { t } = useI18n();
  const liveCodesApi = useLiveCodesApi();
  const [source, setSource] = useState('');
  const s = source.trim();
  const link = scanAddress(code, s);
  const file = `${code.name}${s ? `-${s}` : ''}`.replace(/[\\/:*?"<>|]+/g, '-');

  return (
    <Flex gap={24} wrap align="flex-start">
      <img src={liveCodesApi.qrUrl(code.id, 'svg', s)} alt={t('liveCodes.qrAlt', { name: code.name })} width={200} height={200}
        style={{ border: '1px solid rgba(5,5,5,0.06)', borderRadius: 8, background: '#fff' }} data-testid="live-code-qr" />
      <Flex vertical gap={12} style={{ flex: 1, minWidth: 260 }}>
        <div>
          <Typography.Text strong>{t('liveCodes.source')}</Typography.Text>
          <Input value={source} onChange={(e) => setSource(e.target.value)} maxLength={MAX_SOURCE_LENGTH} allowClear
            placeholder={t('liveCodes.sourcePlaceholder')} style={{ marginTop: 4 }} data-testid="live-code-source" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('liveCodes.sourceHelp')}</Typography.Text>
        </div>
        <div>
          <Typography.Text strong>{t('liveCodes.link')}</Typography.Text>
          <Typography.Paragraph copyable={{ text: link, tooltips: [t('common.copy'), t('common.copied')] }} code style={{ marginTop: 4, wordBreak: 'break-all' }} data-testid="live-code-link">
            {link}
          </Typography.Paragraph>
          {!code.url && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('liveCodes.noPublicUrl')}</Typography.Text>}
        </div>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={liveCodesApi.qrUrl(code.id, 'png', s)} download={`${file}.png`} data-testid="live-code-png">{t('liveCodes.downloadPng')}</Button>
          <Button icon={<DownloadOutlined />} href={liveCodesApi.qrUrl(code.id, 'svg', s)} download={`${file}.svg`} data-testid="live-code-svg">{t('liveCodes.downloadSvg')}</Button>
        </Space>
      </Flex>
    </Flex>
  );
}
