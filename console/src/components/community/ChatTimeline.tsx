import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { App, Alert, Button, Empty, Flex, Spin } from 'antd';
import { api, canActOn, type Community, type TimelineItem } from '../../api.js';
import { useAuth } from '../../auth.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { ChatItem, actionState } from './ChatItem.js';
import { ChatComposer } from './ChatComposer.js';

const PAGE = 50;
const POLL_MS = 2000;
// The outbox delivers asynchronously; a short pause lets the first refresh already show the message queued.
const REFRESH_AFTER_SEND_MS = 700;
const UNSETTLED = new Set(['pending', 'sending']);

/** The API answers newest first; the chat reads oldest first. Merging by id keeps pages loaded earlier. */
function merge(current: TimelineItem[], incoming: TimelineItem[]): TimelineItem[] {
  const byId = new Map(current.map((i) => [i.id, i]));
  for (const item of incoming) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/**
 * Queued or failed sends are listed afresh on every first page, under ids of their own; once delivered they
 * come back as ordinary events. So a refresh replaces that list instead of merging it, or a delivered message
 * would linger as a ghost "pending" copy.
 */
const undelivered = (i: TimelineItem) => i.direction === 'out' && i.status !== null && i.status !== 'sent';

type ScrollIntent = { kind: 'bottom' } | { kind: 'keep'; fromBottom: number } | null;

export function ChatTimeline({ community }: { community: Community }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [items, setItems] = useState<TimelineItem[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const box = useRef<HTMLDivElement>(null);
  const scrollIntent = useRef<ScrollIntent>({ kind: 'bottom' });
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const nearBottom = () => {
    const el = box.current;
    return !el || el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };

  const refresh = useCallback(async (first = false, follow = false) => {
    try {
      const page = await api.timeline(community.id, { limit: PAGE });
      if (!live.current) return;
      // Follow new messages only when the reader is already at the bottom, never yank them away from history.
      scrollIntent.current = first || follow || nearBottom() ? { kind: 'bottom' } : null;
      setItems((cur) => merge(cur.filter((i) => !undelivered(i)), page.items));
      if (first) setNextBefore(page.nextBefore);
      setError(null);
    } catch (err) {
      if (live.current) setError(err);
    } finally {
      if (live.current && first) setLoading(false);
    }
  }, [community.id]);

  useEffect(() => {
    setItems([]);
    setLoading(true);
    void refresh(true);
  }, [refresh]);

  const loadEarlier = async () => {
    if (!nextBefore) return;
    setLoadingEarlier(true);
    try {
      const page = await api.timeline(community.id, { before: nextBefore, limit: PAGE });
      if (!live.current) return;
      const el = box.current;
      scrollIntent.current = { kind: 'keep', fromBottom: el ? el.scrollHeight - el.scrollTop : 0 };
      setItems((cur) => merge(cur, page.items));
      setNextBefore(page.nextBefore);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      if (live.current) setLoadingEarlier(false);
    }
  };

  useLayoutEffect(() => {
    const el = box.current;
    const intent = scrollIntent.current;
    scrollIntent.current = null;
    if (!el || !intent) return;
    el.scrollTop = intent.kind === 'bottom' ? el.scrollHeight : el.scrollHeight - intent.fromBottom;
  }, [items]);

  const waiting = items.some((i) => undelivered(i) && UNSETTLED.has(actionState(i.status!)));
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => void refresh(), POLL_MS);
    return () => clearTimeout(timer);
  }, [waiting, items, refresh]);

  const afterSend = () => {
    setTimeout(() => {
      if (live.current) void refresh(false, true);
    }, REFRESH_AFTER_SEND_MS);
  };

  const byId = new Map(items.map((i) => [i.id, i]));

  return (
    <Flex vertical gap={12}>
      {error !== null && <Alert type="error" showIcon title={errorText(error, t)} action={<Button size="small" onClick={() => void refresh(items.length === 0)}>{t('common.retry')}</Button>} />}
      <div
        ref={box}
        data-testid="chat-timeline"
        style={{ height: 520, overflowY: 'auto', padding: 16, borderRadius: 8, background: '#f5f6f7' }}
      >
        {loading ? (
          <Flex justify="center" style={{ padding: 48 }}><Spin /></Flex>
        ) : (
          <>
            {nextBefore && (
              <Flex justify="center" style={{ marginBottom: 12 }}>
                <Button size="small" onClick={loadEarlier} loading={loadingEarlier} data-testid="chat-load-earlier">
                  {t('chat.loadEarlier')}
                </Button>
              </Flex>
            )}
            {items.length === 0
              ? <Empty description={t('chat.empty')} style={{ marginTop: 96 }} />
              : items.map((item) => <ChatItem key={item.id} item={item} repliedTo={item.replyTo ? byId.get(item.replyTo) : undefined} />)}
          </>
        )}
      </div>
      {canActOn(community) && can('operator') && (
        <ChatComposer communityId={community.id} onSent={afterSend} />
      )}
    </Flex>
  );
}
