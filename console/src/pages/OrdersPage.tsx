import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { useRowAction } from '../components/RowActions.js';
import { useFormSubmit } from '../components/useFormSubmit.js';
import { commerceApi, money, toCents, ORDER_STATUSES, type OrderDetail, type OrderStatus, type OrderSummary } from '../components/commerce/commerceApi.js';

const STATUS_COLOR: Record<OrderStatus, string> = {
  created: 'gold', paid: 'blue', fulfilled: 'cyan', completed: 'green', cancelled: 'default', refund_requested: 'orange', refunded: 'red',
};

/** 订单: orders by status, and one order's lines, payments, refunds and history, with its next steps. */
export default function OrdersPage() {
  const { t } = useI18n();
  const [q, setQ] = useUrlState({ page: 1, pageSize: 20, status: '' });
  const orders = useRequest(() => commerceApi.orders({ page: q.page, pageSize: q.pageSize, status: (q.status || undefined) as OrderStatus | undefined }), [q.page, q.pageSize, q.status]);
  const [viewing, setViewing] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('nav.orders')} testId="orders-title" />
      <Typography.Paragraph type="secondary">{t('commerce.ordersIntro')}</Typography.Paragraph>
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Select style={{ width: 180 }} value={q.status} onChange={(status) => setQ({ status, page: 1 })} data-testid="orders-status"
            options={[{ value: '', label: t('commerce.allStatuses') }, ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`commerce.order.${s}`) }))]} />
          <Button onClick={orders.reload}>{t('commerce.refresh')}</Button>
        </Space>
        {orders.error && <RequestError error={orders.error} onRetry={orders.reload} />}
        <PagedTable<OrderSummary> rowKey="id" data={orders.data} paging={q} onPaging={(p) => setQ(p)} loading={orders.loading}
          locale={{ emptyText: t('commerce.noOrders') }} data-testid="orders-table"
          columns={[
            { title: t('commerce.orderNo'), dataIndex: 'id', render: (id: string) => <a onClick={() => setViewing(id)} data-testid={`order-row-${id}`}>{id.slice(0, 8)}</a> },
            { title: t('commerce.member'), dataIndex: 'memberName' },
            { title: t('commerce.statusCol'), dataIndex: 'status', render: (s: OrderStatus) => <OrderTag status={s} /> },
            { title: t('commerce.total'), dataIndex: 'totalCents', render: (c: number) => money(c) },
            { title: t('commerce.refunded'), dataIndex: 'refundedCents', render: (c: number) => (c ? money(c) : '-') },
            { title: t('commerce.campaign'), dataIndex: 'campaign', render: (c: string | null) => c ?? '-' },
            { title: t('commerce.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          ]} />
      </Card>
      <OrderDrawer id={viewing} onClose={() => setViewing(null)} onChanged={orders.reload} />
    </>
  );
}

function OrderTag({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`commerce.order.${status}`)}</Tag>;
}

function OrderDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const editable = can('operator');
  const order = useRequest(() => (id ? commerceApi.order(id) : Promise.resolve(null)), [id]);
  const reload = () => { order.reload(); onChanged(); };
  const { busy, act } = useRowAction(reload);
  const [refunding, setRefunding] = useState(false);
  const o = order.data;
  const pending = o?.payments.find((p) => p.status === 'pending' && p.provider === 'sandbox');
  const left = o ? o.paidCents - o.refundedCents : 0;
  return (
    <Drawer open={id !== null} onClose={onClose} width={720} title={o ? `${t('commerce.orderNo')} ${o.id.slice(0, 8)}` : ''} data-testid="order-drawer">
      {order.error && <RequestError error={order.error} onRetry={order.reload} />}
      {o && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('commerce.statusCol')}><OrderTag status={o.status} /></Descriptions.Item>
            <Descriptions.Item label={t('commerce.member')}>{o.memberName}</Descriptions.Item>
            <Descriptions.Item label={t('commerce.subtotal')}>{money(o.subtotalCents)}</Descriptions.Item>
            <Descriptions.Item label={t('commerce.discount')}>{money(o.discountCents)}</Descriptions.Item>
            <Descriptions.Item label={t('commerce.total')}>{money(o.totalCents)}</Descriptions.Item>
            <Descriptions.Item label={t('commerce.paid')}>{money(o.paidCents)}</Descriptions.Item>
            <Descriptions.Item label={t('commerce.refunded')}>{money(o.refundedCents)}</Descriptions.Item>
            <Descriptions.Item label={t('commerce.expiresAt')}>{o.status === 'created' ? formatTime(o.expiresAt) : '-'}</Descriptions.Item>
            <Descriptions.Item label={t('commerce.attribution')} span={2}>
              {[o.campaign, o.variant && `${t('commerce.variant')} ${o.variant}`, o.communityId && t('commerce.fromCommunity')].filter(Boolean).join(' · ') || '-'}
            </Descriptions.Item>
          </Descriptions>
          {editable && (
            <Space wrap>
              {o.status === 'created' && !pending && <Button loading={busy === 'pay'} onClick={() => act('pay', () => commerceApi.startPayment(o.id), t('commerce.paymentStarted'))}>{t('commerce.startPayment')}</Button>}
              {pending && <Button type="primary" loading={busy === 'ok'} data-testid="sandbox-pay"
                onClick={() => act('ok', () => commerceApi.sandboxComplete(pending.id, 'succeeded'), t('commerce.sandboxSent'))}>{t('commerce.sandboxPay')}</Button>}
              {pending && <Button danger loading={busy === 'fail'} onClick={() => act('fail', () => commerceApi.sandboxComplete(pending.id, 'failed'), t('commerce.sandboxSent'))}>{t('commerce.sandboxFail')}</Button>}
              {o.status === 'created' && <Button loading={busy === 'cancel'} onClick={() => act('cancel', () => commerceApi.transition(o.id, 'cancel'), t('commerce.done'))}>{t('commerce.cancelOrder')}</Button>}
              {o.status === 'paid' && <Button loading={busy === 'fulfil'} onClick={() => act('fulfil', () => commerceApi.transition(o.id, 'fulfil'), t('commerce.done'))}>{t('commerce.fulfil')}</Button>}
              {o.status === 'fulfilled' && <Button loading={busy === 'complete'} onClick={() => act('complete', () => commerceApi.transition(o.id, 'complete'), t('commerce.done'))}>{t('commerce.complete')}</Button>}
              {(o.status === 'paid' || o.status === 'fulfilled') && left > 0 && <Button danger onClick={() => setRefunding(true)} data-testid="order-refund">{t('commerce.refund')}</Button>}
              <Button onClick={order.reload}>{t('commerce.refresh')}</Button>
            </Space>
          )}
          <Card size="small" title={t('commerce.lines')}>
            <Table rowKey="lineNo" size="small" pagination={false} dataSource={o.lines} columns={[
              { title: t('commerce.product'), dataIndex: 'productName' },
              { title: t('commerce.sku'), dataIndex: 'skuName' },
              { title: t('commerce.unitPrice'), dataIndex: 'unitPriceCents', render: (c: number) => money(c) },
              { title: t('commerce.quantity'), dataIndex: 'quantity' },
              { title: t('commerce.lineTotal'), dataIndex: 'lineCents', render: (c: number) => money(c) },
            ]} />
          </Card>
          <Card size="small" title={t('commerce.payments')}>
            <Table rowKey="id" size="small" pagination={false} dataSource={o.payments} locale={{ emptyText: t('commerce.noPayments') }} columns={[
              { title: t('commerce.provider'), dataIndex: 'provider' },
              { title: t('commerce.amount'), dataIndex: 'amountCents', render: (c: number) => money(c) },
              { title: t('commerce.statusCol'), dataIndex: 'status', render: (s: string) => t(`commerce.payment.${s as 'pending'}`) },
              { title: t('commerce.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            ]} />
          </Card>
          <Card size="small" title={t('commerce.refunds')}>
            <Table rowKey="id" size="small" pagination={false} dataSource={o.refunds} locale={{ emptyText: t('commerce.noRefunds') }} columns={[
              { title: t('commerce.amount'), dataIndex: 'amountCents', render: (c: number) => money(c) },
              { title: t('commerce.reason'), dataIndex: 'reason' },
              { title: t('commerce.statusCol'), dataIndex: 'status', render: (s: string) => t(`commerce.payment.${s as 'pending'}`) },
              { title: t('commerce.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            ]} />
          </Card>
          <Card size="small" title={t('commerce.history')}>
            <Timeline items={o.history.map((h) => ({
              children: <span>{formatTime(h.at)} · {t(`commerce.order.${h.toStatus as OrderStatus}`)}{h.amountCents !== null ? ` · ${money(h.amountCents)}` : ''}{h.note ? ` · ${h.note}` : ''}</span>,
            }))} />
          </Card>
        </Space>
      )}
      {o && refunding && <RefundModal order={o} left={left} onClose={() => setRefunding(false)} onDone={() => { setRefunding(false); reload(); }} />}
    </Drawer>
  );
}

function RefundModal({ order, left, onClose, onDone }: { order: OrderDetail; left: number; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount: number; reason: string }>();
  const { saving, submit } = useFormSubmit(form, ['reason'], async (v) => {
    await commerceApi.refund(order.id, toCents(v.amount), v.reason ?? '');
    message.success(t('commerce.refundRequested'));
    onDone();
  });
  return (
    <Modal open title={t('commerce.refund')} onCancel={onClose} onOk={submit} confirmLoading={saving} okText={t('commerce.refund')} cancelText={t('common.cancel')}>
      <Typography.Paragraph type="secondary">{t('commerce.refundLeft', { left: money(left) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ amount: left / 100 }}>
        <Form.Item name="amount" label={t('commerce.refundAmount')} rules={[{ required: true, message: t('commerce.required') }]}>
          <InputNumber min={0.01} max={left / 100} precision={2} style={{ width: '100%' }} data-testid="refund-amount" />
        </Form.Item>
        <Form.Item name="reason" label={t('commerce.reason')}><Input maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
