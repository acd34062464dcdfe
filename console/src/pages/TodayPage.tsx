import { useState } from 'react';
import { App, Empty, List, Select, Tabs, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { errorText } from '../components/errors.js';
import { TaskCard } from '../components/tasks/TaskCard.js';
import { CloseTaskModal } from '../components/tasks/CloseTaskModal.js';
import { announceTasksChanged } from '../components/tasks/TodayBadge.js';
import { tasksApi, type StaffTask, type TaskQuery, type TaskStatus } from '../components/tasks/tasksApi.js';
import { endOfToday } from '../components/tasks/time.js';

type Tab = 'mine' | 'unassigned' | 'all';
const STATUSES: TaskStatus[] = ['open', 'done', 'dismissed'];

/**
 * 今日任务: what a person has to do by hand today — one-to-one chats, care calls, sends the platform makes a
 * person confirm, alerts. "Mine" is the signed-in staff member's open tasks due today or overdue;
 * "unassigned" is the pool anyone may take; "all" is everyone's, by status.
 */
export default function TodayPage() {
  const { t, te } = useI18n();
  const { session, can } = useAuth();
  const { message } = App.useApp();
  const canAct = can('operator');
  // Analysts are never assigned tasks, so they start on the whole list.
  const [p, setP] = useUrlState({ tab: canAct ? 'mine' : 'all', status: 'open', page: 1, pageSize: 20 });
  const tab = (['mine', 'unassigned', 'all'].includes(p.tab) ? p.tab : 'mine') as Tab;
  const status = (STATUSES as string[]).includes(p.status) ? (p.status as TaskStatus) : undefined;
  const csrf = session?.csrfToken ?? '';
  const zone = session?.workspace.timeZone;

  const query = (): TaskQuery => {
    const paging = { page: p.page, pageSize: p.pageSize };
    if (tab === 'mine') return { ...paging, assignee: 'mine', status: 'open', dueBefore: endOfToday(zone) };
    if (tab === 'unassigned') return { ...paging, assignee: 'unassigned', status: 'open' };
    return { ...paging, status };
  };
  const { data, error, loading, reload } = useRequest(() => tasksApi(csrf).list(query()), [tab, p.status, p.page, p.pageSize, csrf, zone]);
  const [closing, setClosing] = useState<{ mode: 'complete' | 'dismiss'; task: StaffTask } | null>(null);

  const changed = () => { reload(); announceTasksChanged(); };
  const close = async (task: StaffTask, note: string | undefined) => {
    const api = tasksApi(csrf);
    if (closing?.mode === 'dismiss') await api.dismiss(task.id, note);
    else await api.complete(task.id, note);
    message.success(closing?.mode === 'dismiss' ? t('tasks.dismissed') : t('tasks.completed'));
    setClosing(null);
    changed();
  };
  const take = async (task: StaffTask) => {
    try {
      await tasksApi(csrf).reassign(task.id, session!.user.id);
      message.success(t('tasks.taken'));
      changed();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const emptyText = tab === 'mine' ? t('tasks.emptyMine') : tab === 'unassigned' ? t('tasks.emptyUnassigned') : t('tasks.emptyAll');
  const list = error && !data ? <RequestError error={error} onRetry={reload} /> : (
    <List<StaffTask>
      loading={loading}
      dataSource={data?.items}
      locale={{ emptyText: <Empty description={emptyText} /> }}
      rowKey="id"
      split={false}
      renderItem={(task) => (
        <List.Item style={{ display: 'block', padding: '0 0 12px' }}>
          <TaskCard task={task} me={session?.user.id} canAct={canAct}
            onComplete={(x) => setClosing({ mode: 'complete', task: x })}
            onDismiss={(x) => setClosing({ mode: 'dismiss', task: x })}
            onTake={take} />
        </List.Item>
      )}
      pagination={{
        current: p.page, pageSize: p.pageSize, total: data?.total ?? 0, hideOnSinglePage: true,
        showTotal: (total) => t('common.total', { n: total }),
        onChange: (page, pageSize) => setP({ page: pageSize === p.pageSize ? page : 1, pageSize }),
      }}
      data-testid="tasks-list"
    />
  );

  return (
    <>
      <PageHeader title={t('tasks.title')} testId="today-title" />
      <Typography.Paragraph type="secondary">{t('tasks.intro')}</Typography.Paragraph>
      <Tabs activeKey={tab} onChange={(key) => setP({ tab: key, page: 1 })}
        items={[
          { key: 'mine', label: t('tasks.tabMine') },
          { key: 'unassigned', label: t('tasks.tabUnassigned') },
          { key: 'all', label: t('tasks.tabAll') },
        ]}
        tabBarExtraContent={tab === 'all' ? (
          <Select<string> value={status ?? 'any'} style={{ width: 140 }} onChange={(v) => setP({ status: v, page: 1 })} data-testid="tasks-status"
            options={[...STATUSES.map((s) => ({ value: s, label: te('taskStatus', s) })), { value: 'any', label: t('tasks.anyStatus') }]} />
        ) : undefined}
      />
      {list}
      <CloseTaskModal mode={closing?.mode ?? 'complete'} task={closing?.task ?? null} onClose={() => setClosing(null)} onSubmit={close} />
    </>
  );
}
