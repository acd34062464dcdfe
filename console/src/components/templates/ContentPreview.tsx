import { Card, Flex, Image, Typography } from 'antd';
import { AppstoreOutlined, LinkOutlined } from '@ant-design/icons';
import type { Content, ContentType } from './templatesApi.js';
import { useI18n } from '../../i18n/index.js';

/**
 * Roughly what a member sees in the chat: a bubble of text, a picture, or a card. Text is shown as text
 * (React escapes it), never as HTML, matching the server's plain-text templates.
 */
export function ContentPreview({ type, content, testId }: { type: ContentType; content: Content; testId?: string }) {
  const { t } = useI18n();
  const bubble = { background: '#f0f5ff', borderRadius: 8, padding: '8px 12px', maxWidth: 420, whiteSpace: 'pre-wrap' as const, wordBreak: 'break-word' as const };
  if (type === 'text') return <div style={bubble} data-testid={testId}>{content.text || '—'}</div>;
  if (type === 'image') {
    return (
      <Flex vertical gap={6} style={{ maxWidth: 420 }} data-testid={testId}>
        {content.url ? <Image src={content.url} alt="" style={{ maxWidth: 240, maxHeight: 240, objectFit: 'contain' }} /> : <Typography.Text type="secondary">{t('templates.noImage')}</Typography.Text>}
        {content.caption && <div style={bubble}>{content.caption}</div>}
      </Flex>
    );
  }
  const cover = content.coverUrl ? <img src={content.coverUrl} alt="" style={{ width: 64, height: 64, objectFit: 'cover', borderRadius: 4 }} /> : null;
  return (
    <Card size="small" style={{ maxWidth: 420 }} data-testid={testId}>
      <Flex gap={12} align="flex-start">
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong style={{ whiteSpace: 'pre-wrap' }}>{content.title || '—'}</Typography.Text>
          {type === 'link' && content.description && <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{content.description}</Typography.Text>}
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
            {type === 'link' ? <><LinkOutlined /> {content.url}</> : <><AppstoreOutlined /> {content.appId} · {content.pagePath}</>}
          </Typography.Text>
        </Flex>
        {cover}
      </Flex>
    </Card>
  );
}
