import { useState } from 'react';
import { Alert, Badge, Calendar, Empty, Flex, Popover, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { CommunitySelect } from '../CommunitySelect.js';
import { RequestError } from '../RequestError.js';
import { useSopApi, type CalendarDay, type CalendarOccurrence, type OccurrenceStatus } from './sopApi.js';

const STATUS_BADGE: Record<OccurrenceStatus, 'default' | 'processing' | 'success' | 'error' | 'warning'> = {
  planned: 'default', pending: 'processing', held: 'warning', sent: 'success', failed: 'error', cancelled: 'default', missed: 'warning', refused: 'error',
};
const SHOWN_PER_DAY = 4;

/** The worst status an occurrence has across its communities, for the one dot a cell has room for. */
const ORDER: OccurrenceStatus[] = ['failed', 'refused', 'missed', 'held', 'pending', 'planned', 'sent', 'cancelled'];
const headline = (o: CalendarOccurrence) => o.status ?? ORDER.find((s) => o.statuses[s]) ?? 'planned';

/**
 * A month of the plans' occurrences: for one community (each step's status) or across all of them (how many
 * communities each step reaches and what became of them). Days where a group would get more marketing sends
 * than the daily cap are marked. `refreshKey` changes when a plan is saved or deleted: the calendar stays
 * mounted in its tab, so without it a plan made after a first look at the calendar would not show on it.
 */
export function SopCalendar({ refreshKey = 0 }: { refreshKey?: number }) {
  const { t, te } = useI18n();
  const sopApi = useSopApi();
  const [month, setMonth] = useState<Dayjs>(dayjs().startOf('month'));
  const [communityId, setCommunityId] = useState<string>();
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const { data, error, loading, reload } = useRequest(() => sopApi.calendar({ from, to, communityId }), [from, to, communityId, sopApi, refreshKey]);
  const days = new Map((data?.days ?? []).map((d) => [d.date, d]));

  const line = (o: CalendarOccurrence) => (
    <div key={`${o.stepId}-${o.localTime}`} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12 }}
      data-testid="sop-occurrence" data-status={headline(o)}>
      <Badge status={STATUS_BADGE[headline(o)]} /> {o.localTime} {o.stepLabel || o.templateName}{communityId ? '' : ` · ${t('sop.calendar.communities', { n: o.communities })}`}
    </div>
  );
  const details = (day: CalendarDay) => (
    <div style={{ maxWidth: 420 }}>
      {day.overCap && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={t('sop.calendar.overCap', { n: day.communitiesOverCap, cap: data?.cap ?? 0 })} />}
      {day.occurrences.map((o) => (
        <div key={`${o.stepId}-${o.localTime}`} style={{ marginBottom: 6 }}>
          <Typography.Text strong>{o.localTime}</Typography.Text> {o.planName} · {o.stepLabel || o.templateName}{' '}
          <Tag>{te('automationClass', o.class)}</Tag>
          <div>
            {(Object.entries(o.statuses) as [OccurrenceStatus, number][]).map(([s, n]) => (
              <Tag key={s} color={STATUS_BADGE[s] === 'default' ? undefined : STATUS_BADGE[s]}>{te('sopStatus', s)}{communityId ? '' : ` ${n}`}</Tag>
            ))}
          </div>
          {o.error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{o.error}</Typography.Text>}
        </div>
      ))}
    </div>
  );

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <CommunitySelect value={communityId} onChange={setCommunityId} style={{ width: 280 }} />
        <Typography.Text type="secondary">
          {communityId ? t('sop.calendar.oneCommunity') : t('sop.calendar.allCommunities')}
          {data && ` · ${data.timeZone}${data.cap === null ? '' : ` · ${t('sop.calendar.cap', { cap: data.cap })}`}`}
        </Typography.Text>
        {loading && <Spin size="small" />}
      </Flex>
      {error && <RequestError error={error} onRetry={reload} />}
      {data && data.days.every((d) => !d.occurrences.length) && <Empty style={{ marginBottom: 12 }} description={t('sop.calendar.empty')} />}
      <Calendar value={month} mode="month" onPanelChange={(d) => setMonth(d.startOf('month'))} onSelect={(d, info) => { if (info.source !== 'date') setMonth(d.startOf('month')); }}
        cellRender={(d, info) => {
          if (info.type !== 'date' || !d.isSame(month, 'month')) return info.originNode;
          const day = days.get(d.format('YYYY-MM-DD'));
          if (!day || (!day.occurrences.length && !day.overCap)) return null;
          return (
            <Popover content={details(day)} title={day.date}>
              <div data-testid={`sop-day-${day.date}`} style={day.overCap ? { outline: '1px solid #faad14', borderRadius: 4, padding: 2 } : undefined}>
                {day.overCap && <Tag color="warning" style={{ marginBottom: 2 }}>{t('sop.calendar.overCapTag')}</Tag>}
                {day.occurrences.slice(0, SHOWN_PER_DAY).map(line)}
                {day.occurrences.length > SHOWN_PER_DAY && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sop.calendar.more', { n: day.occurrences.length - SHOWN_PER_DAY })}</Typography.Text>}
              </div>
            </Popover>
          );
        }} />
    </>
  );
}
