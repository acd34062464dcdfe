import { useState } from 'react';
import { App, Button, Empty, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AppstoreAddOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatNumber, formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { errorText } from '../components/errors.js';
import { PlanEditor } from '../components/sop/PlanEditor.js';
import { PresetModal } from '../components/sop/PresetModal.js';
import { SopCalendar } from '../components/sop/SopCalendar.js';
import { useSopApi, type Plan, type PlanInput, type PlanListItem } from '../components/sop/sopApi.js';

/** SOP 计划 / SOP plans: the plans, their editor and presets, and the calendar of what goes out when. */
export default function SopPlansPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const sopApi = useSopApi();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20, tab: 'plans' });
  const { data, error, loading, reload } = useRequest(() => sopApi.list({ page: p.page, pageSize: p.pageSize }), [p.page, p.pageSize, sopApi]);
  const [editing, setEditing] = useState<{ plan: Plan | null; initial: PlanInput | null } | null>(null);
  const [presetOpen, setPresetOpen] = useState(false);
  // Bumped by every change of plans, so the calendar tab (kept mounted once opened) reads them again.
  const [plansVersion, setPlansVersion] = useState(0);
  const changed = () => { reload(); setPlansVersion((n) => n + 1); };

  const open = async (id: string) => {
    try {
      setEditing({ plan: await sopApi.get(id), initial: null });
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const remove = async (id: string) => {
    try {
      await sopApi.remove(id);
      message.success(t('sop.deleted'));
      changed();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<PlanListItem> = [
    { title: t('sop.name'), dataIndex: 'name', render: (name: string, r) => <Typography.Link onClick={() => void open(r.id)} data-testid="sop-plan-link">{name}</Typography.Link> },
    { title: t('sop.enabled'), dataIndex: 'enabled', width: 90, render: (on: boolean) => <Tag color={on ? 'green' : undefined}>{on ? t('sop.on') : t('sop.off')}</Tag> },
    {
      title: t('sop.attachedTo'), key: 'attached',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.communityTypes.map((c) => <Tag key={c} color="blue">{te('type', c)}</Tag>)}
          {r.communityIds.length > 0 && <Tag>{t('sop.namedCommunities', { n: r.communityIds.length })}</Tag>}
        </Space>
      ),
    },
    { title: t('sop.steps'), dataIndex: 'stepCount', width: 80, render: formatNumber },
    { title: t('sop.targets'), dataIndex: 'targets', width: 110, render: formatNumber },
    { title: t('sop.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatTime },
    {
      title: t('common.actions'), key: 'actions', width: 160,
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" onClick={() => void open(r.id)}>{can('operator') ? t('common.edit') : t('sop.view')}</Button>
          {can('operator') && (
            <Popconfirm title={t('sop.deleteConfirm')} okText={t('sop.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove(r.id)}>
              <Button size="small" danger>{t('sop.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.sop')} testId="sop-title"
        extra={can('operator') && (
          <Space>
            <Button icon={<AppstoreAddOutlined />} onClick={() => setPresetOpen(true)} data-testid="sop-preset">{t('sop.fromPreset')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ plan: null, initial: null })} data-testid="sop-new">{t('sop.newPlan')}</Button>
          </Space>
        )} />
      <Typography.Paragraph type="secondary">{t('sop.intro')}</Typography.Paragraph>
      <Tabs activeKey={p.tab} onChange={(tab) => setP({ tab })} items={[
        {
          key: 'plans', label: t('sop.tab.plans'),
          children: (
            <PagedTable<PlanListItem> rowKey="id" size="middle" columns={columns} data={data} loading={loading} scroll={{ x: 960 }}
              paging={p} onPaging={setP} pager={{ hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={can('operator') ? t('sop.empty') : t('sop.emptyReadOnly')} /> }} data-testid="sop-table" />
          ),
        },
        { key: 'calendar', label: t('sop.tab.calendar'), children: <SopCalendar refreshKey={plansVersion} /> },
      ]} />
      <PlanEditor open={editing !== null} plan={editing?.plan ?? null} initial={editing?.initial ?? null} readOnly={!can('operator')} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); changed(); }} />
      <PresetModal open={presetOpen} onClose={() => setPresetOpen(false)}
        onReady={(initial) => { setPresetOpen(false); setEditing({ plan: null, initial }); }} />
    </>
  );
}
