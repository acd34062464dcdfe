import { Button, Card, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.js';
import type { TemplateListItem } from '../templates/templatesApi.js';
import { TemplateSelect } from './TemplateSelect.js';
import { RECURRENCE_KINDS, type Recurrence, type StepInput } from './sopApi.js';

/** A step as the form holds it: every recurrence's fields at once, the kind deciding which are sent. */
export interface StepForm { id?: string; label: string; time: string; kind: Recurrence['kind']; weekdays: number[]; dates: string[]; afterDays: string[]; templateId: string; class: 'marketing' | 'service'; endsOn: string }

export const toForm = (s: StepInput): StepForm => ({
  id: s.id, label: s.label, time: s.time, kind: s.recurrence.kind, templateId: s.templateId, class: s.class, endsOn: s.endsOn ?? '',
  weekdays: s.recurrence.kind === 'weekdays' ? s.recurrence.days : [1, 2, 3, 4, 5],
  dates: s.recurrence.kind === 'dates' ? s.recurrence.dates : [],
  afterDays: s.recurrence.kind === 'after_open' ? s.recurrence.days.map(String) : ['0'],
});

export function fromForm(f: StepForm): StepInput {
  const recurrence: Recurrence = f.kind === 'daily' ? { kind: 'daily' }
    : f.kind === 'weekdays' ? { kind: 'weekdays', days: [...f.weekdays].sort() }
    : f.kind === 'dates' ? { kind: 'dates', dates: [...f.dates].sort() }
    : { kind: 'after_open', days: f.afterDays.map(Number).sort((a, b) => a - b) };
  return { ...(f.id ? { id: f.id } : {}), label: f.label ?? '', time: f.time, recurrence, templateId: f.templateId, class: f.class, endsOn: f.endsOn || null };
}

export const newStep = (): StepForm => toForm({ label: '', time: '09:00', recurrence: { kind: 'daily' }, templateId: undefined as unknown as string, class: 'marketing', endsOn: null });

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The plan's steps: time, recurrence, template (with its text), class and end date. */
export function StepFields({ templates }: { templates: TemplateListItem[] }) {
  const { t, te } = useI18n();
  return (
    <Form.List name="steps">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Card key={field.key} size="small" style={{ marginBottom: 8 }} title={t('sop.step.title', { n: i + 1 })}
              extra={fields.length > 1 && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('sop.step.remove')} />}>
              <Row gutter={8}>
                <Col span={6}>
                  <Form.Item name={[field.name, 'time']} label={t('sop.step.time')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('sop.step.timeInvalid') }]}>
                    <Input placeholder="09:00" data-testid={`sop-step-time-${i}`} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[field.name, 'kind']} label={t('sop.step.recurrence')}>
                    <Select options={RECURRENCE_KINDS.map((k) => ({ value: k, label: te('sopRecurrence', k) }))} data-testid={`sop-step-kind-${i}`} />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) => {
                      const kind = getFieldValue(['steps', field.name, 'kind']) as Recurrence['kind'];
                      if (kind === 'weekdays') return (
                        <Form.Item name={[field.name, 'weekdays']} label={t('sop.step.weekdays')} rules={[{ required: true, type: 'array', min: 1, message: t('sop.step.weekdaysRequired') }]}>
                          <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: te('weekday', String(d)) }))} data-testid={`sop-step-weekdays-${i}`} />
                        </Form.Item>);
                      if (kind === 'dates') return (
                        <Form.Item name={[field.name, 'dates']} label={t('sop.step.dates')} rules={[{ required: true, type: 'array', min: 1, message: t('sop.step.datesRequired') }]}>
                          <Select mode="tags" placeholder="2026-11-11" tokenSeparators={[',', ' ']} data-testid={`sop-step-dates-${i}`} />
                        </Form.Item>);
                      if (kind === 'after_open') return (
                        <Form.Item name={[field.name, 'afterDays']} label={t('sop.step.afterDays')} tooltip={t('sop.step.afterDaysHelp')}
                          rules={[{ required: true, type: 'array', min: 1, message: t('sop.step.afterDaysRequired') }]}>
                          <Select mode="tags" placeholder="0, 1, 2" tokenSeparators={[',', ' ']} data-testid={`sop-step-after-days-${i}`} />
                        </Form.Item>);
                      return null;
                    }}
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={8}>
                <Col span={10}>
                  <Form.Item name={[field.name, 'templateId']} label={t('sop.step.template')} rules={[{ required: true, message: t('sop.step.templateRequired') }]}>
                    <TemplateSelect templates={templates} testId={`sop-step-template-${i}`} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[field.name, 'class']} label={t('sop.step.class')}>
                    <Select options={(['marketing', 'service'] as const).map((c) => ({ value: c, label: te('automationClass', c) }))} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[field.name, 'endsOn']} label={t('sop.step.endsOn')}><Input type="date" /></Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'label']} label={t('sop.step.label')}><Input maxLength={100} /></Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add(newStep())} block data-testid="sop-step-add">{t('sop.step.add')}</Button>
        </>
      )}
    </Form.List>
  );
}
