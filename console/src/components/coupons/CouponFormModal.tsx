import { Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { COUPON_KINDS, couponsApi, type Coupon, type CouponInput, type CouponKind } from './couponsApi.js';

/**
 * The form's values: the API's names (so its field errors land under the right input), with money in
 * yuan and times as dates; `validity` picks a window or a number of days from each claim.
 */
interface Values {
  name: string; description?: string; kind: CouponKind;
  amountOffCents?: number | null; percentOff?: number | null; maxDiscountCents?: number | null; minSpendCents?: number | null;
  validity: 'window' | 'days'; validFrom?: Dayjs | null; validUntil?: Dayjs | null; validDays?: number | null;
  totalLimit?: number | null; perMemberLimit?: number | null; enabled: boolean; returnOnCancel: boolean;
}

const FIELDS = ['name', 'description', 'kind', 'amountOffCents', 'percentOff', 'maxDiscountCents', 'minSpendCents', 'validFrom', 'validUntil', 'validDays', 'totalLimit', 'perMemberLimit'];
const toYuan = (cents: number | null) => (cents === null ? null : cents / 100);
const toCents = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? null : Math.round(yuan * 100));

function initial(c: Coupon | null): Values {
  if (!c) return { name: '', kind: 'no_threshold', amountOffCents: 5, minSpendCents: 0, validity: 'days', validDays: 7, totalLimit: null, perMemberLimit: 1, enabled: true, returnOnCancel: true };
  return {
    name: c.name, description: c.description, kind: c.kind, amountOffCents: toYuan(c.amountOffCents), percentOff: c.percentOff,
    maxDiscountCents: toYuan(c.maxDiscountCents), minSpendCents: toYuan(c.minSpendCents), validity: c.validDays !== null ? 'days' : 'window',
    validFrom: c.validFrom ? dayjs(c.validFrom) : null, validUntil: c.validUntil ? dayjs(c.validUntil) : null, validDays: c.validDays,
    totalLimit: c.totalLimit, perMemberLimit: c.perMemberLimit, enabled: c.enabled, returnOnCancel: c.returnOnCancel,
  };
}

/** What the API receives: only the fields the kind and the validity use, in cents and ISO times. */
export function couponBody(v: Values): CouponInput {
  const percentage = v.kind === 'percentage';
  const window = v.validity === 'window';
  return {
    name: v.name, description: v.description ?? '', kind: v.kind,
    amountOffCents: percentage ? null : toCents(v.amountOffCents), percentOff: percentage ? v.percentOff ?? null : null,
    maxDiscountCents: percentage ? toCents(v.maxDiscountCents) : null,
    minSpendCents: v.kind === 'no_threshold' ? 0 : toCents(v.minSpendCents) ?? 0,
    validFrom: window && v.validFrom ? v.validFrom.toISOString() : null, validUntil: window && v.validUntil ? v.validUntil.toISOString() : null,
    validDays: window ? null : v.validDays ?? null,
    totalLimit: v.totalLimit ?? null, perMemberLimit: v.perMemberLimit ?? null, enabled: v.enabled, returnOnCancel: v.returnOnCancel,
  };
}

