import { useState } from 'react';
import { App, Button, Drawer, Flex, Form, Segmented, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { usePaging, useRequest } from '../../hooks.js';
import { formatTime } from '../../format.js';
import { MemberPicker } from '../MemberPicker.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { newIdempotencyKey } from '../idempotencyKey.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { CLAIM_STATES, couponsApi, termsText, type ClaimState, type Coupon, type CouponClaim } from './couponsApi.js';

const STATE_COLOR: Record<ClaimState, string> = { active: 'green', used: 'blue', expired: 'default' };

/** One coupon's claims (who holds it, used on which order), and granting it to a member. */
export function CouponClaimsDrawer({ coupon, editable, onClose, onChanged }: { coupon: Coupon | null; editable: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = usePaging();
  const [state, setState] = useState<ClaimState | 'all'>('all');
  const claims = useRequest(
    () => (coupon ? couponsApi.claims(coupon.id, { ...paging, state: state === 'all' ? undefined : state }) : Promise.resolve(undefined)),
    [coupon?.id, paging, state],
  );
  const [form] = Form.useForm<{ memberId: string }>();
  // One key per member picked: a double click or a retry of the same grant claims once.
  const [key, setKey] = useState(newIdempotencyKey);
  const { saving, submit } = useFormSubmit(form, ['memberId'], async (v) => {
    const claim = await couponsApi.grant(coupon!.id, { memberId: v.memberId, idempotencyKey: key });
    message.success(claim.created === false ? t('coupons.grantedAlready') : t('coupons.granted', { code: claim.code }));
    form.resetFields();
    setKey(newIdempotencyKey());
    claims.reload();
    onChanged();
  });

  return (
    <Drawer open={coupon !== null} width={760} title={coupon ? `${coupon.name} · ${termsText(coupon, t)}` : ''} onClose={onClose} destroyOnHidden>
      {coupon && (
        <Typography.Paragraph type="secondary">
          {t('coupons.variableHelp')} <Typography.Text code copyable data-testid="coupon-variable">{`{{coupon.${coupon.id}}}`}</Typography.Text>
        </Typography.Paragraph>
      )}
      {editable && coupon && (
        <Form form={form} layout="inline" style={{ marginBottom: 16 }} onValuesChange={() => setKey(newIdempotencyKey())}>
          <Form.Item name="memberId" label={t('coupons.grantTo')} rules={[{ required: true, message: t('coupons.memberRequired') }]} style={{ minWidth: 320 }}>
            <MemberPicker data-testid="coupon-grant-member" />
          </Form.Item>
          <Button type="primary" onClick={submit} loading={saving} disabled={!coupon.enabled} data-testid="coupon-grant">{t('coupons.grant')}</Button>
          {!coupon.enabled && <Typography.Text type="secondary">{t('coupons.offNoGrant')}</Typography.Text>}
        </Form>
      )}
      <Flex gap={12} align="center" style={{ marginBottom: 8 }}>
        <strong>{t('coupons.claims')}</strong>
        <Segmented value={state} onChange={(v) => { setState(v as ClaimState | 'all'); setPaging({ page: 1, pageSize: paging.pageSize }); }}
          options={[...CLAIM_STATES, 'all' as const].map((s) => ({ value: s, label: t(`coupons.state.${s}` as never) }))} />
      </Flex>
      {claims.error && <RequestError error={claims.error} onRetry={claims.reload} />}
      <PagedTable<CouponClaim> rowKey="id" size="small" data={claims.data} paging={paging} onPaging={setPaging} loading={claims.loading}
        locale={{ emptyText: t('coupons.noClaims') }} data-testid="coupon-claims-table"
        columns={[
          { title: t('coupons.claimedAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('points.member'), dataIndex: 'memberName' },
          { title: t('coupons.code'), dataIndex: 'code', render: (v: string) => <Typography.Text code copyable>{v}</Typography.Text> },
          { title: t('coupons.validUntil'), dataIndex: 'validUntil', render: (v: string) => formatTime(v) },
          { title: t('coupons.source'), dataIndex: 'source', render: (s: CouponClaim['source']) => t(`coupons.source.${s}` as never) },
          { title: t('coupons.stateCol'), dataIndex: 'state', render: (s: ClaimState, c) => (
            <Flex vertical>
              <Tag color={STATE_COLOR[s]}>{t(`coupons.state.${s}` as never)}</Tag>
              {c.orderId && <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>{t('coupons.order', { id: c.orderId.slice(0, 8) })}</Typography.Text>}
            </Flex>
          ) },
        ]} />
    </Drawer>
  );
}
