import { useEffect, useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { COMMUNITY_TYPES } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { CommunityPicker } from '../templates/CommunityPicker.js';
import { CommunitiesSelect } from './CommunitiesSelect.js';
import { StaffSelect } from './StaffSelect.js';
import { TemplateSelect } from './TemplateSelect.js';
import { CONDITIONS, EVENT_TYPES, SEGMENTS, useTriggersApi, type Duration, type Trigger, type TriggerInput } from './triggersApi.js';

const UNITS = ['minutes', 'hours', 'days'] as const;
const DO_KINDS = ['send_template', 'staff_task', 'alert', 'invite', 'tag'] as const;
const WHEN_KINDS = ['event', 'invite_sent', 'segment', 'signal'] as const;

type Values = TriggerInput & { delayOn: boolean; repeatOn: boolean; capOn: boolean };
const EMPTY: Values = {
  name: '', enabled: true, scope: { kind: 'all' }, when: { kind: 'event', eventType: 'member.joined' }, delay: null, condition: null,
  do: { kind: 'staff_task', taskKind: 'custom', title: '', body: '', dueInHours: 24, assignTo: 'community_owner' },
  capPerMember: null, repeatAfter: null, delayOn: false, repeatOn: false, capOn: false,
};

/** Only the fields of the chosen kinds go out: the form keeps what was typed under a kind switched away from. */
function bodyOf(v: Values): TriggerInput {
  const pick = <T extends object>(o: T, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k, x]) => keys.includes(k) && x !== undefined && x !== null && x !== '')) as T;
  const whenKeys: Record<string, string[]> = { event: ['kind', 'eventType', 'keyword', 'name'], invite_sent: ['kind'], segment: ['kind', 'segment', 'silentDays', 'minTenureDays'], signal: ['kind', 'signal'] };
  const doKeys: Record<string, string[]> = {
    send_template: ['kind', 'templateId', 'audience', 'class'], staff_task: ['kind', 'taskKind', 'title', 'body', 'dueInHours', 'assignTo', 'assigneeId'],
    alert: ['kind', 'title', 'body', 'assigneeId'], invite: ['kind', 'communityId'], tag: ['kind', 'tag'],
  };
  const scopeKeys: Record<string, string[]> = { all: ['kind'], type: ['kind', 'type'], communities: ['kind', 'communityIds'] };
  return {
    name: v.name.trim(), enabled: v.enabled, scope: pick(v.scope, scopeKeys[v.scope.kind]!),
    when: pick(v.when.kind === 'signal' ? { ...v.when, signal: 'leave_spike' } : v.when, whenKeys[v.when.kind]!),
    delay: v.delayOn ? v.delay : null, condition: v.condition ?? null, do: pick({ body: '', ...v.do }, doKeys[v.do.kind]!),
    capPerMember: v.capOn ? v.capPerMember : null, repeatAfter: v.repeatOn ? v.repeatAfter : null,
  };
}

function DurationInput({ value, onChange, testId }: { value?: Duration | null; onChange?: (d: Duration) => void; testId?: string }) {
  const { te } = useI18n();
  const d = value ?? { amount: 1, unit: 'days' as const };
  return (
    <Space.Compact>
      <InputNumber min={1} max={10000} value={d.amount} onChange={(amount) => onChange?.({ ...d, amount: amount ?? 1 })} data-testid={testId} />
      <Select value={d.unit} style={{ width: 96 }} onChange={(unit) => onChange?.({ ...d, unit })} options={UNITS.map((u) => ({ value: u, label: te('durationUnit', u) }))}
        data-testid={testId && `${testId}-unit`} />
    </Space.Compact>
  );
}

