import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { REWARD_KINDS, rewardsApi, type Reward, type RewardInput } from './rewardsApi.js';

const NEW_REWARD: RewardInput = { name: '', description: '', kind: 'physical', costPoints: 100, stock: null, perMemberLimit: null, enabled: true };
const FIELDS = ['name', 'description', 'kind', 'costPoints', 'stock', 'perMemberLimit'];

/** Adds a reward, or edits one (`reward` given); stock is what is left from now on. */
export function RewardFormModal({ open, reward, onClose, onSaved }: { open: boolean; reward: Reward | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RewardInput>();
  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('points.wholeBetween', { min, max }) });
  const { saving, submit } = useFormSubmit(form, FIELDS, async (v) => {
    const body = { ...v, description: v.description ?? '', stock: v.stock ?? null, perMemberLimit: v.perMemberLimit ?? null };
    if (reward) await rewardsApi.update(reward.id, body);
    else await rewardsApi.create(body);
    onSaved();
  });
  return (
    <Modal open={open} title={reward ? t('rewards.edit') : t('rewards.add')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden okButtonProps={{ 'data-testid': 'reward-save' } as never}>
      {/* The dialog's content is mounted afresh on each opening, so its starting values are initial values. */}
      <Form form={form} layout="vertical" preserve={false} initialValues={reward ?? NEW_REWARD}>
        <Form.Item name="name" label={t('rewards.name')} rules={[{ required: true, whitespace: true, message: t('rewards.nameRequired') }]}><Input maxLength={100} data-testid="reward-name" /></Form.Item>
        <Form.Item name="description" label={t('rewards.description')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        <Form.Item name="kind" label={t('rewards.kind')}><Select options={REWARD_KINDS.map((k) => ({ value: k, label: t(`rewards.kind.${k}` as never) }))} /></Form.Item>
        <Form.Item name="costPoints" label={t('rewards.cost')} rules={[{ required: true, message: t('points.wholeBetween', { min: 1, max: 10000000 }) }, whole(1, 10000000)]}>
          <InputNumber data-testid="reward-cost" />
        </Form.Item>
        <Form.Item name="stock" label={t('rewards.stock')} extra={t('rewards.stockHelp')} rules={[whole(0, 1000000)]}><InputNumber placeholder={t('rewards.unlimited')} data-testid="reward-stock" /></Form.Item>
        <Form.Item name="perMemberLimit" label={t('rewards.perMember')} rules={[whole(1, 1000)]}><InputNumber placeholder={t('rewards.unlimited')} /></Form.Item>
        <Form.Item name="enabled" label={t('rewards.enabled')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}
