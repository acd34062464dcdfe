import { useState } from 'react';
import { App, Button, Calendar, Card, Col, Empty, Flex, Form, Input, InputNumber, Row, Spin, Statistic, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { MemberPicker } from '../MemberPicker.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { newIdempotencyKey } from '../idempotencyKey.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { checkInApi, type CardEntry } from './checkInApi.js';

const DAY_STYLE = { width: 28, height: 28, lineHeight: '28px', borderRadius: 14, margin: '0 auto', textAlign: 'center' as const };

/** One member's check-in calendar, streak and make-up cards, and cards to give them. */
export function MemberCheckInCard({ memberId, onMember, editable, refreshKey }: { memberId?: string; onMember: (id: string | undefined) => void; editable: boolean; refreshKey: number }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs().startOf('month'));
  const [refresh, setRefresh] = useState(0);
  const [paging, setPaging] = usePaging();
  const monthKey = month.format('YYYY-MM');
  const calendar = useRequest(() => (memberId ? checkInApi.calendar(memberId, monthKey) : Promise.resolve(undefined)), [memberId, monthKey, refresh, refreshKey]);
  const cards = useRequest(() => (memberId ? checkInApi.cards(memberId, paging) : Promise.resolve(undefined)), [memberId, paging.page, paging.pageSize, refresh]);
  const [form] = Form.useForm<{ count: number; note?: string }>();
  // One key per intended grant: a retried click after a lost answer gives the cards once; a new grant gets a new key.
  const [grantKey, setGrantKey] = useState(newIdempotencyKey);
  const { saving, submit } = useFormSubmit(form, ['count', 'note'], async (v) => {
    if (!memberId) return;
    const res = await checkInApi.grantCards(memberId, { count: v.count, note: v.note?.trim() || undefined, idempotencyKey: grantKey });
    message.success(t('checkIn.granted', { n: res.balance }));
    form.resetFields();
    setGrantKey(newIdempotencyKey());
    setRefresh((n) => n + 1);
  });

  // The previous member's answer stays until the new one arrives; it is not shown under the new name.
  const cal = calendar.data?.member.id === memberId ? calendar.data : undefined;
  const byDay = new Map((cal?.days ?? []).map((d) => [d.day, d]));
  const makeable = new Set(cal?.makeUp.days ?? []);
  const columns: TableColumnsType<CardEntry> = [
    { title: t('checkIn.cardWhen'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    { title: t('checkIn.cardChange'), dataIndex: 'delta', width: 90, align: 'right', render: (v: number) => (v > 0 ? `+${v}` : String(v)) },
    { title: t('checkIn.cardReason'), dataIndex: 'reason', width: 120, render: (v: string) => te('cardReason', v) },
    { title: t('checkIn.cardNote'), key: 'note', render: (_, e) => [e.checkInDay, e.note, e.createdByName].filter(Boolean).join(' · ') || '—' },
  ];

  return (
    <Card title={t('checkIn.memberLookup')} data-testid="check-in-member">
      <Flex gap={12} align="center" wrap>
        <div style={{ width: 320 }}>
          <MemberPicker value={memberId} data-testid="check-in-member-picker"
            onChange={(id) => { setPaging({ page: 1, pageSize: paging.pageSize }); onMember(id); }} />
        </div>
        {cal && memberId && <Typography.Text strong data-testid="check-in-member-name">{cal.member.name}</Typography.Text>}
      </Flex>
      {!memberId && <Empty style={{ marginTop: 16 }} description={t('checkIn.pickMember')} />}
      {memberId && calendar.error && <RequestError error={calendar.error} onRetry={calendar.reload} />}
      {memberId && !cal && calendar.loading && <Spin style={{ marginTop: 16 }} />}
      {memberId && cal && (
        <Row gutter={24} style={{ marginTop: 16 }}>
          <Col xs={24} lg={12}>
            <Flex gap={24} wrap style={{ marginBottom: 12 }}>
              <Statistic title={t('checkIn.streak')} value={cal.streak} suffix={t('checkIn.daysUnit')} />
              <Statistic title={t('checkIn.totalDays')} value={cal.totalDays} />
              <Statistic title={t('checkIn.cards')} value={cal.cards} />
              <Statistic title={t('checkIn.makeUpsUsed')} value={`${cal.makeUp.usedThisMonth} / ${cal.makeUp.perMonth}`} />
            </Flex>
            <Flex gap={8} wrap style={{ marginBottom: 8 }}>
              <Tag color={cal.checkedInToday ? 'green' : 'default'}>{cal.checkedInToday ? t('checkIn.todayDone') : t('checkIn.todayOpen')}</Tag>
              {cal.milestones.map((m) => <Tag key={m.days} color={m.reached ? 'gold' : undefined}>{t('checkIn.milestoneTag', { n: m.days })}</Tag>)}
              {!cal.enabled && <Tag color="orange">{t('checkIn.off')}</Tag>}
            </Flex>
            <Calendar fullscreen={false} value={month} mode="month"
              onPanelChange={(d) => setMonth(d.startOf('month'))}
              onSelect={(d, info) => { if (info.source !== 'date') setMonth(d.startOf('month')); }}
              fullCellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const key = d.format('YYYY-MM-DD');
                const hit = byDay.get(key);
                const inMonth = d.isSame(month, 'month');
                const style = !inMonth ? { ...DAY_STYLE, opacity: 0.3 }
                  : hit ? { ...DAY_STYLE, background: hit.source === 'make_up' ? '#faad14' : '#52c41a', color: '#fff' }
                    : makeable.has(key) ? { ...DAY_STYLE, border: '1px dashed #faad14' } : DAY_STYLE;
                return <div style={style} title={hit ? te('checkInSource', hit.source) : makeable.has(key) ? t('checkIn.makeable') : undefined} data-testid={inMonth ? `check-in-day-${key}` : undefined}>{d.date()}</div>;
              }} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('checkIn.legend', { timeZone: cal.timeZone })}</Typography.Paragraph>
          </Col>
          <Col xs={24} lg={12}>
            {editable && (
              <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} initialValues={{ count: 1 }}>
                <Form.Item name="count" label={t('checkIn.grantCount')} rules={[{ required: true, message: t('form.required') }, { type: 'integer', min: 1, max: 100, message: t('checkIn.wholeBetween', { min: 1, max: 100 }) }]}>
                  <InputNumber style={{ width: 90 }} data-testid="check-in-grant-count" />
                </Form.Item>
                <Form.Item name="note" rules={[{ max: 200, message: t('checkIn.noteTooLong') }]}>
                  <Input placeholder={t('checkIn.grantNote')} style={{ width: 200 }} />
                </Form.Item>
                <Button type="primary" loading={saving} onClick={submit} data-testid="check-in-grant">{t('checkIn.grant')}</Button>
              </Form>
            )}
            {cards.error && <RequestError error={cards.error} onRetry={cards.reload} />}
            <PagedTable<CardEntry> rowKey="id" size="small" columns={columns} data={cards.data} loading={cards.loading} paging={paging} onPaging={setPaging}
              pager={{ hideOnSinglePage: true }} locale={{ emptyText: <Empty description={t('checkIn.noCards')} /> }} />
          </Col>
        </Row>
      )}
    </Card>
  );
}