/** Create a rule from scratch or edit one (a preset's rule too): scope, when, delay, condition, do, cap, repeat. */
export function TriggerEditor({ open, rule, onClose, onSaved }: { open: boolean; rule: Trigger | null; onClose: () => void; onSaved: (r: Trigger) => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const triggersApi = useTriggersApi();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const v = (Form.useWatch([], form) ?? EMPTY) as Values;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(rule
      ? { ...rule, delayOn: !!rule.delay, repeatOn: !!rule.repeatAfter, capOn: rule.capPerMember !== null, delay: rule.delay ?? { amount: 1, unit: 'days' }, repeatAfter: rule.repeatAfter ?? { amount: 1, unit: 'days' }, capPerMember: rule.capPerMember ?? 1 }
      : { ...EMPTY, delay: { amount: 1, unit: 'days' }, repeatAfter: { amount: 1, unit: 'days' }, capPerMember: 1 });
  }, [open, rule, form]);

  const save = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const body = bodyOf({ ...EMPTY, ...values, scope: { ...EMPTY.scope, ...values.scope }, when: { ...values.when }, do: { ...values.do } } as Values);
      const saved = rule ? await triggersApi.update(rule.id, body) : await triggersApi.create(body);
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      const fields = (err as { fields?: { path: string; message: string }[] }).fields ?? [];
      form.setFields(fields.map((f) => ({ name: f.path.split('.').slice(0, 2) as never, errors: [f.message] })));
      message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  const w = v.when ?? EMPTY.when;
  const d = v.do ?? EMPTY.do;
  const memberless = w.kind === 'signal';
  return (
    <Modal open={open} width={720} title={rule ? t('triggers.editTitle') : t('triggers.newTitle')} onCancel={onClose} onOk={() => void save()}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'trigger-save' } as never}>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Space align="start" size={24}>
          <Form.Item name="name" label={t('triggers.name')} rules={[{ required: true, whitespace: true, max: 200 }]} style={{ width: 420 }}>
            <Input data-testid="trigger-name" />
          </Form.Item>
          <Form.Item name="enabled" label={t('triggers.enabled')} valuePropName="checked"><Switch /></Form.Item>
        </Space>
        <Form.Item label={t('triggers.scope')} required>
          <Space wrap>
            <Form.Item name={['scope', 'kind']} noStyle>
              <Select style={{ width: 160 }} options={(['all', 'type', 'communities'] as const).map((k) => ({ value: k, label: te('scopeKind', k) }))} />
            </Form.Item>
            {v.scope?.kind === 'type' && (
              <Form.Item name={['scope', 'type']} noStyle rules={[{ required: true }]}>
                <Select style={{ width: 160 }} options={COMMUNITY_TYPES.map((c) => ({ value: c, label: te('type', c) }))} />
              </Form.Item>
            )}
          </Space>
        </Form.Item>
        {v.scope?.kind === 'communities' && (
          <Form.Item name={['scope', 'communityIds']} rules={[{ required: true }]}><CommunitiesSelect placeholder={t('triggers.pickCommunities')} /></Form.Item>
        )}
        <Form.Item label={t('triggers.when')} required>
          <Space wrap>
            <Form.Item name={['when', 'kind']} noStyle>
              <Select style={{ width: 200 }} data-testid="trigger-when-kind" options={WHEN_KINDS.map((k) => ({ value: k, label: te('whenKind', k) }))} />
            </Form.Item>
            {w.kind === 'event' && (
              <Form.Item name={['when', 'eventType']} noStyle rules={[{ required: true }]}>
                <Select style={{ width: 200 }} options={EVENT_TYPES.map((e) => ({ value: e, label: te('eventType', e) }))} />
              </Form.Item>
            )}
            {w.kind === 'event' && w.eventType === 'message.sent' && (
              <Form.Item name={['when', 'keyword']} noStyle><Input placeholder={t('triggers.keyword')} style={{ width: 180 }} /></Form.Item>
            )}
            {w.kind === 'event' && w.eventType === 'custom' && (
              <Form.Item name={['when', 'name']} noStyle rules={[{ required: true }]}><Input placeholder={t('triggers.customName')} style={{ width: 180 }} /></Form.Item>
            )}
            {w.kind === 'segment' && (
              <Form.Item name={['when', 'segment']} noStyle rules={[{ required: true }]}>
                <Select style={{ width: 200 }} options={SEGMENTS.map((s) => ({ value: s, label: te('segment', s) }))} />
              </Form.Item>
            )}
          </Space>
        </Form.Item>
        {w.kind === 'segment' && (
          <Space size={24}>
            <Form.Item name={['when', 'silentDays']} label={t('triggers.silentDays')}><InputNumber min={1} max={90} /></Form.Item>
            <Form.Item name={['when', 'minTenureDays']} label={t('triggers.minTenureDays')}><InputNumber min={1} max={365} /></Form.Item>
          </Space>
        )}
        <Space size={24} align="start" wrap>
          <Form.Item label={t('triggers.delay')}>
            <Space>
              <Form.Item name="delayOn" valuePropName="checked" noStyle><Switch data-testid="trigger-delay-on" /></Form.Item>
              {v.delayOn && <Form.Item name="delay" noStyle><DurationInput testId="trigger-delay" /></Form.Item>}
            </Space>
          </Form.Item>
          <Form.Item name="condition" label={t('triggers.condition')} extra={t('triggers.conditionHelp')} style={{ minWidth: 240 }}>
            <Select allowClear disabled={memberless} placeholder={t('triggers.noCondition')}
              options={CONDITIONS.filter((c) => c !== 'still_in_segment' || w.kind === 'segment').map((c) => ({ value: c, label: te('condition', c) }))} />
          </Form.Item>
        </Space>
        <Form.Item label={t('triggers.do')} required>
          <Form.Item name={['do', 'kind']} noStyle>
            <Select style={{ width: 200 }} data-testid="trigger-do-kind" options={DO_KINDS.map((k) => ({ value: k, label: te('triggerDo', k) }))} />
          </Form.Item>
        </Form.Item>
        {d.kind === 'send_template' && (
          <Space size={16} wrap align="start">
            <Form.Item name={['do', 'templateId']} label={t('triggers.template')} rules={[{ required: true }]} style={{ width: 280 }}><TemplateSelect /></Form.Item>
            <Form.Item name={['do', 'audience']} label={t('triggers.audience')} initialValue="private" rules={[{ required: true }]}>
              <Select style={{ width: 140 }} options={(['private', 'group'] as const).map((a) => ({ value: a, label: te('audience', a) }))} />
            </Form.Item>
            <Form.Item name={['do', 'class']} label={t('triggers.class')} initialValue="marketing" rules={[{ required: true }]}>
              <Select style={{ width: 140 }} options={(['marketing', 'service'] as const).map((c) => ({ value: c, label: te('automationClass', c) }))} />
            </Form.Item>
          </Space>
        )}
        {(d.kind === 'staff_task' || d.kind === 'alert') && (
          <>
            {d.kind === 'staff_task' && (
              <Space size={16} wrap>
                <Form.Item name={['do', 'taskKind']} label={t('triggers.taskKind')} initialValue="custom">
                  <Select style={{ width: 140 }} options={(['private_chat', 'care', 'custom'] as const).map((k) => ({ value: k, label: te('taskKind', k) }))} />
                </Form.Item>
                <Form.Item name={['do', 'dueInHours']} label={t('triggers.dueInHours')} initialValue={24}><InputNumber min={0} max={720} /></Form.Item>
                <Form.Item name={['do', 'assignTo']} label={t('triggers.assignTo')} initialValue="community_owner">
                  <Select style={{ width: 160 }} options={(['community_owner', 'user', 'pool'] as const).map((k) => ({ value: k, label: te('assignTo', k) }))} />
                </Form.Item>
              </Space>
            )}
            {(d.kind === 'alert' || (d.kind === 'staff_task' && d.assignTo === 'user')) && (
              <Form.Item name={['do', 'assigneeId']} label={t('triggers.assignee')} rules={d.kind === 'staff_task' ? [{ required: true }] : []}>
                <StaffSelect placeholder={d.kind === 'alert' ? t('triggers.alertDefault') : t('triggers.assignee')} />
              </Form.Item>
            )}
            <Form.Item name={['do', 'title']} label={t('triggers.taskTitle')} extra={t('triggers.variablesHelp')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="trigger-task-title" />
            </Form.Item>
            <Form.Item name={['do', 'body']} label={t('triggers.taskBody')}><Input.TextArea rows={3} maxLength={4000} data-testid="trigger-task-body" /></Form.Item>
          </>
        )}
        {d.kind === 'invite' && (
          <Form.Item name={['do', 'communityId']} label={t('triggers.inviteInto')} rules={[{ required: true }]}>
            <CommunityPicker placeholder={t('triggers.inviteInto')} onChange={(id) => form.setFieldValue(['do', 'communityId'], id)} />
          </Form.Item>
        )}
        {d.kind === 'tag' && (
          <Form.Item name={['do', 'tag']} label={t('triggers.tag')} rules={[{ required: true, whitespace: true, max: 40 }]}><Input style={{ width: 240 }} /></Form.Item>
        )}
        {!memberless && (
          <Space size={24} align="start" wrap>
            <Form.Item label={t('triggers.cap')} extra={t('triggers.capHelp')}>
              <Space>
                <Form.Item name="capOn" valuePropName="checked" noStyle><Switch /></Form.Item>
                {v.capOn && <Form.Item name="capPerMember" noStyle><InputNumber min={1} max={100} data-testid="trigger-cap" /></Form.Item>}
              </Space>
            </Form.Item>
            <Form.Item label={t('triggers.repeat')} extra={t('triggers.repeatHelp')}>
              <Space>
                <Form.Item name="repeatOn" valuePropName="checked" noStyle><Switch /></Form.Item>
                {v.repeatOn && <Form.Item name="repeatAfter" noStyle><DurationInput /></Form.Item>}
              </Space>
            </Form.Item>
          </Space>
        )}
      </Form>
    </Modal>
  );
}
