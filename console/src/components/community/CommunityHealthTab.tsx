import { useState } from 'react';
import { Flex } from 'antd';
import { DaysPicker } from '../DaysPicker.js';
import { HealthDashboard } from '../health/HealthDashboard.js';

export function CommunityHealthTab({ communityId }: { communityId: string }) {
  const [days, setDays] = useState(30);
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <DaysPicker value={days} onChange={setDays} />
      </Flex>
      <HealthDashboard communityId={communityId} days={days} />
    </>
  );
}
