import { Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/index.js';
import { useRequest } from '../../hooks.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { CommunitySelect } from '../CommunitySelect.js';
import { commerceApi, money, toCents } from '../commerce/commerceApi.js';
import { flashSaleApi, type FlashSale, type FlashSaleInput } from './flashSaleApi.js';

/** The form's values: the API's names (so its field errors land under the right input), money in yuan, times as dates. */
interface Values {
  name: string; window: [Dayjs, Dayjs]; perMemberLimit: number; enabled: boolean; bucketCount: number;
  items: { skuId: string; salePrice: number; saleStock: number }[];
  communityId?: string | null; reminderText?: string | null; remindMinutesBefore: number;
}

const FIELDS = ['name', 'window', 'perMemberLimit', 'bucketCount', 'items', 'communityId', 'reminderText', 'remindMinutesBefore'];

function initial(s: FlashSale | null): Values {
  if (!s) {
    const start = dayjs().add(1, 'day').startOf('hour');
    return { name: '', window: [start, start.add(1, 'hour')], perMemberLimit: 1, enabled: true, bucketCount: 8, items: [{ skuId: '', salePrice: 9.9, saleStock: 100 }], remindMinutesBefore: 60 };
  }
  return {
    name: s.name, window: [dayjs(s.startsAt), dayjs(s.endsAt)], perMemberLimit: s.perMemberLimit, enabled: s.enabled, bucketCount: s.bucketCount,
    items: s.items.map((i) => ({ skuId: i.skuId, salePrice: i.salePriceCents / 100, saleStock: i.saleStock })),
    communityId: s.communityId, reminderText: s.reminderText, remindMinutesBefore: s.remindMinutesBefore,
  };
}

function body(v: Values): FlashSaleInput {
  const remind = !!v.communityId && !!v.reminderText?.trim();
  return {
    name: v.name, startsAt: v.window[0].toISOString(), endsAt: v.window[1].toISOString(), perMemberLimit: v.perMemberLimit, enabled: v.enabled,
    bucketCount: v.bucketCount, items: v.items.map((i) => ({ skuId: i.skuId, salePriceCents: toCents(i.salePrice), saleStock: i.saleStock })),
    communityId: remind ? v.communityId! : null, reminderText: remind ? v.reminderText!.trim() : null, remindMinutesBefore: v.remindMinutesBefore,
  };
}

/** Adds a flash-sale session, or edits one (`session` given). Its SKUs and stock lock once it has started. */
export function FlashSaleFormModal({ open, session, onClose, onSaved }: { open: boolean; session: FlashSale | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const products = useRequest(() => commerceApi.products({ page: 1, pageSize: 200, status: 'on_sale' }), []);
  const skuOptions = (products.data?.items ?? []).flatMap((p) => p.skus.map((s) => ({
    value: s.id, label: t('flashSale.skuOption', { product: p.name, sku: s.name, price: money(s.priceCents), stock: s.stock }),
  })));
  // An edited session's SKUs may be off sale now: keep their names in the picker.
  for (const i of session?.items ?? []) {
    if (!skuOptions.some((o) => o.value === i.skuId)) skuOptions.push({ value: i.skuId, label: `${i.productName} / ${i.skuName}` });
  }
  const locked = !!session && (session.state !== 'upcoming' || session.items.some((i) => i.sold > 0));
  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('flashSale.wholeBetween', { min, max }) });
  const { saving, submit } = useFormSubmit(form, FIELDS, async (v) => {
    if (session) await flashSaleApi.update(session.id, body(v));
    else await flashSaleApi.create(body(v));
    onSaved();
  });

  return (
    <Modal open={open} width={720} title={session ? t('flashSale.edit') : t('flashSale.add')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden
      okButtonProps={{ 'data-testid': 'flash-sale-save' } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial(session)}>
        <Form.Item name="name" label={t('flashSale.name')} rules={[{ required: true, whitespace: true, message: t('flashSale.nameRequired') }]}>
          <Input maxLength={100} data-testid="flash-sale-name" />
        </Form.Item>
        <Form.Item name="window" label={t('flashSale.window')} rules={[{ required: true, message: t('flashSale.windowRequired') }, {
          validator: (_, w: [Dayjs, Dayjs] | undefined) => (w && !w[1].isAfter(w[0]) ? Promise.reject(new Error(t('flashSale.endAfterStart'))) : Promise.resolve()),
        }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="perMemberLimit" label={t('flashSale.perMemberLimit')} rules={[{ required: true, message: t('flashSale.wholeBetween', { min: 1, max: 1000 }) }, whole(1, 1000)]}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="bucketCount" label={t('flashSale.bucketCount')} extra={t('flashSale.bucketHelp')} rules={[{ required: true, message: t('flashSale.wholeBetween', { min: 1, max: 64 }) }, whole(1, 64)]}>
              <InputNumber style={{ width: '100%' }} disabled={locked} />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item name="enabled" label={t('flashSale.enabled')} valuePropName="checked"><Switch /></Form.Item></Col>
        </Row>
        <Form.List name="items">
          {(fields, { add, remove }, { errors }) => (
            <>
              <div style={{ marginBottom: 8 }}>{t('flashSale.items')}{locked && ` · ${t('flashSale.itemsLocked')}`}</div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'skuId']} rules={[{ required: true, message: t('flashSale.skuRequired') }]}>
                    <Select showSearch optionFilterProp="label" options={skuOptions} style={{ width: 320 }} placeholder={t('flashSale.sku')} disabled={locked} loading={products.loading} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'salePrice']} rules={[{ required: true, type: 'number', min: 0, max: 1_000_000, message: t('flashSale.priceRange') }]}>
                    <InputNumber addonAfter={t('flashSale.yuan')} precision={2} placeholder={t('flashSale.salePrice')} disabled={locked} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'saleStock']} rules={[{ required: true, message: t('flashSale.wholeBetween', { min: 1, max: 1_000_000 }) }, whole(1, 1_000_000)]}>
                    <InputNumber addonAfter={t('flashSale.units')} placeholder={t('flashSale.saleStock')} disabled={locked} />
                  </Form.Item>
                  {!locked && fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {!locked && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ skuId: '', salePrice: 9.9, saleStock: 100 })}>{t('flashSale.addItem')}</Button>}
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Row gutter={12} style={{ marginTop: 16 }}>
          <Col span={16}>
            <Form.Item name="communityId" label={t('flashSale.reminderGroup')} extra={t('flashSale.reminderHelp')}>
              <CommunitySelect placeholder={t('flashSale.noReminder')} onChange={(id) => form.setFieldValue('communityId', id ?? null)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="remindMinutesBefore" label={t('flashSale.remindBefore')} rules={[whole(1, 10080)]}>
              <InputNumber addonAfter={t('flashSale.minutes')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="reminderText" label={t('flashSale.reminderText')} dependencies={['communityId']} rules={[({ getFieldValue }) => ({
          validator: (_, text: string | null | undefined) => (getFieldValue('communityId') && !text?.trim() ? Promise.reject(new Error(t('flashSale.reminderTextRequired'))) : Promise.resolve()),
        })]}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('flashSale.reminderPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