/** Adds a coupon, or edits one (`coupon` given); the fields follow the kind. */
export function CouponFormModal({ open, coupon, onClose, onSaved }: { open: boolean; coupon: Coupon | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? coupon?.kind ?? 'no_threshold';
  const validity = Form.useWatch('validity', form) ?? (coupon && coupon.validDays === null ? 'window' : 'days');
  const money = (required: boolean) => [
    ...(required ? [{ required: true, message: t('coupons.moneyRequired') }] : []),
    { type: 'number' as const, min: 0.01, max: 1_000_000, message: t('coupons.moneyRange') },
  ];
  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('points.wholeBetween', { min, max }) });
  const { saving, submit } = useFormSubmit(form, FIELDS, async (v) => {
    const body = couponBody(v);
    if (coupon) await couponsApi.update(coupon.id, body);
    else await couponsApi.create(body);
    onSaved();
  });

  return (
    <Modal open={open} width={640} title={coupon ? t('coupons.edit') : t('coupons.add')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden
      okButtonProps={{ 'data-testid': 'coupon-save' } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial(coupon)}>
        <Form.Item name="name" label={t('coupons.name')} rules={[{ required: true, whitespace: true, message: t('coupons.nameRequired') }]}>
          <Input maxLength={100} data-testid="coupon-name" />
        </Form.Item>
        <Form.Item name="description" label={t('coupons.description')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        <Form.Item name="kind" label={t('coupons.kind')}>
          <Select options={COUPON_KINDS.map((k) => ({ value: k, label: t(`coupons.kind.${k}` as never) }))} data-testid="coupon-kind" />
        </Form.Item>
        <Row gutter={12}>
          {kind === 'percentage' ? (
            <>
              <Col span={12}>
                <Form.Item name="percentOff" label={t('coupons.percentOff')} extra={t('coupons.percentHelp')} rules={[{ required: true, message: t('points.wholeBetween', { min: 1, max: 99 }) }, whole(1, 99)]}>
                  <InputNumber addonAfter="%" style={{ width: '100%' }} data-testid="coupon-percent" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="maxDiscountCents" label={t('coupons.cap')} extra={t('coupons.capHelp')} rules={money(false)}>
                  <InputNumber addonAfter={t('coupons.yuan')} precision={2} placeholder={t('coupons.noCap')} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col span={12}>
              <Form.Item name="amountOffCents" label={t('coupons.amountOff')} rules={money(true)}>
                <InputNumber addonAfter={t('coupons.yuan')} precision={2} style={{ width: '100%' }} data-testid="coupon-amount" />
              </Form.Item>
            </Col>
          )}
          {kind !== 'no_threshold' && (
            <Col span={12}>
              <Form.Item name="minSpendCents" label={t('coupons.minSpend')} extra={kind === 'threshold' ? t('coupons.minSpendThreshold') : t('coupons.minSpendHelp')}
                rules={[...(kind === 'threshold' ? money(true) : [{ type: 'number' as const, min: 0, max: 1_000_000, message: t('coupons.moneyRange') }]),
                  ({ getFieldValue }) => ({
                    validator: (_, value: number | null | undefined) => (kind === 'threshold' && value != null && (getFieldValue('amountOffCents') ?? 0) > value
                      ? Promise.reject(new Error(t('coupons.thresholdBelowAmount'))) : Promise.resolve()),
                  })]}
                dependencies={['amountOffCents']}>
                <InputNumber addonAfter={t('coupons.yuan')} precision={2} style={{ width: '100%' }} data-testid="coupon-min-spend" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="validity" label={t('coupons.validity')}>
          <Radio.Group options={[{ value: 'days', label: t('coupons.validity.days') }, { value: 'window', label: t('coupons.validity.window') }]} />
        </Form.Item>
        {validity === 'days' ? (
          <Form.Item name="validDays" label={t('coupons.validDays')} rules={[{ required: true, message: t('points.wholeBetween', { min: 1, max: 3650 }) }, whole(1, 3650)]}>
            <InputNumber addonAfter={t('coupons.days')} data-testid="coupon-days" />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="validFrom" label={t('coupons.validFrom')} rules={[{ required: true, message: t('coupons.timeRequired') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="validUntil" label={t('coupons.validUntil')} dependencies={['validFrom']}
                rules={[{ required: true, message: t('coupons.timeRequired') }, ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null | undefined) => {
                    const from = getFieldValue('validFrom') as Dayjs | null | undefined;
                    return value && from && !value.isAfter(from) ? Promise.reject(new Error(t('coupons.untilAfterFrom'))) : Promise.resolve();
                  },
                })]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="totalLimit" label={t('coupons.totalLimit')} extra={t('coupons.totalLimitHelp')} rules={[whole(0, 10_000_000)]}>
              <InputNumber placeholder={t('coupons.unlimited')} style={{ width: '100%' }} data-testid="coupon-total" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="perMemberLimit" label={t('coupons.perMember')} rules={[whole(1, 1000)]}>
              <InputNumber placeholder={t('coupons.unlimited')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="enabled" label={t('coupons.enabled')} valuePropName="checked"><Switch /></Form.Item></Col>
          <Col span={12}>
            <Form.Item name="returnOnCancel" label={t('coupons.returnOnCancel')} extra={t('coupons.returnOnCancelHelp')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
