import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Select, Space, Tag, Typography, Button } from 'antd';
import type { ActionStatus } from '../../api.js';
import { useRequest, useUrlState } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { CommunitySelect } from '../CommunitySelect.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { VIOLATION_RULES, moderationApi, type Violation } from './moderationApi.js';

/** Reverses one decision with a reason; after a removal, optionally invites the member back. */
function ReverseModal({ violation, onClose }: { violation: Violation | undefined; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; reinvite: boolean }>();
  const { saving, submit } = useFormSubmit(form, ['reason', 'reinvite'], async (v) => {
    const res = await moderationApi.reverse(violation!.id, { reason: v.reason, reinvite: !!v.reinvite });
    message.success(res.note);
    form.resetFields();
    onClose(true);
  });
  return (
    <Modal open={!!violation} title={t('moderation.reverse.title')} onOk={submit} confirmLoading={saving} onCancel={() => onClose(false)} destroyOnHidden
      okText={t('moderation.reverse')} cancelText={t('common.cancel')}>
      {violation?.step === 'remove' && <Typography.Paragraph type="warning">{t('moderation.reverse.removal')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={{ reinvite: false }}>
        <Form.Item name="reason" label={t('moderation.reverse.reason')} rules={[{ required: true, whitespace: true, message: t('moderation.reverse.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="reverse-reason" />
        </Form.Item>
        {violation?.step === 'remove' && <Form.Item name="reinvite" valuePropName="checked"><Checkbox>{t('moderation.reverse.reinvite')}</Checkbox></Form.Item>}
      </Form>
    </Modal>
  );
}

/** The decision log: every message judged a violation, the rule, the evidence, the step and its action; staff reverse from here. */
export function ViolationsTab({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const [q, setQ] = useUrlState({ page: 1, pageSize: 20, communityId: '', rule: '', status: '' });
  const { data, error, loading, reload } = useRequest(() => moderationApi.violations({
    page: q.page, pageSize: q.pageSize, communityId: q.communityId || undefined, rule: q.rule || undefined, status: q.status || undefined,
  }), [q.page, q.pageSize, q.communityId, q.rule, q.status]);
  const [reversing, setReversing] = useState<Violation>();

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <CommunitySelect value={q.communityId || undefined} onChange={(id) => setQ({ communityId: id ?? '', page: 1 })} style={{ width: 240 }} />
        <Select allowClear style={{ width: 180 }} placeholder={t('moderation.allRules')} value={q.rule || undefined} onChange={(v?: string) => setQ({ rule: v ?? '', page: 1 })}
          options={VIOLATION_RULES.map((r) => ({ value: r, label: t(`moderation.rule.${r}`) }))} />
        <Select allowClear style={{ width: 140 }} placeholder={t('moderation.allStatuses')} value={q.status || undefined} onChange={(v?: string) => setQ({ status: v ?? '', page: 1 })}
          options={[{ value: 'active', label: t('moderation.status.active') }, { value: 'reversed', label: t('moderation.status.reversed') }]} />
      </Space>
      {error && !data ? <RequestError error={error} onRetry={reload} /> : (
        <PagedTable<Violation> rowKey="id" loading={loading} data={data} paging={{ page: q.page, pageSize: q.pageSize }} onPaging={(p) => setQ(p)}
          data-testid="violations-table" scroll={{ x: 1000 }} columns={[
            { title: t('moderation.col.time'), dataIndex: 'occurredAt', width: 170, render: (v: string) => formatTime(v) },
            { title: t('moderation.col.group'), dataIndex: 'communityName', render: (v: string | null) => v ?? '—' },
            { title: t('moderation.col.member'), dataIndex: 'memberName' },
            { title: t('moderation.col.rule'), render: (_, v) => <Space size={4} wrap><Tag color="red">{t(`moderation.rule.${v.rule}`)}</Tag><Tag>{v.category}</Tag></Space> },
            { title: t('moderation.col.evidence'), render: (_, v) => (
              <Typography.Text ellipsis={{ tooltip: v.messageText ?? v.evidence }} style={{ maxWidth: 240 }}><Typography.Text code>{v.evidence}</Typography.Text></Typography.Text>
            ) },
            { title: t('moderation.col.step'), render: (_, v) => <Space size={4}><Tag color="orange">{t(`moderation.step.${v.step}`)}</Tag><Typography.Text type="secondary">#{v.strike}</Typography.Text></Space> },
            { title: t('moderation.col.action'), render: (_, v) => v.actionError ? <Typography.Text type="danger">{v.actionError}</Typography.Text> : v.actionStatus ? t(`enum.actionStatus.${v.actionStatus as ActionStatus}`) : '—' },
            { title: t('moderation.col.status'), render: (_, v) => v.status === 'reversed'
              ? <Tag title={v.reversedReason ?? ''}>{t('moderation.status.reversed')}</Tag>
              : editable ? <Button size="small" onClick={() => setReversing(v)} data-testid="violation-reverse">{t('moderation.reverse')}</Button>
              : <Tag color="blue">{t('moderation.status.active')}</Tag> },
          ]} />
      )}
      <ReverseModal violation={reversing} onClose={(changed) => { setReversing(undefined); if (changed) reload(); }} />
    </>
  );
}
