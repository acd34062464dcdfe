import { useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../auth.js';
import { usePaging, useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { MemberPicker } from '../components/MemberPicker.js';
import { DeleteAction, EnabledSwitch, useRowAction } from '../components/RowActions.js';
import { useFormSubmit } from '../components/useFormSubmit.js';
import { commerceApi, money, newKey, toCents } from '../components/commerce/commerceApi.js';
import { dealBody, groupBuyApi, GROUP_STATUSES, type Deal, type Group, type GroupMember, type GroupStatus } from '../components/group-buy/groupBuyApi.js';

const STATUS_COLOR: Record<GroupStatus, string> = { open: 'processing', succeeded: 'success', failed: 'error' };

/** 拼团: deals (a SKU at a group price for groups of N within T hours) and the groups members opened, with who is in each. */
export default function GroupBuyPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const editable = can('operator');
  const [q, setQ] = useUrlState({ page: 1, pageSize: 20 });
  const deals = useRequest(() => groupBuyApi.deals({ page: q.page, pageSize: q.pageSize }), [q.page, q.pageSize]);
  const [groupPaging, setGroupPaging] = usePaging();
  const [status, setStatus] = useState<GroupStatus | ''>('');
  const groups = useRequest(() => groupBuyApi.groups({ ...groupPaging, ...(status ? { status } : {}) }), [groupPaging.page, groupPaging.pageSize, status]);
  const [editing, setEditing] = useState<Deal | null | 'new'>(null);
  const [seating, setSeating] = useState<{ kind: 'open'; deal: Deal } | { kind: 'join'; group: Group } | null>(null);
  const reload = () => { deals.reload(); groups.reload(); };
  const { busy, act } = useRowAction(reload);

  return (
    <>
      <PageHeader title={t('nav.groupBuy')} testId="group-buy-title"
        extra={editable && <Button type="primary" onClick={() => setEditing('new')} data-testid="deal-add">{t('groupBuy.add')}</Button>} />
      <Typography.Paragraph type="secondary">{t('groupBuy.intro')}</Typography.Paragraph>
      <Card title={t('groupBuy.deals')} style={{ marginBottom: 16 }}>
        {deals.error && <RequestError error={deals.error} onRetry={deals.reload} />}
        <PagedTable<Deal> rowKey="id" data={deals.data} paging={q} onPaging={(p) => setQ(p)} loading={deals.loading}
          locale={{ emptyText: t('groupBuy.empty') }} data-testid="deals-table"
          columns={[
            { title: t('groupBuy.name'), dataIndex: 'name' },
            { title: t('groupBuy.sku'), key: 'sku', render: (_: unknown, d) => `${d.productName} · ${d.skuName}` },
            { title: t('groupBuy.terms'), key: 'terms', render: (_: unknown, d) => t('groupBuy.termsText', { n: d.groupSize, hours: d.windowHours }) },
            { title: t('groupBuy.price'), key: 'price', render: (_: unknown, d) => (
              <Space size={4}><span>{money(d.groupPriceCents)}</span><Typography.Text delete type="secondary">{money(d.skuPriceCents)}</Typography.Text></Space>
            ) },
            { title: t('groupBuy.validity'), key: 'validity', render: (_: unknown, d) => (d.validFrom || d.validUntil
              ? `${d.validFrom ? formatTime(d.validFrom) : '…'} ~ ${d.validUntil ? formatTime(d.validUntil) : '…'}` : t('groupBuy.always')) },
            { title: t('groupBuy.groupCounts'), key: 'counts', render: (_: unknown, d) => (
              <span data-testid={`deal-counts-${d.name}`}>{t('groupBuy.countsText', { open: d.groupsOpen, succeeded: d.groupsSucceeded, failed: d.groupsFailed })}</span>
            ) },
            { title: t('groupBuy.enabled'), dataIndex: 'enabled', render: (on: boolean, d) => (
              <EnabledSwitch checked={on} editable={editable} busy={busy === d.id} testId={`deal-enabled-${d.name}`}
                onChange={(v) => act(d.id, () => groupBuyApi.updateDeal(d.id, { ...dealBody(d), enabled: v }), v ? t('groupBuy.turnedOn') : t('groupBuy.turnedOff'))} />
            ) },
            ...(editable ? [{
              title: '', key: 'actions', render: (_: unknown, d: Deal) => {
                const used = d.groupsOpen + d.groupsSucceeded + d.groupsFailed > 0;
                return (
                  <Space>
                    <a onClick={() => setEditing(d)}>{t('common.edit')}</a>
                    {d.enabled && <a onClick={() => setSeating({ kind: 'open', deal: d })} data-testid={`deal-open-${d.name}`}>{t('groupBuy.openForMember')}</a>}
                    <DeleteAction label={t('groupBuy.delete')} confirm={used ? t('groupBuy.deleteHasGroups') : t('groupBuy.deleteConfirm')} disabled={used}
                      onConfirm={() => act(d.id, () => groupBuyApi.removeDeal(d.id), t('groupBuy.deleted'))} />
                  </Space>
                );
              },
            }] : []),
          ]} />
      </Card>
      <Card title={t('groupBuy.groups')}
        extra={<Select value={status} style={{ width: 160 }} onChange={(v) => { setStatus(v); setGroupPaging({ ...groupPaging, page: 1 }); }} data-testid="groups-status"
          options={[{ value: '', label: t('groupBuy.allStatuses') }, ...GROUP_STATUSES.map((s) => ({ value: s, label: t(`groupBuy.status.${s}`) }))]} />}>
        {groups.error && <RequestError error={groups.error} onRetry={groups.reload} />}
        <PagedTable<Group> rowKey="id" data={groups.data} paging={groupPaging} onPaging={setGroupPaging} loading={groups.loading}
          locale={{ emptyText: t('groupBuy.noGroups') }} data-testid="groups-table"
          expandable={{ expandedRowRender: (g) => <GroupMembers group={g} /> }}
          columns={[
            { title: t('groupBuy.deal'), dataIndex: 'dealName' },
            { title: t('groupBuy.statusCol'), dataIndex: 'status', render: (s: GroupStatus) => <Tag color={STATUS_COLOR[s]}>{t(`groupBuy.status.${s}`)}</Tag> },
            { title: t('groupBuy.seats'), key: 'seats', render: (_: unknown, g) => t('groupBuy.seatsText', { taken: g.seatsTaken, size: g.size, paid: g.paidCount }) },
            { title: t('groupBuy.price'), dataIndex: 'groupPriceCents', render: (c: number) => money(c) },
            { title: t('groupBuy.opened'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            { title: t('groupBuy.ends'), dataIndex: 'expiresAt', render: (v: string) => formatTime(v) },
            ...(editable ? [{
              title: '', key: 'actions', render: (_: unknown, g: Group) => (g.status === 'open' && g.seatsTaken < g.size
                ? <a onClick={() => setSeating({ kind: 'join', group: g })} data-testid={`group-join-${g.id}`}>{t('groupBuy.joinForMember')}</a> : null),
            }] : []),
          ]} />
      </Card>
      <DealFormModal open={editing !== null} deal={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); deals.reload(); }} />
      <SeatModal seating={seating} onClose={() => setSeating(null)} onSaved={() => { setSeating(null); reload(); }} />
    </>
  );
}

function GroupMembers({ group }: { group: Group }) {
  const { t } = useI18n();
  return (
    <Table<GroupMember> rowKey="memberId" size="small" pagination={false} dataSource={group.members} data-testid={`group-members-${group.id}`}
      columns={[
        { title: t('groupBuy.member'), key: 'member', render: (_: unknown, m) => m.memberName ?? m.memberId },
        { title: t('groupBuy.role'), dataIndex: 'role', render: (r: 'opener' | 'joiner') => (r === 'opener' ? <Tag color="gold">{t('groupBuy.role.opener')}</Tag> : t('groupBuy.role.joiner')) },
        { title: t('groupBuy.joined'), dataIndex: 'joinedAt', render: (v: string) => formatTime(v) },
        { title: t('groupBuy.order'), dataIndex: 'orderStatus', render: (s: string) => t(`commerce.order.${s as 'paid'}`) },
        { title: t('groupBuy.paid'), dataIndex: 'paidAt', render: (v: string | null, m) => (v ? formatTime(v) : m.releasedAt ? t('groupBuy.released') : '—') },
        { title: t('groupBuy.settlement'), dataIndex: 'settlement', render: (s: GroupMember['settlement']) => (s ? t(`groupBuy.settlement.${s}`) : '—') },
      ]} />
  );
}

interface DealValues { name: string; skuId: string; groupSize: number; windowHours: number; /** In yuan, under the API's name so its field errors land here. */
  groupPriceCents: number; enabled: boolean; validFrom?: Dayjs | null; validUntil?: Dayjs | null }
const DEAL_FIELDS = ['name', 'skuId', 'groupSize', 'windowHours', 'groupPriceCents', 'validFrom', 'validUntil'];

/** Adds a deal, or edits one (`deal` given); money typed in yuan, sent in cents. */
function DealFormModal({ open, deal, onClose, onSaved }: { open: boolean; deal: Deal | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<DealValues>();
  const products = useRequest(() => (open ? commerceApi.products({ page: 1, pageSize: 200 }) : Promise.resolve(null)), [open]);
  const skus = (products.data?.items ?? []).flatMap((p) => p.skus.map((s) => ({ value: s.id, label: `${p.name} · ${s.name}（${money(s.priceCents)}）`, price: s.priceCents })));
  const { saving, submit } = useFormSubmit(form, DEAL_FIELDS, async (v) => {
    const body = {
      name: v.name, skuId: v.skuId, groupSize: v.groupSize, windowHours: v.windowHours, groupPriceCents: toCents(v.groupPriceCents), enabled: v.enabled,
      validFrom: v.validFrom ? v.validFrom.toISOString() : null, validUntil: v.validUntil ? v.validUntil.toISOString() : null,
    };
    if (deal) await groupBuyApi.updateDeal(deal.id, body);
    else await groupBuyApi.createDeal(body);
    onSaved();
  });
  const initial: DealValues = deal
    ? { name: deal.name, skuId: deal.skuId, groupSize: deal.groupSize, windowHours: deal.windowHours, groupPriceCents: deal.groupPriceCents / 100, enabled: deal.enabled,
      validFrom: deal.validFrom ? dayjs(deal.validFrom) : null, validUntil: deal.validUntil ? dayjs(deal.validUntil) : null }
    : { name: '', skuId: '', groupSize: 3, windowHours: 24, groupPriceCents: 0, enabled: true, validFrom: null, validUntil: null };
  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('groupBuy.wholeBetween', { min, max }) });

  return (
    <Modal open={open} width={600} title={deal ? t('groupBuy.edit') : t('groupBuy.add')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden
      okButtonProps={{ 'data-testid': 'deal-save' } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        <Form.Item name="name" label={t('groupBuy.name')} rules={[{ required: true, whitespace: true, message: t('groupBuy.nameRequired') }]}>
          <Input maxLength={100} data-testid="deal-name" />
        </Form.Item>
        <Form.Item name="skuId" label={t('groupBuy.sku')} rules={[{ required: true, message: t('groupBuy.skuRequired') }]}>
          <Select showSearch optionFilterProp="label" options={skus} loading={products.loading} data-testid="deal-sku" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="groupSize" label={t('groupBuy.groupSize')} extra={t('groupBuy.groupSizeHelp')} rules={[{ required: true, message: t('groupBuy.wholeBetween', { min: 2, max: 100 }) }, whole(2, 100)]}>
              <InputNumber addonAfter={t('groupBuy.people')} style={{ width: '100%' }} data-testid="deal-size" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="windowHours" label={t('groupBuy.windowHours')} extra={t('groupBuy.windowHelp')} rules={[{ required: true, message: t('groupBuy.wholeBetween', { min: 1, max: 720 }) }, whole(1, 720)]}>
              <InputNumber addonAfter={t('groupBuy.hours')} style={{ width: '100%' }} data-testid="deal-hours" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="groupPriceCents" label={t('groupBuy.groupPrice')} dependencies={['skuId']}
              rules={[{ required: true, message: t('groupBuy.priceRequired') }, { type: 'number', min: 0, max: 1_000_000, message: t('groupBuy.priceRange') },
                ({ getFieldValue }) => ({
                  validator: (_, value: number | null | undefined) => {
                    const sku = skus.find((s) => s.value === getFieldValue('skuId'));
                    return sku && value != null && toCents(value) > sku.price ? Promise.reject(new Error(t('groupBuy.priceAboveSku', { price: money(sku.price) }))) : Promise.resolve();
                  },
                })]}>
              <InputNumber addonAfter={t('groupBuy.yuan')} precision={2} style={{ width: '100%' }} data-testid="deal-price" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="validFrom" label={t('groupBuy.validFrom')}><DatePicker showTime style={{ width: '100%' }} placeholder={t('groupBuy.noStart')} /></Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="validUntil" label={t('groupBuy.validUntil')} dependencies={['validFrom']}
              rules={[({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null | undefined) => {
                  const from = getFieldValue('validFrom') as Dayjs | null | undefined;
                  return value && from && !value.isAfter(from) ? Promise.reject(new Error(t('groupBuy.untilAfterFrom'))) : Promise.resolve();
                },
              })]}>
              <DatePicker showTime style={{ width: '100%' }} placeholder={t('groupBuy.noEnd')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="enabled" label={t('groupBuy.enabled')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Opens a group for a member, or joins a member to a group, on their behalf: their order is placed at the group price, unpaid. */
function SeatModal({ seating, onClose, onSaved }: { seating: { kind: 'open'; deal: Deal } | { kind: 'join'; group: Group } | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ memberId: string }>();
  const { saving, submit } = useFormSubmit(form, ['memberId'], async (v) => {
    if (!seating) return;
    const body = { memberId: v.memberId, idempotencyKey: newKey('group-buy') };
    if (seating.kind === 'open') await groupBuyApi.openGroup(seating.deal.id, body);
    else await groupBuyApi.joinGroup(seating.group.id, body);
    onSaved();
  });
  return (
    <Modal open={seating !== null} title={seating?.kind === 'open' ? t('groupBuy.openForMember') : t('groupBuy.joinForMember')}
      onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'seat-save' } as never}>
      <Typography.Paragraph type="secondary">
        {seating?.kind === 'open' ? t('groupBuy.openHelp', { name: seating.deal.name }) : seating ? t('groupBuy.joinHelp', { name: seating.group.dealName }) : null}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="memberId" label={t('groupBuy.member')} rules={[{ required: true, message: t('groupBuy.memberRequired') }]}>
          <MemberPicker data-testid="seat-member" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
