import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { wecomApi, type CorpInput, type WecomCorp } from './wecomApi.js';

type Values = Omit<CorpInput, 'baseUrl'> & { baseUrl: string };
const FIELDS = ['name', 'corpId', 'agentId', 'secret', 'token', 'encodingAesKey', 'baseUrl'];

/** Connects a corp, or edits one (`corp` given): secrets are write-only, so an empty secret field keeps the stored one. */
export function CorpFormModal({ open, corp, onClose, onSaved }: { open: boolean; corp: WecomCorp | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useFormSubmit(form, FIELDS, async (v) => {
    const baseUrl = v.baseUrl?.trim() ? v.baseUrl.trim() : null;
    if (corp) {
      const secrets = Object.fromEntries((['secret', 'token', 'encodingAesKey'] as const).filter((k) => v[k]?.trim()).map((k) => [k, v[k].trim()]));
      await wecomApi.update(corp.id, { name: v.name, agentId: v.agentId ?? '', baseUrl, ...secrets });
    } else {
      await wecomApi.create({ name: v.name, corpId: v.corpId.trim(), agentId: v.agentId?.trim() ?? '', secret: v.secret.trim(), token: v.token.trim(), encodingAesKey: v.encodingAesKey.trim(), baseUrl });
    }
    onSaved();
  });
  const initial = corp
    ? { name: corp.name, corpId: corp.corpId, agentId: corp.agentId, secret: '', token: '', encodingAesKey: '', baseUrl: corp.baseUrl ?? '' }
    : { name: '', corpId: '', agentId: '', secret: '', token: '', encodingAesKey: '', baseUrl: '' };
  // On an edit every secret may stay empty (kept as stored); on a new corp each is needed.
  const secretRule = (message: string) => (corp ? [] : [{ required: true, whitespace: true, message }]);
  const keep = (masked: string) => (corp ? t('wecom.keepSecret', { masked }) : undefined);

  return (
    <Modal open={open} width={600} title={corp ? t('wecom.edit') : t('wecom.add')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden
      okButtonProps={{ 'data-testid': 'wecom-save' } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial} autoComplete="off">
        <Form.Item name="name" label={t('wecom.name')} rules={[{ required: true, whitespace: true, message: t('wecom.nameRequired') }]}>
          <Input maxLength={60} data-testid="wecom-name" />
        </Form.Item>
        <Form.Item name="corpId" label={t('wecom.corpId')} extra={t('wecom.corpIdHelp')} rules={[{ required: true, whitespace: true, message: t('wecom.corpIdRequired') }]}>
          <Input maxLength={64} disabled={!!corp} data-testid="wecom-corp-id" />
        </Form.Item>
        <Form.Item name="agentId" label={t('wecom.agentId')} extra={t('wecom.agentIdHelp')}>
          <Input maxLength={20} data-testid="wecom-agent-id" />
        </Form.Item>
        <Form.Item name="secret" label={t('wecom.secret')} extra={keep(corp?.secretMasked ?? '') ?? t('wecom.secretHelp')} rules={secretRule(t('wecom.secretRequired'))}>
          <Input.Password autoComplete="new-password" data-testid="wecom-secret" />
        </Form.Item>
        <Form.Item name="token" label={t('wecom.token')} extra={keep(corp?.tokenMasked ?? '') ?? t('wecom.tokenHelp')} rules={secretRule(t('wecom.tokenRequired'))}>
          <Input.Password autoComplete="new-password" maxLength={32} data-testid="wecom-token" />
        </Form.Item>
        <Form.Item name="encodingAesKey" label={t('wecom.encodingAesKey')} extra={keep(corp?.encodingAesKeyMasked ?? '') ?? t('wecom.encodingAesKeyHelp')} rules={secretRule(t('wecom.encodingAesKeyRequired'))}>
          <Input.Password autoComplete="new-password" maxLength={43} data-testid="wecom-aes-key" />
        </Form.Item>
        <Form.Item name="baseUrl" label={t('wecom.baseUrl')} extra={t('wecom.baseUrlHelp')}>
          <Input placeholder="https://qyapi.weixin.qq.com" maxLength={200} data-testid="wecom-base-url" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
