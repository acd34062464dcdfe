import { App, Popover, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { usePaging, useRequest } from '../../hooks.js';
import { formatTime } from '../../format.js';
import { errorText } from '../errors.js';
import { RequestError } from '../RequestError.js';
import { drawsApi, type DrawAttempt, type DrawEntry } from './drawsApi.js';

/** How one entry was decided: each pick's roll over the prizes and weights it saw. */
function Picks({ snapshot }: { snapshot: DrawAttempt[] }) {
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 420 }}>
      {snapshot.map((a, i) => (
        <Typography.Paragraph key={i} style={{ marginBottom: 8 }}>
          <strong>{t('draws.pickN', { n: i + 1 })}</strong> {t('draws.rollOf', { roll: a.roll, total: a.total })}
          {' → '}{a.prizes.find((p) => p.id === a.prizeId)?.name}{!a.taken && <Tag style={{ marginLeft: 6 }}>{t('draws.ranOut')}</Tag>}
          <br />
          <Typography.Text type="secondary">{a.prizes.map((p) => `${p.name} ×${p.weight}`).join(' · ')}</Typography.Text>
        </Typography.Paragraph>
      ))}
    </div>
  );
}

/** The audit trail of one draw, newest first: who drew when, in which unit, the roll, the prize and its hand-out. */
export function EntriesTable({ drawId, editable, refreshKey, onChanged }: { drawId: string; editable: boolean; refreshKey: number; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = usePaging();
  const entries = useRequest(() => drawsApi.entries(drawId, paging), [drawId, paging, refreshKey]);
  const fulfil = async (e: DrawEntry) => {
    try {
      await drawsApi.fulfil(e.awardId!);
      entries.reload();
      onChanged();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  if (entries.error && !entries.data) return <RequestError error={entries.error} onRetry={entries.reload} />;
  return (
    <Table<DrawEntry> rowKey="id" size="small" dataSource={entries.data?.items} loading={entries.loading} data-testid="draw-entries"
      locale={{ emptyText: t('draws.noEntries') }} scroll={{ x: 900 }}
      pagination={{
        current: paging.page, pageSize: paging.pageSize, total: entries.data?.total ?? 0, showTotal: (n) => t('common.total', { n }),
        onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
      }}
      columns={[
        { title: t('draws.when'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
        { title: t('draws.member'), dataIndex: 'memberName', width: 140 },
        { title: t('draws.unitKey'), dataIndex: 'unitKey', width: 110, render: (v: string) => (v === 'draw' ? t('draws.unit.draw') : v) },
        {
          title: t('draws.roll'), key: 'roll', width: 130, render: (_, e) => (
            <Popover content={<Picks snapshot={e.snapshot} />} title={t('draws.snapshot')}>
              <a>{t('draws.rollOf', { roll: e.roll, total: e.snapshot[e.snapshot.length - 1]?.total ?? 0 })}</a>
              {e.snapshot.length > 1 && <Tag color="orange" style={{ marginLeft: 6 }}>{t('draws.repicked', { n: e.snapshot.length - 1 })}</Tag>}
            </Popover>),
        },
        { title: t('draws.prize'), key: 'prize', render: (_, e) => <>{e.prizeName} <Tag>{t(`draws.kind.${e.prizeKind}` as never)}</Tag></> },
        { title: t('draws.cost'), dataIndex: 'pointsCost', width: 80, align: 'right' },
        {
          title: t('draws.handOut'), key: 'award', width: 130, render: (_, e) => {
            if (!e.awardId) return null;
            if (e.awardStatus === 'fulfilled') return <Tag color="green">{t('draws.fulfilled')}</Tag>;
            return editable ? <a onClick={() => void fulfil(e)} data-testid={`draw-fulfil-${e.id}`}>{t('draws.fulfil')}</a> : <Tag color="gold">{t('draws.pending')}</Tag>;
          },
        },
      ]} />
  );
}
