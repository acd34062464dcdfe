import { useEffect } from 'react';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography } from 'antd';
import { CHANNELS } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { PoolField } from './PoolField.js';
import { DEFAULT_CAPACITY, STRATEGIES, opensGroups, useLiveCodesApi, type LiveCode, type LiveCodeInput, type Strategy } from './liveCodesApi.js';

interface Values { name: string; channel: string; strategy: Strategy; capacity: number; baseName?: string; enabled: boolean; communityIds: string[] }
interface Props { open: boolean; code: LiveCode | null; onClose: () => void; onSaved: (c: LiveCode) => void }

const FIELDS = ['name', 'channel', 'strategy', 'capacity', 'baseName', 'enabled', 'communityIds'];
const blank: Values = { name: '', channel: 'sandbox', strategy: 'fill_in_order', capacity: DEFAULT_CAPACITY, enabled: true, communityIds: [] };

const valuesOf = (c: LiveCode): Values => ({
  name: c.name, channel: c.channel, strategy: c.strategy, capacity: c.capacity, baseName: c.baseName, enabled: c.enabled, communityIds: c.pool.map((p) => p.id),
});

/** Create or edit a live code: its pool in order, how scans are spread over it, and what to call the groups it opens. */
export function LiveCodeEditor({ open, code, onClose, onSaved }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const liveCodesApi = useLiveCodesApi();
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form) ?? 'sandbox';
  const name = Form.useWatch('name', form);
  const baseName = Form.useWatch('baseName', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(code ? valuesOf(code) : blank);
  }, [open, code, form]);

  const { saving, submit: save } = useFormSubmit(form, FIELDS, async (v) => {
    const body: LiveCodeInput = { ...v, name: v.name.trim(), baseName: v.baseName?.trim() || undefined, communityIds: v.communityIds ?? [] };
    const saved = code ? await liveCodesApi.update(code.id, body) : await liveCodesApi.create(body);
    message.success(t('common.saved'));
    onSaved(saved);
  });

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open={open} width={720} title={code ? t('liveCodes.editTitle') : t('liveCodes.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={saving} onOk={save} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" autoComplete="off" data-testid="live-code-form">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('liveCodes.name')} rules={[...required, { whitespace: true, message: t('form.required') }, { max: 100 }]}>
              <Input data-testid="live-code-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="enabled" label={t('liveCodes.enabled')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="channel" label={t('liveCodes.channel')} rules={required} extra={code && code.scans > 0 ? t('liveCodes.channelHelp') : undefined}>
              <Select options={CHANNELS.map((c) => ({ value: c, label: te('channel', c) }))} onChange={() => form.setFieldValue('communityIds', [])} data-testid="live-code-channel" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="strategy" label={t('liveCodes.strategy')} rules={required}>
              <Select options={STRATEGIES.map((s) => ({ value: s, label: t(`liveCodes.strategy.${s}`) }))} data-testid="live-code-strategy" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="capacity" label={t('liveCodes.capacity')} rules={required}>
              <InputNumber min={1} max={100000} precision={0} suffix={t('liveCodes.people')} style={{ width: '100%' }} data-testid="live-code-capacity" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>{t('liveCodes.strategyHelp')}</Typography.Paragraph>
        {!opensGroups(channel) && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('liveCodes.cannotOpen', { channel: te('channel', channel) })} />}
        <Form.Item name="communityIds" label={t('liveCodes.pool')} extra={t('liveCodes.poolHelp')}>
          <PoolField channel={channel} known={code?.pool ?? []} />
        </Form.Item>
        <Form.Item name="baseName" label={t('liveCodes.baseName')} rules={[{ max: 80 }]}
          extra={t('liveCodes.baseNameHelp', { example: `${baseName?.trim() || name?.trim() || t('liveCodes.baseNameExample')} 3` })}>
          <Input placeholder={name?.trim() || t('liveCodes.baseNameExample')} data-testid="live-code-base-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
