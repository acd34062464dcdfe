import { Alert, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { TEXT_MAX_BYTES, utf8Bytes, welcomeTemplatesApi, type WelcomeAttachment, type WelcomeTemplate } from './welcomeTemplatesApi.js';

type Kind = 'none' | WelcomeAttachment['kind'];
interface Values {
  name: string;
  text?: { content?: string };
  attachment?: { kind: Kind; picUrl?: string; title?: string; url?: string; desc?: string; picMediaId?: string; appid?: string; page?: string };
  notify: boolean;
}

// The API names fields as the request does (text.content, attachment.url); the form's inputs sit at the same paths.
const fieldOf = (path: string): (string | number)[] | null => {
  if (path === 'name' || path === 'notify') return [path];
  if (path === 'text' || path === 'text.content') return ['text', 'content'];
  if (path.startsWith('attachment')) return ['attachment', path.split('.')[1] ?? 'kind'];
  return null; // WeCom's refusal ("wecom") is a toast
};

const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function attachmentOf(a: Values['attachment']): WelcomeAttachment | null {
  if (!a || a.kind === 'none') return null;
  if (a.kind === 'image') return { kind: 'image', picUrl: a.picUrl?.trim() ?? '' };
  if (a.kind === 'link') return { kind: 'link', title: a.title?.trim() ?? '', url: a.url?.trim() ?? '', picUrl: trimmed(a.picUrl), desc: trimmed(a.desc) };
  return { kind: 'miniprogram', title: a.title?.trim() ?? '', picMediaId: a.picMediaId?.trim() ?? '', appid: a.appid?.trim() ?? '', page: a.page?.trim() ?? '' };
}

function initialOf(t: WelcomeTemplate | null): Values {
  const a = t?.attachment;
  return {
    name: t?.name ?? '', text: { content: t?.text?.content ?? '' }, notify: t?.notify ?? true,
    attachment: !a ? { kind: 'none' } : a.kind === 'link' ? { ...a, picUrl: a.picUrl ?? '', desc: a.desc ?? '' } : { ...a },
  };
}

/** Adds a welcome template to the corp's WeCom library, or edits one (`template` given). */
export function WelcomeTemplateModal({ corpId, open, template, onClose, onSaved }: {
  corpId: string; open: boolean; template: WelcomeTemplate | null; onClose: () => void; onSaved: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const content = Form.useWatch(['text', 'content'], form) ?? '';
  const kind: Kind = Form.useWatch(['attachment', 'kind'], form) ?? 'none';
  const { saving, submit } = useFormSubmit(form, fieldOf, async (v) => {
    const body = { name: v.name.trim(), text: v.text?.content?.trim() ? { content: v.text.content.trim() } : null, attachment: attachmentOf(v.attachment) };
    if (template) await welcomeTemplatesApi.update(corpId, template.id, body);
    else await welcomeTemplatesApi.create(corpId, { ...body, notify: v.notify });
    onSaved();
  });
  const bytes = utf8Bytes(content.trim());
  const required = (message: string) => [{ required: true, whitespace: true, message }];

  return (
    <Modal open={open} width={640} title={template ? t('wecom.welcome.edit') : t('wecom.welcome.add')} onCancel={onClose} onOk={submit}
      confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'wecom-welcome-save' } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initialOf(template)} autoComplete="off">
        <Form.Item name="name" label={t('wecom.welcome.name')} extra={t('wecom.welcome.nameHelp')} rules={required(t('wecom.welcome.nameRequired'))}>
          <Input maxLength={60} data-testid="wecom-welcome-name" />
        </Form.Item>
        <Form.Item name={['text', 'content']} label={t('wecom.welcome.text')}
          extra={(
            <Typography.Text type={bytes > TEXT_MAX_BYTES ? 'danger' : 'secondary'}>
              {t('wecom.welcome.textHelp')} {t('wecom.welcome.bytes', { n: bytes, max: TEXT_MAX_BYTES })}
            </Typography.Text>
          )}
          rules={[{ validator: async (_r, value?: string) => { if (utf8Bytes(value?.trim() ?? '') > TEXT_MAX_BYTES) throw new Error(t('wecom.welcome.textTooLong', { max: TEXT_MAX_BYTES })); } }]}>
          <Input.TextArea rows={4} placeholder={t('wecom.welcome.textPlaceholder')} data-testid="wecom-welcome-text" />
        </Form.Item>
        <Form.Item name={['attachment', 'kind']} label={t('wecom.welcome.attachment')} extra={t('wecom.welcome.attachmentHelp')}>
          <Select data-testid="wecom-welcome-kind" options={(['none', 'image', 'link', 'miniprogram'] as const).map((k) => ({ value: k, label: t(`wecom.welcome.kind.${k}`) }))} />
        </Form.Item>
        {kind === 'image' && (
          <Form.Item name={['attachment', 'picUrl']} label={t('wecom.welcome.picUrl')} extra={t('wecom.welcome.picUrlHelp')} rules={required(t('wecom.welcome.urlRequired'))}>
            <Input maxLength={2048} placeholder="https://p.qpic.cn/pic_wework/…" />
          </Form.Item>
        )}
        {(kind === 'link' || kind === 'miniprogram') && (
          <Form.Item name={['attachment', 'title']} label={t('wecom.welcome.attachmentTitle')} rules={required(t('wecom.welcome.titleRequired'))}>
            <Input maxLength={kind === 'link' ? 128 : 64} />
          </Form.Item>
        )}
        {kind === 'link' && (
          <>
            <Form.Item name={['attachment', 'url']} label={t('wecom.welcome.url')} rules={required(t('wecom.welcome.urlRequired'))}>
              <Input maxLength={2048} placeholder="https://" data-testid="wecom-welcome-url" />
            </Form.Item>
            <Form.Item name={['attachment', 'picUrl']} label={t('wecom.welcome.cover')}><Input maxLength={2048} placeholder="https://" /></Form.Item>
            <Form.Item name={['attachment', 'desc']} label={t('wecom.welcome.desc')}><Input.TextArea rows={2} maxLength={170} /></Form.Item>
          </>
        )}
        {kind === 'miniprogram' && (
          <>
            <Form.Item name={['attachment', 'appid']} label={t('wecom.welcome.appid')} extra={t('wecom.welcome.appidHelp')} rules={required(t('wecom.welcome.appidRequired'))}>
              <Input maxLength={18} placeholder="wx8bd80126147dfAAA" />
            </Form.Item>
            <Form.Item name={['attachment', 'page']} label={t('wecom.welcome.page')} rules={required(t('wecom.welcome.pageRequired'))}>
              <Input maxLength={512} placeholder="/pages/index/index" />
            </Form.Item>
            <Form.Item name={['attachment', 'picMediaId']} label={t('wecom.welcome.picMediaId')} extra={t('wecom.welcome.picMediaIdHelp')} rules={required(t('wecom.welcome.picMediaIdRequired'))}>
              <Input maxLength={256} />
            </Form.Item>
          </>
        )}
        {!template && (
          <Form.Item name="notify" label={t('wecom.welcome.notify')} extra={t('wecom.welcome.notifyHelp')} valuePropName="checked"><Switch /></Form.Item>
        )}
        {template && <Alert type="info" showIcon message={t('wecom.welcome.editHelp')} />}
      </Form>
    </Modal>
  );
}
