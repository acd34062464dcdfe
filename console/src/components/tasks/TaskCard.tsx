import { App, Button, Card, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, CopyOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { copyText } from './copyText.js';
import { fromNow, isOverdue } from './time.js';
import type { StaffTask } from './tasksApi.js';

const KIND_COLORS: Record<string, string> = { private_chat: 'blue', care: 'magenta', confirm_send: 'orange', alert: 'red', custom: 'default' };

interface Props {
  task: StaffTask;
  /** The signed-in staff member, to offer taking an unassigned task. */
  me: string | undefined;
  canAct: boolean;
  onComplete: (task: StaffTask) => void;
  onDismiss: (task: StaffTask) => void;
  onTake: (task: StaffTask) => void;
}

/** An attachment as the sending rule described it: a link when it has a URL, its name or type otherwise. */
function mediaLabel(m: Record<string, unknown>): { label: string; url?: string } {
  const url = typeof m.url === 'string' && /^https?:\/\//.test(m.url) ? m.url : undefined;
  const label = [m.name, m.title, m.type].find((v) => typeof v === 'string' && v) as string | undefined;
  return { label: label ?? url ?? JSON.stringify(m), url };
}

export function TaskCard({ task, me, canAct, onComplete, onDismiss, onTake }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const open = task.status === 'open';
  const late = open && isOverdue(task.dueAt);

  const copy = async () => {
    if (await copyText(task.body)) message.success(t('common.copied'));
    else message.error(t('tasks.copyFailed'));
  };

  const actions = open && canAct ? [
    <Button key="done" type="link" icon={<CheckOutlined />} onClick={() => onComplete(task)} data-testid={`task-complete-${task.id}`}>{t('tasks.complete')}</Button>,
    <Button key="dismiss" type="link" danger icon={<CloseOutlined />} onClick={() => onDismiss(task)} data-testid={`task-dismiss-${task.id}`}>{t('tasks.dismiss')}</Button>,
    ...(task.assigneeId === null && me ? [
      <Button key="take" type="link" icon={<UserAddOutlined />} onClick={() => onTake(task)} data-testid={`task-take-${task.id}`}>{t('tasks.take')}</Button>,
    ] : []),
  ] : undefined;

  return (
    <Card size="small" actions={actions} data-testid="task-card" data-id={task.id}
      title={(
        <Space size={8} wrap>
          <Tag color={KIND_COLORS[task.kind]}>{te('taskKind', task.kind)}</Tag>
          <Typography.Text strong>{task.title}</Typography.Text>
        </Space>
      )}
      extra={open ? (
        <Tooltip title={formatTime(task.dueAt)}>
          <Tag color={late ? 'red' : 'default'} data-testid="task-due">{late ? t('tasks.overdue', { when: fromNow(task.dueAt) }) : t('tasks.due', { when: fromNow(task.dueAt) })}</Tag>
        </Tooltip>
      ) : <Tag color={task.status === 'done' ? 'green' : 'default'}>{te('taskStatus', task.status)}</Tag>}>
      {task.body ? (
        <Flex gap={8} align="flex-start" style={{ marginBottom: 8 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', flex: 1, margin: 0, padding: '8px 12px', background: 'rgba(0,0,0,0.03)', borderRadius: 6 }} data-testid="task-body">
            {task.body}
          </Typography.Paragraph>
          <Button icon={<CopyOutlined />} onClick={copy} data-testid={`task-copy-${task.id}`}>{t('common.copy')}</Button>
        </Flex>
      ) : null}
      {task.media.length > 0 && (
        <Space size={4} wrap style={{ display: 'flex', marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('tasks.media')}</Typography.Text>
          {task.media.map((m, i) => {
            const { label, url } = mediaLabel(m);
            return url ? <a key={i} href={url} target="_blank" rel="noreferrer noopener">{label}</a> : <Tag key={i}>{label}</Tag>;
          })}
        </Space>
      )}
      <Space size={16} wrap>
        {task.communityId && (
          <span>{t('tasks.community')}: <Link to={`/communities/${task.communityId}`}>{task.communityName ?? task.communityId}</Link></span>
        )}
        {task.memberId && (
          <span>{t('tasks.member')}: <Link to={`/members/${task.memberId}`}>{task.memberName ?? task.memberId}</Link></span>
        )}
        <span>{t('tasks.assignee')}: {task.assigneeName ?? <Typography.Text type="secondary">{t('tasks.unassigned')}</Typography.Text>}</span>
        {task.actionStatus && <span>{t('tasks.actionStatus')}: {te('actionStatus', task.actionStatus)}</span>}
        {!open && (
          <Typography.Text type="secondary">
            {t('tasks.closedBy', { who: task.closedByName ?? t('tasks.system'), when: formatTime(task.closedAt) })}
            {task.note ? ` · ${task.note}` : ''}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
