import { useState } from 'react';
import { App, Button, Drawer, Form, Input, InputNumber, Space, Statistic, Table, Tag } from 'antd';
import { useI18n, type Translate } from '../../i18n/index.js';
import { usePaging, useRequest } from '../../hooks.js';
import { formatTime } from '../../format.js';
import { newIdempotencyKey } from '../idempotencyKey.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { RequestError } from '../RequestError.js';
import { pointsApi, type PointsEntry } from './pointsApi.js';
import { MemberLinkButton } from './MemberLinkButton.js';

const KIND_COLOR = { earn: 'green', spend: 'blue', expire: 'default' } as const;

/** One member's balance and history, and (for operators) a correction with the reason the member will see. */
export function MemberPointsDrawer({ memberId, editable, onClose, onChanged }: { memberId: string | null; editable: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = usePaging();
  const { data, error, reload } = useRequest(() => (memberId ? pointsApi.history(memberId, paging) : Promise.resolve(undefined)), [memberId, paging]);
  const [form] = Form.useForm<{ amount: number; note: string }>();
  // One key per filled-in correction: a double click or a retry after a timeout posts it once.
  const [key, setKey] = useState(newIdempotencyKey);
  const { saving, submit } = useFormSubmit(form, ['amount', 'note'], async (v) => {
    await pointsApi.adjust(memberId!, { amount: v.amount, note: v.note, idempotencyKey: key });
    message.success(t('common.saved'));
    form.resetFields();
    setKey(newIdempotencyKey());
    reload();
    onChanged();
  });

  return (
    <Drawer open={!!memberId} onClose={onClose} size="large" title={data?.name ?? ''} destroyOnHidden>
      {error && <RequestError error={error} onRetry={reload} />}
      <Statistic title={t('points.balance')} value={data?.balance ?? 0} />
      {editable && memberId && <MemberLinkButton memberId={memberId} />}
      {editable && (
        <Form form={form} layout="inline" style={{ margin: '16px 0' }}>
          <Form.Item name="amount" label={t('points.adjust')} rules={[{ required: true, message: t('points.amountRequired') },
            { type: 'integer', min: -1000000, max: 1000000, message: t('points.amountRequired') },
            { validator: (_r, v) => (v === 0 ? Promise.reject(new Error(t('points.amountRequired'))) : Promise.resolve()) }]}>
            <InputNumber placeholder="+100 / -50" data-testid="adjust-amount" />
          </Form.Item>
          <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('points.noteRequired') }]}>
            <Input maxLength={200} placeholder={t('points.note')} data-testid="adjust-note" />
          </Form.Item>
          <Button type="primary" loading={saving} onClick={submit} data-testid="adjust-save">{t('points.post')}</Button>
        </Form>
      )}
      <Table<PointsEntry>
        rowKey="id" size="small" dataSource={data?.items} locale={{ emptyText: t('points.noHistory') }}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        columns={[
          { title: t('points.when'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('points.reason'), render: (_, e) => <Space><Tag color={KIND_COLOR[e.kind]}>{t(`points.kind.${e.kind}` as never)}</Tag>{reasonText(e.reason, t)}{e.note ? ` · ${e.note}` : ''}</Space> },
          { title: t('points.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => (v > 0 ? `+${v}` : String(v)) },
          { title: t('points.balanceAfter'), dataIndex: 'balanceAfter', align: 'right' },
          { title: t('points.expires'), render: (_, e) => (e.kind !== 'earn' ? '' : e.expiresAt ? `${formatTime(e.expiresAt)} (${t('points.left', { n: e.remaining ?? 0 })})` : t('points.never')) },
        ]}
      />
    </Drawer>
  );
}

/** Reasons the platform posts have names; any other (a module's own) is shown as written. */
export function reasonText(reason: string, t: Translate): string {
  const known = ['check_in', 'message', 'invite', 'order', 'adjustment', 'expired', 'refund', 'milestone', 'leaderboard', 'draw', 'redeem'];
  return known.includes(reason) ? t(`points.reason.${reason}` as never) : reason;
}
