import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Switch, Table, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { EARN_ACTIVITIES, pointsApi, type EarnActivity, type PointsSettings } from './pointsApi.js';

interface RuleRow { activity: EarnActivity; enabled: boolean; points: number | null; dailyCap: number | null }
interface Values { expiryDays: number | null; rules: RuleRow[] }

/** Expiry period and one row per earn rule; an activity without a rule is shown switched off. */
export function PointsSettingsForm({ settings, editable, onSaved }: { settings: PointsSettings; editable: boolean; onSaved: (s: PointsSettings) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    form.setFieldsValue({
      expiryDays: settings.expiryDays,
      rules: EARN_ACTIVITIES.map((activity) => {
        const r = settings.rules.find((x) => x.activity === activity);
        return { activity, enabled: r?.enabled ?? false, points: r?.points ?? null, dailyCap: r?.dailyCap ?? null };
      }),
    });
  }, [settings, form]);
  // Out-of-range numbers are told, not clamped: a clamped 0 would be saved as 1 without a word.
  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('points.wholeBetween', { min, max }) });
  const { saving, submit } = useFormSubmit(form, ['expiryDays'], async (v) => {
    // A switched-off activity with no points typed in is simply no rule; one with points keeps them for later.
    // Rows are in EARN_ACTIVITIES order; the activity itself is not an input, so validated values leave it out.
    const rules = v.rules.map((r, i) => ({ ...r, activity: EARN_ACTIVITIES[i]! })).filter((r) => r.points != null)
      .map((r) => ({ activity: r.activity, points: r.points!, dailyCap: r.dailyCap ?? null, enabled: !!r.enabled }));
    onSaved(await pointsApi.saveSettings({ expiryDays: v.expiryDays ?? null, rules }));
    message.success(t('common.saved'));
  });

  return (
    <Card title={t('points.settings')} data-testid="points-settings">
      {!editable && <Typography.Paragraph type="secondary">{t('points.readOnly')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" disabled={!editable}>
        <Form.Item name="expiryDays" label={t('points.expiryDays')} extra={t('points.expiryHelp')} rules={[whole(1, 3650)]}>
          <InputNumber placeholder={t('points.never')} style={{ width: 200 }} data-testid="points-expiry" />
        </Form.Item>
        <Form.List name="rules">
          {(fields) => (
            <Table size="small" pagination={false} rowKey="key" dataSource={fields} columns={[
              { title: t('points.activity'), render: (_, f) => t(`points.activity.${EARN_ACTIVITIES[f.name]!}` as never) },
              { title: t('points.enabled'), render: (_, f) => <Form.Item name={[f.name, 'enabled']} valuePropName="checked" noStyle><Switch data-testid={`rule-enabled-${EARN_ACTIVITIES[f.name]}`} /></Form.Item> },
              {
                title: t('points.points'), render: (_, f) => (
                  <Form.Item name={[f.name, 'points']} style={{ margin: 0 }}
                    rules={[whole(1, 100000), ({ getFieldValue }) => ({ validator: (_r, v) => (getFieldValue(['rules', f.name, 'enabled']) && v == null ? Promise.reject(new Error(t('points.pointsRequired'))) : Promise.resolve()) })]}>
                    <InputNumber data-testid={`rule-points-${EARN_ACTIVITIES[f.name]}`} />
                  </Form.Item>),
              },
              { title: t('points.dailyCap'), render: (_, f) => <Form.Item name={[f.name, 'dailyCap']} style={{ margin: 0 }} rules={[whole(1, 1000000)]}><InputNumber placeholder={t('points.noCap')} data-testid={`rule-cap-${EARN_ACTIVITIES[f.name]}`} /></Form.Item> },
            ]} />
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('points.rulesHelp')}</Typography.Paragraph>
        {editable && <Button type="primary" loading={saving} onClick={submit} data-testid="points-save">{t('common.save')}</Button>}
      </Form>
    </Card>
  );
}
