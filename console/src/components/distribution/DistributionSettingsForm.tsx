import { useEffect } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { distributionApi, type BindingRule, type DistributionSettings } from './distributionApi.js';

/** The form shows rates in percent and money in yuan; the API takes basis points and cents. */
interface Values {
  tier1Pct: number; tier2Pct: number; bindingRule: BindingRule; bindingDays: number; refundWindowDays: number; minWithdrawalYuan: number; landingUrl: string;
}

export function DistributionSettingsForm({ settings, editable, onSaved }: { settings: DistributionSettings; editable: boolean; onSaved: (s: DistributionSettings) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rule = Form.useWatch('bindingRule', form);
  useEffect(() => {
    form.setFieldsValue({
      tier1Pct: settings.tier1Bps / 100, tier2Pct: settings.tier2Bps / 100, bindingRule: settings.bindingRule, bindingDays: settings.bindingDays,
      refundWindowDays: settings.refundWindowDays, minWithdrawalYuan: settings.minWithdrawalCents / 100, landingUrl: settings.landingUrl ?? '',
    });
  }, [settings, form]);
  const between = (min: number, max: number) => ({ type: 'number' as const, min, max, message: t('distribution.between', { min, max }) });
  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('distribution.wholeBetween', { min, max }) });
  const required = { required: true, message: t('distribution.required') };
  const { saving, submit } = useFormSubmit(form, ['tier1Pct', 'tier2Pct', 'bindingDays', 'refundWindowDays', 'minWithdrawalYuan', 'landingUrl'], async (v) => {
    const saved = await distributionApi.saveSettings({
      tier1Bps: Math.round(v.tier1Pct * 100), tier2Bps: Math.round(v.tier2Pct * 100), bindingRule: v.bindingRule, bindingDays: v.bindingDays,
      refundWindowDays: v.refundWindowDays, minWithdrawalCents: Math.round(v.minWithdrawalYuan * 100), landingUrl: v.landingUrl.trim() || null,
    });
    onSaved(saved);
    message.success(t('common.saved'));
  });

  return (
    <Card title={t('distribution.settings')} data-testid="distribution-settings">
      {!editable && <Typography.Paragraph type="secondary">{t('distribution.readOnly')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" disabled={!editable}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="tier1Pct" label={t('distribution.tier1')} extra={t('distribution.tier1Help')} rules={[required, between(0, 50)]}>
              <InputNumber addonAfter="%" step={0.5} precision={2} style={{ width: '100%' }} data-testid="distribution-tier1" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="tier2Pct" label={t('distribution.tier2')} extra={t('distribution.tier2Help')} rules={[required, between(0, 50)]}>
              <InputNumber addonAfter="%" step={0.5} precision={2} style={{ width: '100%' }} data-testid="distribution-tier2" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="refundWindowDays" label={t('distribution.refundWindow')} extra={t('distribution.refundWindowHelp')} rules={[required, whole(0, 365)]}>
              <InputNumber addonAfter={t('distribution.days')} style={{ width: '100%' }} data-testid="distribution-window" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="minWithdrawalYuan" label={t('distribution.minWithdrawal')} rules={[required, between(0.01, 1_000_000)]}>
              <InputNumber addonBefore="¥" precision={2} style={{ width: '100%' }} data-testid="distribution-min" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="bindingRule" label={t('distribution.bindingRule')}
              extra={rule === 'latest_touch' ? t('distribution.latestTouchHelp') : t('distribution.firstTouchHelp')}>
              <Radio.Group data-testid="distribution-rule" options={[
                { value: 'first_touch', label: t('distribution.rule.first_touch') },
                { value: 'latest_touch', label: t('distribution.rule.latest_touch') },
              ]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="bindingDays" label={t('distribution.bindingDays')} rules={[required, whole(1, 3650)]}>
              <InputNumber addonAfter={t('distribution.days')} disabled={!editable || rule === 'latest_touch'} style={{ width: '100%' }} data-testid="distribution-binding-days" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="landingUrl" label={t('distribution.landingUrl')} extra={t('distribution.landingUrlHelp')}
          rules={[{ type: 'url', message: t('distribution.urlInvalid') }]}>
          <Input placeholder="https://" style={{ maxWidth: 480 }} data-testid="distribution-landing" />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('distribution.compliance')}</Typography.Paragraph>
        {editable && <Button type="primary" loading={saving} onClick={submit} data-testid="distribution-save">{t('common.save')}</Button>}
      </Form>
    </Card>
  );
}
