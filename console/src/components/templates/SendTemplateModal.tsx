import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Flex, Form, Modal, Popconfirm, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { CommunityPicker } from './CommunityPicker.js';
import { MemberPicker } from '../MemberPicker.js';
import { errorText } from '../errors.js';
import { newIdempotencyKey } from '../idempotencyKey.js';
import { ContentPreview } from './ContentPreview.js';
import { useTemplatesApi, type Preview, type Template } from './templatesApi.js';

interface Props { template: Template | null; onClose: () => void; onSent: () => void }

/**
 * Send to a group (or privately to one member) in two steps: preview, then confirm. The preview is asked
 * with the same idempotency key the send will use, so the variant shown is the variant that goes out, and a
 * retried confirmation cannot queue the message twice.
 */
export function SendTemplateModal({ template, onClose, onSent }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const templatesApi = useTemplatesApi();
  const [communityId, setCommunityId] = useState<string>();
  const [memberId, setMemberId] = useState<string>();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    setCommunityId(undefined);
    setMemberId(undefined);
    setPreview(null);
    setError(null);
    key.current = newIdempotencyKey();
  }, [template]);

  // Another recipient is another send: new key, and the old preview no longer applies.
  const pick = (c: string | undefined, m: string | undefined) => {
    setCommunityId(c);
    setMemberId(m);
    setPreview(null);
    setError(null);
    key.current = newIdempotencyKey();
  };

  const run = async (what: 'preview' | 'send') => {
    if (!template || !communityId) return;
    setBusy(true);
    setError(null);
    try {
      if (what === 'preview') {
        setPreview(await templatesApi.render(template.id, { communityId, memberId, idempotencyKey: key.current }));
      } else {
        const r = await templatesApi.send(template.id, { communityId, memberId, idempotencyKey: key.current });
        message.success(t('templates.sendQueued', { key: r.variantKey, version: r.version }));
        onSent();
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const chosen = preview?.chosen;
  const refusal = preview && !chosen ? preview.variants.find((v) => v.error)?.error ?? t('templates.nothingToSend') : null;
  return (
    <Modal open={!!template} onCancel={onClose} width={640} destroyOnHidden
      title={template ? t('templates.sendTitle', { name: template.name }) : ''}
      footer={(
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => void run('preview')} disabled={!communityId} loading={busy && !preview} data-testid="template-send-preview">
            {t('templates.sendPreview')}
          </Button>
          <Popconfirm title={t('templates.sendConfirmTitle')} description={memberId ? t('templates.sendConfirmPrivate') : t('templates.sendConfirmGroup')}
            okText={t('templates.sendConfirm')} cancelText={t('common.cancel')} onConfirm={() => run('send')} disabled={!chosen}>
            <Button type="primary" disabled={!chosen} loading={busy && !!preview} data-testid="template-send-confirm">{t('templates.sendConfirm')}</Button>
          </Popconfirm>
        </Flex>
      )}>
      <Typography.Paragraph type="secondary">{t('templates.sendHelp')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('templates.previewCommunity')} required>
          <CommunityPicker value={communityId} onChange={(c) => pick(c, memberId)} placeholder={t('templates.previewCommunity')} testId="template-send-community" />
        </Form.Item>
        <Form.Item label={t('templates.previewMember')} extra={t('templates.memberHelp')}>
          <MemberPicker value={memberId} onChange={(m) => pick(communityId, m)} data-testid="template-send-member" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={errorText(error, t)} data-testid="template-send-error" /> : null}
      {refusal && <Alert type="warning" showIcon title={refusal} data-testid="template-send-refusal" />}
      {chosen && template && (
        <Flex vertical gap={8} data-testid="template-send-chosen">
          <Typography.Text strong>{t('templates.sendChosen', { key: chosen.variantKey, version: chosen.version })}</Typography.Text>
          <ContentPreview type={template.contentType} content={chosen.content} />
        </Flex>
      )}
    </Modal>
  );
}
