import { useEffect, useState } from 'react';
import { Alert, App, Card, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { CommunityPicker } from '../templates/CommunityPicker.js';
import { TemplateSelect } from './TemplateSelect.js';
import { PRESET_KEYS, useTriggersApi, type PresetInput, type PresetKey, type Trigger } from './triggersApi.js';

/** Which presets take a number of days, and its default (docs/automation.md, "Presets"). */
const DAYS: Partial<Record<PresetKey, number>> = { invite_reminder: 3, lurker_outreach: 14, core_care: 7 };

/**
 * Create a rule from one of the five presets: pick a card, change the few things a preset lets you change,
 * create. Everything else can be edited afterwards like any rule.
 */
export function PresetModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: Trigger) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const triggersApi = useTriggersApi();
  const [key, setKey] = useState<PresetKey>('invite_reminder');
  const [form] = Form.useForm<PresetInput>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, key, form]);

  const create = async () => {
    let v: PresetInput;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== '')) as PresetInput;
      onCreated(await triggersApi.fromPreset(key, body));
      message.success(t('triggers.created'));
    } catch (err) {
      const fields = (err as { fields?: { path: string; message: string }[] }).fields ?? [];
      form.setFields(fields.map((f) => ({ name: f.path.split('.')[0] as keyof PresetInput, errors: [f.message] })));
      message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} width={760} title={t('triggers.fromPreset')} onCancel={onClose} onOk={() => void create()} confirmLoading={saving}
      okText={t('common.create')} cancelText={t('common.cancel')} destroyOnHidden okButtonProps={{ 'data-testid': 'preset-create' } as never}>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        {PRESET_KEYS.map((k) => (
          <Card key={k} size="small" hoverable onClick={() => setKey(k)} data-testid={`preset-${k}`}
            style={{ width: 226, borderColor: k === key ? '#1677ff' : undefined, borderWidth: k === key ? 2 : 1 }}>
            <Typography.Text strong>{t(`triggers.preset.${k}.name`)}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>{t(`triggers.preset.${k}.description`)}</Typography.Paragraph>
          </Card>
        ))}
      </Flex>
      <Form form={form} layout="vertical" key={key}>
        <Form.Item name="name" label={t('triggers.name')} extra={t('triggers.presetNameHelp')}><Input placeholder={t(`triggers.preset.${key}.name`)} data-testid="preset-name" /></Form.Item>
        {DAYS[key] !== undefined && (
          <Form.Item name="days" label={t(`triggers.preset.${key}.days` as 'triggers.preset.invite_reminder.days')}>
            <InputNumber min={1} max={90} placeholder={String(DAYS[key])} data-testid="preset-days" />
          </Form.Item>
        )}
        {key === 'invite_reminder' && (
          <>
            <Form.Item name="templateId" label={t('triggers.template')} extra={t('triggers.reminderTemplateHelp')}><TemplateSelect /></Form.Item>
            <Alert type="info" showIcon title={t('triggers.reminderTone')} style={{ marginBottom: 12 }} />
          </>
        )}
        {key === 'checkin_vip_invite' && (
          <Form.Item name="communityId" label={t('triggers.vipGroup')} rules={[{ required: true, message: t('triggers.vipGroupRequired') }]}>
            <CommunityPicker placeholder={t('triggers.vipGroup')} onChange={(id) => form.setFieldValue('communityId', id)} testId="preset-vip-group" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
