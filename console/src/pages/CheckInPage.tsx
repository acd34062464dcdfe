import { useState } from 'react';
import { Col, Flex, Row, Spin, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { CheckInSettingsForm } from '../components/check-in/CheckInSettingsForm.js';
import { DailyCheckInsChart } from '../components/check-in/DailyCheckInsChart.js';
import { CheckInLeaderboardTable } from '../components/check-in/CheckInLeaderboardTable.js';
import { MemberCheckInCard } from '../components/check-in/MemberCheckInCard.js';
import { checkInApi, type CheckInSettingsView } from '../components/check-in/checkInApi.js';

/** 签到: the settings, how many check in each day, who has the longest streak, and one member's calendar and cards. */
export default function CheckInPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const settings = useRequest(() => checkInApi.settings(), []);
  const [saved, setSaved] = useState<CheckInSettingsView>();
  const [q, setQ] = useUrlState({ member: '' });
  // A saved setting (a reset period) changes the streaks shown below: they are read again.
  const [refreshKey, setRefreshKey] = useState(0);
  const view = saved ?? settings.data;

  return (
    <>
      <PageHeader title={t('nav.checkIn')} testId="check-in-title" />
      <Typography.Paragraph type="secondary">{t('checkIn.intro')}</Typography.Paragraph>
      <Flex vertical gap={24}>
        {settings.error && !view ? <RequestError error={settings.error} onRetry={settings.reload} />
          : view ? <CheckInSettingsForm view={view} editable={can('admin')} onSaved={(v) => { setSaved(v); setRefreshKey((n) => n + 1); }} /> : <Spin />}
        <Row gutter={[24, 24]}>
          <Col xs={24} xl={12}><DailyCheckInsChart refreshKey={refreshKey} /></Col>
          <Col xs={24} xl={12}><CheckInLeaderboardTable refreshKey={refreshKey} onPick={(member) => setQ({ member })} /></Col>
        </Row>
        <MemberCheckInCard memberId={q.member || undefined} onMember={(member) => setQ({ member: member ?? '' })} editable={can('operator')} refreshKey={refreshKey} />
      </Flex>
    </>
  );
}
