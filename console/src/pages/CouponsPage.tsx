import { useState } from 'react';
import { Button, Card, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { DeleteAction, EnabledSwitch, useRowAction } from '../components/RowActions.js';
import { CouponFormModal, couponBody } from '../components/coupons/CouponFormModal.js';
import { CouponClaimsDrawer } from '../components/coupons/CouponClaimsDrawer.js';
import { couponsApi, termsText, type Coupon } from '../components/coupons/couponsApi.js';
import dayjs from 'dayjs';

/** 优惠券: coupon templates with claimed / used / left, their claims, and granting one to a member. */
export default function CouponsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const editable = can('operator');
  const [q, setQ] = useUrlState({ page: 1, pageSize: 20 });
  const coupons = useRequest(() => couponsApi.list({ page: q.page, pageSize: q.pageSize }), [q.page, q.pageSize]);
  const [editing, setEditing] = useState<Coupon | null | 'new'>(null);
  const [viewing, setViewing] = useState<Coupon | null>(null);
  const { busy, act } = useRowAction(coupons.reload);

  const toggle = (c: Coupon, enabled: boolean) => act(c.id, () => couponsApi.update(c.id, couponBody({
    ...c, description: c.description, validity: c.validDays !== null ? 'days' : 'window',
    validFrom: c.validFrom ? dayjs(c.validFrom) : null, validUntil: c.validUntil ? dayjs(c.validUntil) : null,
    amountOffCents: c.amountOffCents === null ? null : c.amountOffCents / 100, maxDiscountCents: c.maxDiscountCents === null ? null : c.maxDiscountCents / 100,
    minSpendCents: c.minSpendCents / 100, enabled,
  })), enabled ? t('coupons.turnedOn') : t('coupons.turnedOff'));

  return (
    <>
      <PageHeader title={t('nav.coupons')} testId="coupons-title"
        extra={editable && <Button type="primary" onClick={() => setEditing('new')} data-testid="coupon-add">{t('coupons.add')}</Button>} />
      <Typography.Paragraph type="secondary">{t('coupons.intro')}</Typography.Paragraph>
      <Card>
        {coupons.error && <RequestError error={coupons.error} onRetry={coupons.reload} />}
        <PagedTable<Coupon> rowKey="id" data={coupons.data} paging={q} onPaging={(p) => setQ(p)} loading={coupons.loading}
          locale={{ emptyText: t('coupons.empty') }} data-testid="coupons-table"
          columns={[
            { title: t('coupons.name'), dataIndex: 'name', render: (v: string, c) => <a onClick={() => setViewing(c)} data-testid={`coupon-row-${v}`}>{v}</a> },
            { title: t('coupons.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`coupons.kind.${k}` as never)}</Tag> },
            { title: t('coupons.terms'), key: 'terms', render: (_: unknown, c) => termsText(c, t) },
            { title: t('coupons.validity'), key: 'validity', render: (_: unknown, c) => (c.validDays !== null ? t('coupons.daysFromClaim', { n: c.validDays })
              : `${formatTime(c.validFrom)} ~ ${formatTime(c.validUntil)}`) },
            { title: t('coupons.numbers'), key: 'numbers', render: (_: unknown, c) => (
              <Tooltip title={t('coupons.numbersHelp', { claimed: c.claimed, used: c.used, left: c.left === null ? t('coupons.unlimited') : c.left })}>
                <Space direction="vertical" size={0} style={{ minWidth: 140 }}>
                  <span data-testid={`coupon-numbers-${c.name}`}>{t('coupons.numbersShort', { claimed: c.claimed, used: c.used, left: c.left === null ? '∞' : c.left })}</span>
                  {c.totalLimit !== null && c.totalLimit > 0 && <Progress size="small" showInfo={false} percent={(c.claimed / c.totalLimit) * 100} success={{ percent: (c.used / c.totalLimit) * 100 }} />}
                </Space>
              </Tooltip>
            ) },
            { title: t('coupons.enabled'), dataIndex: 'enabled', render: (on: boolean, c) => (
              <EnabledSwitch checked={on} editable={editable} busy={busy === c.id} testId={`coupon-enabled-${c.name}`} onChange={(v) => toggle(c, v)} />
            ) },
            ...(editable ? [{
              title: '', key: 'actions', render: (_: unknown, c: Coupon) => (
                <Space>
                  <a onClick={() => setEditing(c)}>{t('common.edit')}</a>
                  <DeleteAction label={t('coupons.delete')} confirm={c.claimed > 0 ? t('coupons.deleteHasClaims') : t('coupons.deleteConfirm')} disabled={c.claimed > 0}
                    onConfirm={() => act(c.id, () => couponsApi.remove(c.id), t('coupons.deleted'))} />
                </Space>
              ),
            }] : []),
          ]} />
      </Card>
      <CouponFormModal open={editing !== null} coupon={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); coupons.reload(); }} />
      <CouponClaimsDrawer coupon={viewing} editable={editable} onClose={() => setViewing(null)} onChanged={coupons.reload} />
    </>
  );
}
