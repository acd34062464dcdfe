import { useState } from 'react';
import { App, Button, Form, Space } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { newIdempotencyKey } from '../idempotencyKey.js';
import { MemberPicker } from '../MemberPicker.js';
import { drawsApi } from './drawsApi.js';

/**
 * An operator draws on behalf of a member (a member who asked in the chat). The key is made when the member
 * is picked and kept until a draw succeeds, so a retried or double click answers the same draw.
 */
export function DrawForMember({ drawId, onDrawn }: { drawId: string; onDrawn: () => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [memberId, setMemberId] = useState<string>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!memberId) return;
    setBusy(true);
    try {
      const e = await drawsApi.drawFor(drawId, { memberId, idempotencyKey: key });
      modal.info({ title: t('draws.result'), content: t(e.created === false ? 'draws.resultAgain' : 'draws.resultText', { name: e.memberName, prize: e.prizeName }) });
      setKey(newIdempotencyKey());
      onDrawn();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="inline">
      <Space wrap>
        <Form.Item label={t('draws.drawFor')} style={{ margin: 0 }}>
          <div style={{ width: 260 }}>
            <MemberPicker value={memberId} onChange={(id) => { setMemberId(id); setKey(newIdempotencyKey()); }} placeholder={t('draws.pickMember')} data-testid="draw-member" />
          </div>
        </Form.Item>
        <Button type="primary" disabled={!memberId} loading={busy} onClick={() => void run()} data-testid="draw-run">{t('draws.drawNow')}</Button>
      </Space>
    </Form>
  );
}
