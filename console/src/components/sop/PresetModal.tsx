import { useEffect, useState } from 'react';
import { App, Col, Form, Input, Modal, Row, Segmented, Select } from 'antd';
import { COMMUNITY_TYPES, type CommunityType } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { CommunitiesPicker } from './CommunitiesPicker.js';
import { TemplateSelect, useActiveTemplates } from './TemplateSelect.js';
import { useSopApi, type PlanInput, type PresetInput } from './sopApi.js';

type Preset = PresetInput['preset'];
const SLOTS: Record<Preset, string[]> = { opening_ceremony: ['welcome', 'value', 'rules', 'closing'], pre_heat: ['topic', 'reminder', 'link'] };
interface Values { name: string; communityTypes: CommunityType[]; communityIds: string[]; saleDate?: string; saleTime?: string; templates: Record<string, string> }

/**
 * A ready plan from a preset: the operator picks the templates (and the sale's date and time), the server
 * lays out the steps, and the plan editor opens with them so times can still be changed before saving.
 */
export function PresetModal({ open, onClose, onReady }: { open: boolean; onClose: () => void; onReady: (p: PlanInput) => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const sopApi = useSopApi();
  const templates = useActiveTemplates(open);
  const [preset, setPreset] = useState<Preset>('opening_ceremony');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const build = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const base = { communityTypes: v.communityTypes ?? [], communityIds: v.communityIds ?? [], ...(v.name?.trim() ? { name: v.name.trim() } : {}) };
      const body = (preset === 'opening_ceremony'
        ? { preset, ...base, templates: v.templates }
        : { preset, ...base, saleDate: v.saleDate, saleTime: v.saleTime || '20:00', templates: v.templates }) as PresetInput;
      onReady(await sopApi.previewPreset(body));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} width={720} title={t('sop.preset.title')} onCancel={onClose} onOk={() => void build()} confirmLoading={busy}
      okText={t('sop.preset.next')} cancelText={t('common.cancel')} destroyOnHidden>
      <Segmented<Preset> block value={preset} onChange={setPreset} style={{ marginBottom: 12 }}
        options={(['opening_ceremony', 'pre_heat'] as const).map((p) => ({ value: p, label: te('sopPreset', p) }))} />
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('sop.name')} extra={t('sop.preset.nameHelp')}><Input maxLength={200} placeholder={te('sopPresetName', preset)} /></Form.Item>
        {preset === 'pre_heat' && (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="saleDate" label={t('sop.preset.saleDate')} rules={[{ required: true, message: t('sop.preset.saleDateRequired') }]}><Input type="date" /></Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="saleTime" label={t('sop.preset.saleTime')} rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('sop.step.timeInvalid') }]}><Input placeholder="20:00" /></Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          {SLOTS[preset].map((slot) => (
            <Col span={12} key={`${preset}-${slot}`}>
              <Form.Item name={['templates', slot]} label={te('sopPresetSlot', slot)} rules={[{ required: true, message: t('sop.step.templateRequired') }]}>
                <TemplateSelect templates={templates} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="communityTypes" label={t('sop.communityTypes')}>
          <Select mode="multiple" allowClear options={COMMUNITY_TYPES.map((c) => ({ value: c, label: te('type', c) }))} />
        </Form.Item>
        <Form.Item name="communityIds" label={t('sop.communities')}><CommunitiesPicker placeholder={t('sop.communitiesPlaceholder')} /></Form.Item>
        <div style={{ color: 'rgba(0,0,0,0.45)' }}>{t(preset === 'opening_ceremony' ? 'sop.preset.openingHelp' : 'sop.preset.preHeatHelp')}</div>
      </Form>
    </Modal>
  );
}
