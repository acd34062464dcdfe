import { useState } from 'react';
import { Button, Card, Select, Space, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { CommunitySelect } from '../components/CommunitySelect.js';
import { EnabledSwitch, useRowAction } from '../components/RowActions.js';
import { money } from '../components/commerce/commerceApi.js';
import { groupLeadersApi, percent, type Leader, type LeaderStatus } from '../components/group-leaders/groupLeadersApi.js';
import { LeaderFormModal } from '../components/group-leaders/LeaderFormModal.js';
import { LeaderOrdersDrawer } from '../components/group-leaders/LeaderOrdersDrawer.js';

/** 团长: community group-buy leaders, each with a pickup point and a commission rate, their pickup lists and commission. */
export default function GroupLeadersPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const editable = can('operator');
  const [q, setQ] = useUrlState({ page: 1, pageSize: 20, status: '', communityId: '' });
  const leaders = useRequest(() => groupLeadersApi.leaders({
    page: q.page, pageSize: q.pageSize, ...(q.status ? { status: q.status as LeaderStatus } : {}), ...(q.communityId ? { communityId: q.communityId } : {}),
  }), [q.page, q.pageSize, q.status, q.communityId]);
  const [editing, setEditing] = useState<Leader | null | 'new'>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const { busy, act } = useRowAction(leaders.reload);
  const viewed = leaders.data?.items.find((l) => l.id === viewing) ?? null;

  return (
    <>
      <PageHeader title={t('nav.groupLeaders')} testId="group-leaders-title"
        extra={editable && <Button type="primary" onClick={() => setEditing('new')} data-testid="leader-add">{t('groupLeaders.add')}</Button>} />
      <Typography.Paragraph type="secondary">{t('groupLeaders.intro')}</Typography.Paragraph>
      <Card title={t('groupLeaders.list')}
        extra={(
          <Space>
            <CommunitySelect value={q.communityId || undefined} onChange={(id) => setQ({ communityId: id ?? '', page: 1 })} style={{ width: 200 }} />
            <Select value={q.status} style={{ width: 140 }} onChange={(v) => setQ({ status: v, page: 1 })} data-testid="leaders-status"
              options={[{ value: '', label: t('groupLeaders.allStatuses') }, { value: 'active', label: t('groupLeaders.status.active') }, { value: 'suspended', label: t('groupLeaders.status.suspended') }]} />
          </Space>
        )}>
        {leaders.error && <RequestError error={leaders.error} onRetry={leaders.reload} />}
        <PagedTable<Leader> rowKey="id" data={leaders.data} paging={q} onPaging={(p) => setQ(p)} loading={leaders.loading}
          locale={{ emptyText: t('groupLeaders.empty') }} data-testid="leaders-table"
          columns={[
            { title: t('groupLeaders.member'), key: 'member', render: (_: unknown, l) => l.memberName ?? l.memberId },
            { title: t('groupLeaders.community'), dataIndex: 'communityName' },
            { title: t('groupLeaders.pickupPoint'), key: 'pickup', render: (_: unknown, l) => (
              <Space direction="vertical" size={0}>
                <span>{l.pickupName}</span>
                <Typography.Text type="secondary">{l.pickupAddress}</Typography.Text>
                <Typography.Text type="secondary">{[l.pickupPhone, l.pickupHours].filter(Boolean).join(' · ')}</Typography.Text>
              </Space>
            ) },
            { title: t('groupLeaders.rate'), dataIndex: 'commissionBps', render: (bps: number) => percent(bps) },
            { title: t('groupLeaders.toHandOver'), key: 'orders', render: (_: unknown, l) => <span data-testid={`leader-orders-${l.id}`}>{`${l.toHandOver} / ${l.orders}`}</span> },
            { title: t('groupLeaders.commissionTotals'), key: 'commission', render: (_: unknown, l) => (
              <span data-testid={`leader-commission-${l.id}`}>
                {t('groupLeaders.totalsText', { frozen: money(l.frozenCents), available: money(l.availableCents), reversed: money(l.reversedCents) })}
              </span>
            ) },
            { title: t('groupLeaders.active'), dataIndex: 'status', render: (s: LeaderStatus, l) => (
              <EnabledSwitch checked={s === 'active'} editable={editable} busy={busy === l.id} testId={`leader-active-${l.id}`}
                onChange={(on) => act(l.id, () => (on ? groupLeadersApi.reactivate(l.id) : groupLeadersApi.suspend(l.id)), on ? t('groupLeaders.reactivated') : t('groupLeaders.suspended'))} />
            ) },
            { title: '', key: 'actions', render: (_: unknown, l: Leader) => (
              <Space>
                <a onClick={() => setViewing(l.id)} data-testid={`leader-view-${l.id}`}>{t('groupLeaders.pickupList')}</a>
                {editable && <a onClick={() => setEditing(l)}>{t('common.edit')}</a>}
              </Space>
            ) },
          ]} />
      </Card>
      <LeaderFormModal open={editing !== null} leader={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); leaders.reload(); }} />
      <LeaderOrdersDrawer leader={viewed} editable={editable} onClose={() => setViewing(null)} onChanged={leaders.reload} />
    </>
  );
}
