import { useState } from 'react';
import { Card, Col, Flex, Input, Row, Spin, Statistic, Table, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { PointsSettingsForm } from '../components/points/PointsSettingsForm.js';
import { MemberPointsDrawer, reasonText } from '../components/points/MemberPointsDrawer.js';
import { RewardsCard } from '../components/points/RewardsCard.js';
import { pointsApi, type PointsAccount, type PointsSettings } from '../components/points/pointsApi.js';

/** 积分: earn rules and expiry, what members hold, and each member's history with corrections. */
export default function PointsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const settings = useRequest(() => pointsApi.settings(), []);
  const [saved, setSaved] = useState<PointsSettings>();
  const [q, setQ] = useUrlState({ page: 1, pageSize: 20, search: '' });
  const accounts = useRequest(() => pointsApi.accounts({ page: q.page, pageSize: q.pageSize, search: q.search || undefined }), [q.page, q.pageSize, q.search]);
  const summary = useRequest(() => pointsApi.summary(30), []);
  const [open, setOpen] = useState<string | null>(null);
  const view = saved ?? settings.data;

  return (
    <>
      <PageHeader title={t('nav.points')} testId="points-title" />
      <Typography.Paragraph type="secondary">{t('points.intro')}</Typography.Paragraph>
      <Flex vertical gap={24}>
        {settings.error && !view ? <RequestError error={settings.error} onRetry={settings.reload} />
          : view ? <PointsSettingsForm settings={view} editable={can('admin')} onSaved={setSaved} /> : <Spin />}
        <Row gutter={16}>
          <Col span={8}><Card><Statistic title={t('points.accounts')} value={summary.data?.accounts ?? 0} /></Card></Col>
          <Col span={8}><Card><Statistic title={t('points.outstanding')} value={summary.data?.outstanding ?? 0} /></Card></Col>
          <Col span={8}>
            <Card title={t('points.last30')} size="small">
              <Table size="small" pagination={false} rowKey={(r) => `${r.kind}-${r.reason}`} dataSource={summary.data?.byReason}
                locale={{ emptyText: t('points.noHistory') }}
                columns={[
                  { title: t('points.reason'), render: (_, r) => `${t(`points.kind.${r.kind}` as never)} · ${reasonText(r.reason, t)}` },
                  { title: t('points.amount'), dataIndex: 'points', align: 'right' },
                ]} />
            </Card>
          </Col>
        </Row>
        <RewardsCard editable={can('operator')} onChanged={() => { accounts.reload(); summary.reload(); }} />
        <Card title={t('points.members')}>
          <Input.Search allowClear defaultValue={q.search} placeholder={t('points.search')} style={{ maxWidth: 280, marginBottom: 12 }}
            onSearch={(search) => setQ({ search, page: 1 })} data-testid="points-search" />
          {accounts.error && <RequestError error={accounts.error} onRetry={accounts.reload} />}
          <PagedTable<PointsAccount>
            rowKey="memberId" data={accounts.data} paging={q} onPaging={(p) => setQ(p)} locale={{ emptyText: t('points.noAccounts') }}
            onRow={(r) => ({ onClick: () => setOpen(r.memberId), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('points.member'), dataIndex: 'name', render: (v: string) => <a>{v}</a> },
              { title: t('points.balance'), dataIndex: 'balance', align: 'right' },
              { title: t('points.earned'), dataIndex: 'earned', align: 'right' },
              { title: t('points.spent'), dataIndex: 'spent', align: 'right' },
              { title: t('points.expired'), dataIndex: 'expired', align: 'right' },
              { title: t('points.expiringSoon'), dataIndex: 'expiringSoon', align: 'right' },
            ]}
          />
        </Card>
      </Flex>
      <MemberPointsDrawer memberId={open} editable={can('operator')} onClose={() => setOpen(null)} onChanged={() => { accounts.reload(); summary.reload(); }} />
    </>
  );
}
