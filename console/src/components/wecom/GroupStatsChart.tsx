import { useState } from 'react';
import { Spin, Typography } from 'antd';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { DaysPicker } from '../DaysPicker.js';
import { RequestError } from '../RequestError.js';
import { TimeChart } from '../TimeChart.js';
import { groupSyncApi } from './groupSyncApi.js';

/** WeCom's own daily group statistics for a corp (pulled each morning); empty until a day has been pulled. */
export function GroupStatsChart({ corpId }: { corpId: string }) {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const { data, error, loading, reload } = useRequest(() => groupSyncApi.statistics(corpId, days), [corpId, days]);
  const rows = data?.days ?? [];
  return (
    <div style={{ marginTop: 16 }} data-testid="wecom-group-stats">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8, gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong>{t('wecom.sync.statsTitle')}</Typography.Text>
        <DaysPicker value={days} onChange={setDays} />
      </div>
      {error && !data ? <RequestError error={error} onRetry={reload} /> : !data && loading ? <Spin /> : (
        <TimeChart days={rows.map((d) => d.day)} height={240} series={[
          { name: t('wecom.sync.newMembers'), kind: 'bar', values: rows.map((d) => d.newMemberCnt) },
          { name: t('wecom.sync.newChats'), kind: 'bar', values: rows.map((d) => d.newChatCnt), color: '#faad14' },
          { name: t('wecom.sync.activeChats'), kind: 'line', values: rows.map((d) => d.chatHasMsgCnt), color: '#52c41a' },
          { name: t('wecom.sync.activeMembers'), kind: 'line', values: rows.map((d) => d.memberHasMsgCnt), color: '#722ed1' },
        ]} />
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>{t('wecom.sync.statsHelp')}</Typography.Paragraph>
    </div>
  );
}
