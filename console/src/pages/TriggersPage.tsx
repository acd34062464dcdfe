import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { errorText } from '../components/errors.js';
import { TriggerEditor } from '../components/triggers/TriggerEditor.js';
import { PresetModal } from '../components/triggers/PresetModal.js';
import { FiringsTable } from '../components/triggers/FiringsTable.js';
import { doText, durationText, whenText } from '../components/triggers/describeRule.js';
import { useTriggersApi, type Trigger } from '../components/triggers/triggersApi.js';

/** 触发规则 / Triggers: event- and segment-driven rules, and what each firing did. */
export default function TriggersPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const triggersApi = useTriggersApi();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20 });
  const { data, error, loading, reload } = useRequest(() => triggersApi.list({ page: p.page, pageSize: p.pageSize }), [p.page, p.pageSize, triggersApi]);
  const [editing, setEditing] = useState<Trigger | null | 'new'>(null);
  const [presets, setPresets] = useState(false);
  const [selected, setSelected] = useState<Trigger | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const changed = () => { reload(); setRefreshKey((n) => n + 1); };

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      message.success(done);
      changed();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<Trigger> = [
    {
      title: t('triggers.name'), dataIndex: 'name',
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setSelected(r)} data-testid="trigger-name-link">{name}</Typography.Link>
          {r.preset && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('triggers.fromPresetTag', { name: t(`triggers.preset.${r.preset}.name` as 'triggers.preset.invite_reminder.name') })}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('triggers.when'), key: 'when', render: (_, r) => whenText(r, t, te) },
    { title: t('triggers.delay'), key: 'delay', width: 100, render: (_, r) => durationText(r.delay, t, te) },
    { title: t('triggers.condition'), dataIndex: 'condition', width: 130, render: (c: string | null) => (c ? te('condition', c) : '—') },
    { title: t('triggers.do'), key: 'do', render: (_, r) => doText(r, te) },
    { title: t('triggers.cap'), dataIndex: 'capPerMember', width: 90, render: (c: number | null) => c ?? '—' },
    {
      title: t('triggers.firingsCol'), key: 'firings', width: 190,
      render: (_, r) => (
        <Space size={4}>
          <Tag color="blue">{`${te('firingStatus', 'scheduled')} ${r.firings.scheduled}`}</Tag>
          <Tag color="green">{`${te('firingStatus', 'done')} ${r.firings.done}`}</Tag>
          <Tag>{`${te('firingStatus', 'skipped')} ${r.firings.skipped}`}</Tag>
        </Space>
      ),
    },
    { title: t('triggers.lastFiredAt'), dataIndex: 'lastFiredAt', width: 150, render: (v: string | null) => (v ? formatTime(v) : '—') },
    {
      title: t('triggers.enabled'), dataIndex: 'enabled', width: 90,
      render: (on: boolean, r) => (
        <Switch checked={on} disabled={!can('operator')} data-testid={`trigger-enabled-${r.id}`}
          onChange={(next) => void act(() => triggersApi.update(r.id, { enabled: next }), next ? t('triggers.enabledDone') : t('triggers.disabledDone'))} />
      ),
    },
    ...(can('operator') ? [{
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_: unknown, r: Trigger) => (
        <Space size={4}>
          <Button size="small" onClick={() => setEditing(r)}>{t('common.edit')}</Button>
          <Popconfirm title={t('triggers.deleteConfirm')} okText={t('triggers.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
            onConfirm={() => act(() => triggersApi.remove(r.id), t('triggers.deletedDone'))}>
            <Button size="small" danger>{t('triggers.delete')}</Button>
          </Popconfirm>
        </Space>
      ),
    }] : []),
  ];

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  const empty = can('operator')
    ? <Empty description={t('triggers.empty')}><Button type="primary" icon={<ThunderboltOutlined />} onClick={() => setPresets(true)}>{t('triggers.fromPreset')}</Button></Empty>
    : <Empty description={t('triggers.emptyReadOnly')} />;
  return (
    <>
      <PageHeader title={t('nav.triggers')} testId="triggers-title"
        extra={can('operator') && (
          <Space>
            <Button icon={<ThunderboltOutlined />} onClick={() => setPresets(true)} data-testid="trigger-from-preset">{t('triggers.fromPreset')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="trigger-new">{t('triggers.new')}</Button>
          </Space>
        )} />
      <Typography.Paragraph type="secondary">{t('triggers.intro')}</Typography.Paragraph>
      <PagedTable<Trigger> rowKey="id" size="middle" columns={columns} data={data} loading={loading} scroll={{ x: 1300 }}
        paging={p} onPaging={setP} pager={{ hideOnSinglePage: true }} locale={{ emptyText: empty }} data-testid="triggers-table" />
      <Card size="small" style={{ marginTop: 24 }}
        title={selected ? t('triggers.firingsOf', { name: selected.name }) : t('triggers.recentFirings')}
        extra={selected && <Button size="small" onClick={() => setSelected(null)}>{t('triggers.allRules')}</Button>}>
        <FiringsTable ruleId={selected?.id} refreshKey={refreshKey} />
      </Card>
      <TriggerEditor open={editing !== null} rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); changed(); }} />
      <PresetModal open={presets} onClose={() => setPresets(false)} onCreated={() => { setPresets(false); changed(); }} />
    </>
  );
}
