import { Col, Row } from 'antd';
import { api } from '../../api.js';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { NetworkGraph } from './NetworkGraph.js';
import { NetworkSide } from './NetworkSide.js';
import { Panel } from './Panel.js';
import type { HealthWindow } from './window.js';

/** Who talks with whom in one group; a network is drawn per group, so the workspace page has none. */
export function NetworkPanel({ communityId, win }: { communityId: string; win: HealthWindow }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useRequest(
    () => api.network({ communityId, from: win.from, to: win.to }), [communityId, win.from, win.to]);
  return (
    <Panel title={t('health.network')} help={t('health.networkHelp')} loading={loading && !data} error={error} onRetry={reload}
      testId="health-network">
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}><NetworkGraph data={data} /></Col>
          <Col xs={24} xl={8}><NetworkSide data={data} /></Col>
        </Row>
      )}
    </Panel>
  );
}
