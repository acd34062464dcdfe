import { useEffect, useState } from 'react';
import { App, Col, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError, COMMUNITY_TYPES, type CommunityType } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { CommunitiesChoice } from './CommunitiesChoice.js';
import { JourneyStepsField, fromMinutes, toMinutes, type StepValues } from './JourneyStepsField.js';
import { TemplateChoice } from './TemplateChoice.js';
import { MAX_WINDOW_MINUTES, useWelcomeApi, type WelcomeFlow, type WelcomeFlowInput } from './welcomeApi.js';

interface Values {
  name: string; enabled: boolean; scopeKind: 'all' | 'type' | 'communities'; scopeType?: CommunityType; communityIds?: string[];
  groupTemplateId?: string; windowMinutes: number; privateTemplateId?: string; journey: StepValues[];
}
interface Props { open: boolean; flow: WelcomeFlow | null; onClose: () => void; onSaved: (f: WelcomeFlow) => void }

const blank: Values = { name: '', enabled: true, scopeKind: 'all', windowMinutes: 3, journey: [] };

function valuesOf(f: WelcomeFlow): Values {
  return {
    name: f.name, enabled: f.enabled, scopeKind: f.scope.kind,
    scopeType: f.scope.kind === 'type' ? f.scope.type : undefined,
    communityIds: f.scope.kind === 'communities' ? f.scope.communityIds : undefined,
    groupTemplateId: f.groupWelcome.templateId, windowMinutes: f.groupWelcome.windowMinutes,
    privateTemplateId: f.privateWelcome?.templateId,
    journey: f.journey.map((s) => ({ ...fromMinutes(s.offsetMinutes), templateId: s.templateId, audience: s.audience })),
  };
}

function inputOf(v: Values): WelcomeFlowInput {
  return {
    name: v.name.trim(), enabled: v.enabled,
    scope: v.scopeKind === 'all' ? { kind: 'all' } : v.scopeKind === 'type' ? { kind: 'type', type: v.scopeType! } : { kind: 'communities', communityIds: v.communityIds ?? [] },
    groupWelcome: { templateId: v.groupTemplateId!, windowMinutes: v.windowMinutes },
    privateWelcome: v.privateTemplateId ? { templateId: v.privateTemplateId } : null,
    journey: (v.journey ?? []).map((s) => ({ offsetMinutes: toMinutes(s), templateId: s.templateId!, audience: s.audience })),
  };
}

/** Puts the server's field errors ("journey.1.offsetMinutes") under the inputs that hold them; false if one has no home. */
function placeErrors(form: FormInstance<Values>, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.fields.length) return false;
  const FIXED: Record<string, (string | number)[]> = {
    name: ['name'], scope: ['scopeKind'], 'scope.type': ['scopeType'], 'groupWelcome.templateId': ['groupTemplateId'],
    'groupWelcome.windowMinutes': ['windowMinutes'], 'privateWelcome.templateId': ['privateTemplateId'],
  };
  let placed = true;
  for (const f of err.fields) {
    const step = /^journey\.(\d+)\.(offsetMinutes|templateId|audience)$/.exec(f.path);
    const name = FIXED[f.path] ?? (f.path.startsWith('scope.communityIds') ? ['communityIds']
      : step ? ['journey', Number(step[1]), step[2] === 'offsetMinutes' ? 'amount' : step[2]!] : null);
    if (name) form.setFields([{ name: name as never, errors: [f.message] }]);
    else placed = false;
  }
  return placed;
}

/** Create or edit a welcome flow: where it applies, the group welcome and its batching, the private welcome, the journey. */
export function WelcomeFlowEditor({ open, flow, onClose, onSaved }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const welcomeApi = useWelcomeApi();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const scopeKind = Form.useWatch('scopeKind', form) ?? 'all';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(flow ? valuesOf(flow) : blank);
  }, [open, flow, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const body = inputOf(v);
      const saved = flow ? await welcomeApi.update(flow.id, body) : await welcomeApi.create(body);
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      if (!placeErrors(form, err)) message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open={open} width={880} title={flow ? t('welcome.editTitle') : t('welcome.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={saving} onOk={save} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" autoComplete="off" data-testid="welcome-form">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('welcome.name')} rules={[...required, { whitespace: true, message: t('form.required') }, { max: 100 }]}>
              <Input data-testid="welcome-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="enabled" label={t('welcome.enabled')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="scopeKind" label={t('welcome.scope')} extra={t('welcome.scopeHelp')}>
          <Radio.Group optionType="button" options={(['all', 'type', 'communities'] as const).map((k) => ({ value: k, label: t(`welcome.scope.${k}`) }))} data-testid="welcome-scope" />
        </Form.Item>
        {scopeKind === 'type' && (
          <Form.Item name="scopeType" label={t('welcome.communityType')} rules={required}>
            <Select options={COMMUNITY_TYPES.map((c) => ({ value: c, label: te('type', c) }))} style={{ maxWidth: 240 }} data-testid="welcome-scope-type" />
          </Form.Item>
        )}
        {scopeKind === 'communities' && (
          <Form.Item name="communityIds" label={t('welcome.communities')} rules={[{ required: true, type: 'array', min: 1, message: t('welcome.pickCommunities') }]}>
            <CommunitiesChoice known={flow?.scope.kind === 'communities' ? flow.scope.communities : []} />
          </Form.Item>
        )}
        <Divider titlePlacement="start">{t('welcome.groupWelcome')}</Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('welcome.groupWelcomeHelp')}</Typography.Paragraph>
        <Form.Item name="groupTemplateId" label={t('welcome.template')} rules={required}>
          <TemplateChoice audience="group" data-testid="welcome-group-template" />
        </Form.Item>
        <Form.Item name="windowMinutes" label={t('welcome.window')} extra={t('welcome.windowHelp')} rules={required}>
          <InputNumber min={0} max={MAX_WINDOW_MINUTES} precision={0} suffix={t('welcome.minutes')} style={{ width: 180 }} data-testid="welcome-window" />
        </Form.Item>
        <Divider titlePlacement="start">{t('welcome.privateWelcome')}</Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('welcome.privateWelcomeHelp')}</Typography.Paragraph>
        <Form.Item name="privateTemplateId" label={t('welcome.templateOptional')}>
          <TemplateChoice audience="private" allowClear placeholder={t('welcome.noPrivate')} data-testid="welcome-private-template" />
        </Form.Item>
        <Divider titlePlacement="start">{t('welcome.journey')}</Divider>
        <JourneyStepsField form={form} />
      </Form>
    </Modal>
  );
}
