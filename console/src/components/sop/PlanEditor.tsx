import { useEffect, useState } from 'react';
import { App, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { ApiError, COMMUNITY_TYPES, type CommunityType } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { CapWarnings } from './CapWarnings.js';
import { CommunitiesPicker } from './CommunitiesPicker.js';
import { StepFields, fromForm, newStep, toForm, type StepForm } from './StepFields.js';
import { useActiveTemplates } from './TemplateSelect.js';
import { useSopApi, type CapCheck, type Plan, type PlanInput } from './sopApi.js';

interface Values { name: string; enabled: boolean; communityTypes: CommunityType[]; communityIds: string[]; steps: StepForm[] }
interface Props { open: boolean; plan: Plan | null; initial: PlanInput | null; readOnly?: boolean; onClose: () => void; onSaved: (p: Plan) => void }

// Server paths name the API's shape (steps.0.recurrence.dates.1); the form keeps each recurrence's field apart.
function formPath(path: string): (string | number)[] | null {
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] !== 'steps' || typeof parts[1] !== 'number') return ['name', 'communityTypes', 'communityIds', 'enabled'].includes(String(parts[0])) ? [parts[0]!] : null;
  if (parts[2] !== 'recurrence') return ['steps', parts[1], parts[2]!];
  return ['steps', parts[1], parts[3] === 'dates' ? 'dates' : parts[3] === 'days' ? 'afterDays' : 'kind'];
}

/**
 * Create or edit a plan. Before saving, the server is asked whether the plan would push any group past the
 * daily cap of marketing sends; if so the warning shows and a second click saves anyway.
 */
export function PlanEditor({ open, plan, initial, readOnly, onClose, onSaved }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const sopApi = useSopApi();
  const templates = useActiveTemplates(open);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [check, setCheck] = useState<CapCheck | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const source = plan ?? initial;
    form.setFieldsValue(source
      ? { name: source.name, enabled: source.enabled, communityTypes: source.communityTypes, communityIds: source.communityIds, steps: source.steps.map(toForm) }
      : { name: '', enabled: true, communityTypes: [], communityIds: [], steps: [newStep()] });
    setCheck(null);
    setAcknowledged(false);
  }, [open, plan, initial, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: PlanInput = { name: v.name.trim(), enabled: v.enabled, communityTypes: v.communityTypes ?? [], communityIds: v.communityIds ?? [], steps: v.steps.map(fromForm) };
    setSaving(true);
    try {
      if (!acknowledged) {
        const found = await sopApi.check({ ...body, ...(plan ? { planId: plan.id } : {}) });
        setCheck(found);
        if (found.warnings.length) { setAcknowledged(true); return; }
      }
      const saved = plan ? await sopApi.update(plan.id, body) : await sopApi.create(body);
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : [];
      const placed = fields.map((f) => ({ f, name: formPath(f.path) })).filter((x) => x.name);
      if (placed.length) form.setFields(placed.map(({ f, name }) => ({ name: name as never, errors: [f.message] })));
      else message.error(errorText(err, t));
      setAcknowledged(false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} width={920} title={readOnly ? plan?.name : plan ? t('sop.editPlan') : t('sop.newPlan')} onCancel={onClose} onOk={() => void save()} confirmLoading={saving}
      okText={acknowledged && check?.warnings.length ? t('sop.cap.saveAnyway') : t('common.save')} cancelText={t('common.cancel')} destroyOnHidden
      okButtonProps={{ 'data-testid': 'sop-plan-save' } as Record<`data-${string}`, string>} {...(readOnly ? { footer: null } : {})}>
      {check && <CapWarnings warnings={check.warnings} cap={check.cap} />}
      <Form form={form} layout="vertical" disabled={readOnly} onValuesChange={() => { setAcknowledged(false); setCheck(null); }}>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="name" label={t('sop.name')} rules={[{ required: true, whitespace: true, message: t('sop.nameRequired') }]}>
              <Input maxLength={200} data-testid="sop-plan-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="enabled" label={t('sop.enabled')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="communityTypes" label={t('sop.communityTypes')} tooltip={t('sop.communityTypesHelp')}>
              <Select mode="multiple" allowClear options={COMMUNITY_TYPES.map((c) => ({ value: c, label: te('type', c) }))} data-testid="sop-plan-types" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="communityIds" label={t('sop.communities')}><CommunitiesPicker placeholder={t('sop.communitiesPlaceholder')} /></Form.Item>
          </Col>
        </Row>
        <StepFields templates={templates} />
      </Form>
    </Modal>
  );
}
