import { Button, Card, Flex, Form, InputNumber, Segmented, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.js';
import { TemplateChoice } from './TemplateChoice.js';
import { AUDIENCES, MAX_OFFSET_MINUTES, MAX_STEPS, type Audience } from './welcomeApi.js';

export type OffsetUnit = 'minutes' | 'hours';
export interface StepValues { amount: number; unit: OffsetUnit; templateId?: string; audience: Audience }
export const toMinutes = (s: Pick<StepValues, 'amount' | 'unit'>) => Math.round(s.amount * (s.unit === 'hours' ? 60 : 1));
/** Whole hours read better ("24 小时后"); anything else stays in minutes. */
export const fromMinutes = (m: number): Pick<StepValues, 'amount' | 'unit'> => (m > 0 && m % 60 === 0 ? { amount: m / 60, unit: 'hours' } : { amount: m, unit: 'minutes' });

/**
 * The newcomer journey: ordered steps, each some time after the join, sent to the newcomer in private or to
 * the group (once per batch of newcomers, mentioning them).
 */
export function JourneyStepsField({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const steps = (Form.useWatch('journey', form) ?? []) as (StepValues | undefined)[];
  return (
    <Form.List name="journey">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12} data-testid="welcome-journey">
          {fields.length === 0 && <Typography.Text type="secondary">{t('welcome.noSteps')}</Typography.Text>}
          {fields.map((f, i) => (
            <Card key={f.key} size="small" title={t('welcome.step', { n: i + 1 })}
              extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('welcome.removeStep')} />}>
              <Flex gap={12} wrap align="flex-start">
                <Form.Item label={t('welcome.offset')} required style={{ marginBottom: 0 }}>
                  <Flex gap={4}>
                    <Form.Item name={[f.name, 'amount']} noStyle rules={[
                      { required: true, message: t('form.required') },
                      {
                        validator: async (_, v: number | null) => {
                          const unit = steps[i]?.unit ?? 'minutes';
                          if (v !== null && v !== undefined && toMinutes({ amount: v, unit }) > MAX_OFFSET_MINUTES) throw new Error(t('welcome.offsetMax'));
                        },
                      },
                    ]}>
                      <InputNumber min={0} precision={0} style={{ width: 100 }} data-testid={`welcome-step-${i}-amount`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unit']} noStyle>
                      <Select style={{ width: 96 }} options={[{ value: 'minutes', label: t('welcome.minutes') }, { value: 'hours', label: t('welcome.hours') }]} />
                    </Form.Item>
                  </Flex>
                </Form.Item>
                <Form.Item name={[f.name, 'audience']} label={t('welcome.audience')} style={{ marginBottom: 0 }}>
                  <Segmented options={AUDIENCES.map((a) => ({ value: a, label: t(`welcome.audience.${a}`) }))} />
                </Form.Item>
              </Flex>
              <Form.Item name={[f.name, 'templateId']} label={t('welcome.template')} rules={[{ required: true, message: t('form.required') }]} style={{ marginTop: 12, marginBottom: 0 }}>
                <TemplateChoice audience={steps[i]?.audience ?? 'private'} data-testid={`welcome-step-${i}-template`} />
              </Form.Item>
            </Card>
          ))}
          {fields.length < MAX_STEPS && (
            <Button icon={<PlusOutlined />} onClick={() => {
              const last = steps[steps.length - 1];
              add({ amount: last ? last.amount : 1, unit: last?.unit ?? 'hours', audience: 'private' } satisfies StepValues);
            }} data-testid="welcome-add-step">{t('welcome.addStep')}</Button>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('welcome.journeyHelp')}</Typography.Text>
        </Flex>
      )}
    </Form.List>
  );
}
