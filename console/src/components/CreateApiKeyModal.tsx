import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Flex, Form, Input, Modal, Typography } from 'antd';
import { API_KEY_SCOPES, api, type ApiKeyScope } from '../api.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { useFormSubmit } from './useFormSubmit.js';

interface Values { name: string; scopes: ApiKeyScope[] }

const SCOPE_HELP: Record<ApiKeyScope, MessageKey> = {
  'events:write': 'apiKeys.scopeHelp.eventsWrite',
  read: 'apiKeys.scopeHelp.read',
  write: 'apiKeys.scopeHelp.write',
};

/** Two steps in one modal: the form, then the new key, which the server never shows again. */
export function CreateApiKeyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t, te } = useI18n();
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setKey(null);
      form.resetFields();
    }
  }, [open, form]);

  const close = () => {
    // Forget the secret as soon as the dialog goes away.
    setKey(null);
    onClose();
  };

  const { saving, submit } = useFormSubmit(form, ['name', 'scopes'], async (v) => {
    const created = await api.createApiKey({ name: v.name.trim(), scopes: v.scopes });
    setKey(created.key);
    onCreated();
  });

  if (key) {
    return (
      <Modal open={open} title={t('apiKeys.createdTitle')} onCancel={close} mask={{ closable: false }}
        footer={<Button type="primary" onClick={close}>{t('apiKeys.savedIt')}</Button>}>
        <Alert type="warning" showIcon title={t('apiKeys.onceWarning')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: key, tooltips: [t('common.copy'), t('common.copied')] }}
          code style={{ wordBreak: 'break-all' }} data-testid="new-api-key">
          {key}
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <Modal open={open} title={t('apiKeys.create')} okText={t('common.create')} cancelText={t('common.cancel')}
      confirmLoading={saving} onOk={submit} onCancel={close} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ scopes: ['events:write'] }}>
        <Form.Item name="name" label={t('apiKeys.name')} extra={t('apiKeys.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="scopes" label={t('apiKeys.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.scopesRequired') }]}>
          <Checkbox.Group>
            <Flex vertical gap={8}>
              {API_KEY_SCOPES.map((s) => (
                <Checkbox key={s} value={s}>
                  <Typography.Text code>{s}</Typography.Text> {te('scope', s)}
                  <Typography.Text type="secondary"> — {t(SCOPE_HELP[s])}</Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
