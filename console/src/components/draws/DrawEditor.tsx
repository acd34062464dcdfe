import { useEffect } from 'react';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { DRAW_SEGMENTS, DRAW_UNITS, drawsApi, type Draw, type DrawInput, type DrawUnit, type PrizeInput } from './drawsApi.js';
import { NEW_PRIZE, PrizesEditor } from './PrizesEditor.js';

interface Values {
  name: string; description?: string; window: [Dayjs, Dayjs]; unit: DrawUnit; pointsCost: number; minCheckInDays: number;
  segment?: string | null; prizes: PrizeInput[];
}

// The API names fields by their JSON path ("prizes.2.weight", "endsAt"); the window is one input here.
function fieldOf(path: string): (string | number)[] | null {
  const p = path.replace(/^body\.?/, '');
  if (p === 'startsAt' || p === 'endsAt') return ['window'];
  const prize = /^prizes\.(\d+)\.(\w+)$/.exec(p);
  if (prize) return ['prizes', Number(prize[1]), prize[2]!];
  return ['name', 'description', 'unit', 'pointsCost', 'minCheckInDays', 'segment', 'prizes'].includes(p) ? [p] : null;
}

const toValues = (d: Draw | null): Values => ({
  name: d?.name ?? '', description: d?.description ?? '',
  window: d ? [dayjs(d.startsAt), dayjs(d.endsAt)] : [dayjs().startOf('hour'), dayjs().startOf('hour').add(7, 'day')],
  unit: d?.unit ?? 'day', pointsCost: d?.pointsCost ?? 0, minCheckInDays: d?.minCheckInDays ?? 0, segment: d?.segment ?? null,
  prizes: d ? d.prizes.map(({ name, kind, points, rewardId, weight, stock }) => ({ name, kind, points, rewardId, weight, stock }))
    : [{ ...NEW_PRIZE, name: '', stock: 3, weight: 1 }, { name: '', kind: 'thanks', points: null, rewardId: null, weight: 9, stock: null }],
});

/** Creates a draw or edits a draft: its window, who may draw and how often, and the prizes with their weights and stock. */
export function DrawEditor({ open, draw, onClose, onSaved }: { open: boolean; draw: Draw | null; onClose: () => void; onSaved: () => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  useEffect(() => { if (open) form.setFieldsValue(toValues(draw)); }, [open, draw, form]);

  const { saving, submit: save } = useFormSubmit(form, fieldOf, async (v) => {
    const body: DrawInput = {
      name: v.name.trim(), description: (v.description ?? '').trim(), startsAt: v.window[0].toISOString(), endsAt: v.window[1].toISOString(),
      unit: v.unit, pointsCost: v.pointsCost ?? 0, minCheckInDays: v.minCheckInDays ?? 0, segment: v.segment ?? null,
      prizes: v.prizes.map((p) => ({
        name: p.name.trim(), kind: p.kind, weight: p.weight, points: p.kind === 'points' ? p.points : null,
        rewardId: p.kind === 'reward' ? p.rewardId : null, stock: p.kind === 'thanks' ? null : p.stock ?? null,
      })),
    };
    await (draw ? drawsApi.update(draw.id, body) : drawsApi.create(body));
    message.success(t('common.saved'));
    onSaved();
  });

  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('draws.wholeBetween', { min, max }) });
  return (
    <Modal open={open} title={draw ? t('draws.edit') : t('draws.new')} onCancel={onClose} width={960} destroyOnHidden
      footer={[<Button key="c" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="s" type="primary" loading={saving} onClick={save} data-testid="draw-save">{t('common.save')}</Button>]}>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="name" label={t('draws.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100, message: t('draws.tooLong') }]}>
              <Input data-testid="draw-name" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="window" label={t('draws.window')} rules={[{ required: true, message: t('form.required') }]} extra={t('draws.windowHelp')}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="draw-window" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('draws.description')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        <Typography.Title level={5}>{t('draws.eligibility')}</Typography.Title>
        <Row gutter={16}>
          <Col span={7}>
            <Form.Item name="unit" label={t('draws.unit')} extra={t('draws.unitHelp')}>
              <Radio.Group optionType="button" options={DRAW_UNITS.map((u) => ({ value: u, label: t(`draws.unit.${u}` as never) }))} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="pointsCost" label={t('draws.pointsCost')} rules={[whole(0, 1000000)]} extra={t('draws.pointsCostHelp')}>
              <InputNumber style={{ width: '100%' }} suffix={t('draws.pointsUnit')} data-testid="draw-cost" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="minCheckInDays" label={t('draws.minCheckInDays')} rules={[whole(0, 366)]} extra={t('draws.minCheckInDaysHelp')}>
              <InputNumber style={{ width: '100%' }} suffix={t('draws.daysUnit')} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="segment" label={t('draws.segment')} extra={t('draws.segmentHelp')}>
              <Select allowClear placeholder={t('draws.everyone')} options={DRAW_SEGMENTS.map((s) => ({ value: s, label: te('segment', s) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('draws.prizes')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('draws.prizesHelp')}</Typography.Paragraph>
        <PrizesEditor form={form} />
      </Form>
    </Modal>
  );
}
