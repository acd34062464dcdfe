import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { errorText } from '../errors.js';
import type { GuardrailSettings, GuardrailSettingsView, GuardrailsApi } from './guardrailsApi.js';

interface Values {
  quietStart: string;
  quietEnd: string;
  memberCap: number | null;
  groupCap: number | null;
  keywords: string[];
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
// The API names fields by their JSON path; the form's inputs are flat.
const FIELD_OF: Record<string, keyof Values> = {
  'quietHours.start': 'quietStart', 'quietHours.end': 'quietEnd', memberMarketingPerDay: 'memberCap',
  groupMarketingPerDay: 'groupCap', optOutKeywords: 'keywords',
};

const toValues = (s: GuardrailSettings): Values => ({
  quietStart: s.quietHours.start, quietEnd: s.quietHours.end, memberCap: s.memberMarketingPerDay, groupCap: s.groupMarketingPerDay, keywords: s.optOutKeywords,
});
const toSettings = (v: Values): GuardrailSettings => ({
  quietHours: { start: v.quietStart.trim(), end: v.quietEnd.trim() },
  memberMarketingPerDay: v.memberCap ?? null,
  groupMarketingPerDay: v.groupCap ?? null,
  optOutKeywords: v.keywords.map((k) => k.trim()).filter(Boolean),
});

interface Props {
  view: GuardrailSettingsView;
  editable: boolean;
  client: GuardrailsApi;
  onSaved: (view: GuardrailSettingsView) => void;
}

/** The workspace's guardrails; only admins may save, everyone else sees them read-only. */
export function GuardrailSettingsForm({ view, editable, client, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const start = Form.useWatch('quietStart', form);
  const end = Form.useWatch('quietEnd', form);

  useEffect(() => { form.setFieldsValue(toValues(view.settings)); }, [view, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form already shows what is wrong
    }
    setSaving(true);
    try {
      onSaved(await client.saveSettings(toSettings(v)));
      message.success(t('common.saved'));
    } catch (err) {
      const placed = err instanceof ApiError ? err.fields.map((f) => {
        const path = f.path.replace(/^body\.?/, '');
        const name = FIELD_OF[path] ?? FIELD_OF[path.replace(/\.\d+$/, '')];
        return name ? { name, errors: [f.message] } : null;
      }) : [];
      if (placed.length && placed.every(Boolean)) form.setFields(placed.filter((p) => p !== null));
      else message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  // No min, max or precision on the input: InputNumber would quietly turn a typed 0 into 1 (or 2.5 into 3) on
  // blur and the form would save a cap nobody typed. 0 is the likeliest wrong entry, meant as "never" or as
  // "no cap" (which is empty here), so the rule says what is allowed instead.
  const cap = (name: 'memberCap' | 'groupCap', label: string, help: string) => (
    <Form.Item name={name} label={label} extra={help}
      rules={[{ type: 'integer', min: 1, max: 1000, message: t('guardrails.capInvalid') }]}>
      <InputNumber placeholder={t('guardrails.noCap')} style={{ width: 160 }} data-testid={`guardrails-${name}`} />
    </Form.Item>
  );

  const clockRules = [{ required: true, message: t('form.required') }, { pattern: CLOCK, message: t('guardrails.clockInvalid') }];

  return (
    <Card title={t('guardrails.settings')} data-testid="guardrails-settings">
      {!editable && <Alert type="info" showIcon title={t('guardrails.readOnly')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!editable} requiredMark="optional">
        <Typography.Title level={5}>{t('guardrails.quietHours')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('guardrails.quietHoursHelp', { timeZone: view.timeZone })}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="quietStart" label={t('guardrails.quietStart')} rules={clockRules}>
              <Input placeholder="22:00" maxLength={5} data-testid="guardrails-quiet-start" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="quietEnd" label={t('guardrails.quietEnd')} rules={clockRules}>
              <Input placeholder="08:00" maxLength={5} data-testid="guardrails-quiet-end" />
            </Form.Item>
          </Col>
        </Row>
        {start && start === end && <Alert type="warning" showIcon title={t('guardrails.noQuietHours')} style={{ marginBottom: 16 }} />}

        <Typography.Title level={5}>{t('guardrails.caps')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('guardrails.capsHelp')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>{cap('memberCap', t('guardrails.memberCap'), t('guardrails.memberCapHelp'))}</Col>
          <Col xs={24} md={12}>{cap('groupCap', t('guardrails.groupCap'), t('guardrails.groupCapHelp'))}</Col>
        </Row>

        <Typography.Title level={5}>{t('guardrails.keywords')}</Typography.Title>
        <Form.Item name="keywords" extra={t('guardrails.keywordsHelp')}
          rules={[
            { type: 'array', min: 1, message: t('guardrails.keywordsRequired') },
            { validator: async (_, v: string[] = []) => { if (v.some((k) => k.trim().length > 40)) throw new Error(t('guardrails.keywordTooLong')); } },
          ]}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null}
            placeholder={t('guardrails.keywordsPlaceholder')} data-testid="guardrails-keywords" />
        </Form.Item>
      </Form>
      <Space wrap>
        {editable && (
          <>
            <Button type="primary" loading={saving} onClick={save} data-testid="guardrails-save">{t('common.save')}</Button>
            <Button onClick={() => form.setFieldsValue(toValues(view.defaults))} data-testid="guardrails-defaults">{t('guardrails.restoreDefaults')}</Button>
          </>
        )}
        <Typography.Text type="secondary">
          {view.updatedAt ? t('guardrails.updatedAt', { at: formatTime(view.updatedAt) }) : t('guardrails.usingDefaults')}
        </Typography.Text>
      </Space>
    </Card>
  );
}
