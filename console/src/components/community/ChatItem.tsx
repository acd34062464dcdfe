import type { CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { Flex, Tag, Tooltip, Typography, theme } from 'antd';
import type { TimelineItem } from '../../api.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { formatClock, formatTime } from '../../format.js';

const STATUS_COLORS: Record<string, string> = {
  pending: 'processing', sending: 'processing', sent: 'success', failed: 'error', cancelled: 'default',
};

// Membership changes read as system lines in the middle of the chat, the way chat apps show them.
const SYSTEM_LINES: Record<string, MessageKey> = {
  'member.joined': 'chat.joined',
  'member.left': 'chat.left',
  'member.checked_in': 'chat.checkedIn',
  'message.reaction': 'chat.reacted',
};
// Our own invitations and removals: queued or failed under their action kind, delivered as the platform's event.
const OUR_MEMBERSHIP_LINES: Record<string, MessageKey> = {
  invite: 'chat.inviting',
  remove: 'chat.removing',
  'member.joined': 'chat.invited',
  'member.left': 'chat.removed',
};

/** "failed: timeout" → "failed"; the part after the colon is the outbox's last error. */
export const actionState = (status: string) => status.split(':')[0]!.trim();
const actionReason = (status: string) => status.split(':').slice(1).join(':').trim();

function ActionStatusTag({ status, style }: { status: string; style?: CSSProperties }) {
  const { te } = useI18n();
  return (
    <Tooltip title={actionReason(status) || undefined}>
      <Tag color={STATUS_COLORS[actionState(status)] ?? 'default'} style={{ marginInlineEnd: 0, ...style }} data-testid="chat-item-status">
        {te('actionStatus', actionState(status))}
      </Tag>
    </Tooltip>
  );
}

interface Props { item: TimelineItem; repliedTo?: TimelineItem }

export function ChatItem({ item, repliedTo }: Props) {
  const { t, te } = useI18n();
  const { token } = theme.useToken();
  const out = item.direction === 'out';
  const who = item.memberName ?? t('chat.someone');

  const systemKey = out ? OUR_MEMBERSHIP_LINES[item.type] : SYSTEM_LINES[item.type];
  if (systemKey || (!out && item.type !== 'message.sent')) {
    const line = systemKey ? t(systemKey, { name: who }) : `${who} · ${te('eventType', item.type)}`;
    // A delivered one reads like any system line; only what is still on its way shows where it stands.
    const status = out && item.status && item.status !== 'sent' ? item.status : null;
    return (
      <Flex justify="center" align="center" gap={6} style={{ margin: '10px 0' }}
        data-testid="chat-item" data-direction="system" data-type={item.type} data-status={status ? actionState(status) : undefined}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {line}{item.text ? ` ${item.text}` : ''} · {formatClock(item.occurredAt)}
        </Typography.Text>
        {status && <ActionStatusTag status={status} />}
      </Flex>
    );
  }

  const textOf = (i: TimelineItem) => i.text ?? (i.mediaType ? `[${te('mediaType', i.mediaType)}]` : '');
  const body = textOf(item);
  return (
    <Flex vertical align={out ? 'flex-end' : 'flex-start'} style={{ margin: '10px 0' }}
      data-testid="chat-item" data-direction={item.direction} data-type={item.type} data-status={item.status ? actionState(item.status) : undefined}>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginBottom: 2 }}>
        {out ? (item.memberName ?? t('chat.us')) : item.memberId ? <Link to={`/members/${item.memberId}`}>{who}</Link> : who}
        {' · '}
        <Tooltip title={formatTime(item.occurredAt)}>{formatClock(item.occurredAt)}</Tooltip>
      </Typography.Text>
      <div style={{
        maxWidth: '72%', padding: '8px 12px', borderRadius: 10, whiteSpace: 'pre-wrap', wordBreak: 'break-word',
        background: out ? '#95ec69' : token.colorBgContainer, boxShadow: token.boxShadowTertiary,
      }}>
        {item.replyTo && (
          <div style={{ fontSize: 12, color: token.colorTextSecondary, borderInlineStart: `3px solid ${token.colorBorder}`, paddingInlineStart: 6, marginBottom: 4 }}>
            {repliedTo ? `${repliedTo.memberName ?? t('chat.someone')}: ${textOf(repliedTo)}`.slice(0, 80) : t('chat.replyToEarlier')}
          </div>
        )}
        {body}
      </div>
      {out && item.status && <ActionStatusTag status={item.status} style={{ marginTop: 4 }} />}
    </Flex>
  );
}
