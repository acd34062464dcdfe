import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Select, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { LADDER_STEPS, moderationApi, type LadderStep, type ModerationSettings } from './moderationApi.js';

/** The escalation ladder, shared by every group: the steps in order and how long a strike counts. */
export function LadderCard({ settings, editable, onSaved }: { settings: ModerationSettings | undefined; editable: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ ladder: LadderStep[]; strikeWindowDays: number }>();
  useEffect(() => { if (settings) form.setFieldsValue({ ladder: settings.ladder, strikeWindowDays: settings.strikeWindowDays }); }, [settings, form]);
  const { saving, submit } = useFormSubmit(form, ['ladder', 'strikeWindowDays'], async (v) => {
    await moderationApi.saveSettings(v);
    message.success(t('common.saved'));
    onSaved();
  });
  // Steps may repeat (warn, warn, remove), so each pick is a separate select rather than one multi-select.
  return (
    <Card title={t('moderation.ladder.title')} data-testid="ladder">
      <Typography.Paragraph type="secondary">{t('moderation.ladder.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={!editable}>
        <Form.List name="ladder">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Form.Item key={f.key} label={t('moderation.ladder.strike', { n: i + 1 })} style={{ marginBottom: 8 }}>
                  <Form.Item name={f.name} noStyle><Select style={{ width: 180 }} options={LADDER_STEPS.map((s) => ({ value: s, label: t(`moderation.step.${s}`) }))} /></Form.Item>
                  {fields.length > 1 && <Button type="link" onClick={() => remove(f.name)}>{t('moderation.delete')}</Button>}
                </Form.Item>
              ))}
              {fields.length < 10 && <Button onClick={() => add('warn')} style={{ marginBottom: 12 }}>{t('moderation.ladder.add')}</Button>}
            </>
          )}
        </Form.List>
        <Form.Item name="strikeWindowDays" label={t('moderation.ladder.window')}><InputNumber min={1} max={365} precision={0} /></Form.Item>
        {editable && <Button type="primary" loading={saving} onClick={submit}>{t('common.save')}</Button>}
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('moderation.ladder.mute')}</Typography.Paragraph>
    </Card>
  );
}
