import { useEffect, useState } from 'react';
import { App, Form, InputNumber, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { newIdempotencyKey } from '../idempotencyKey.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { distributionApi, yuan, type Distributor } from './distributionApi.js';

/** An operator asks for a withdrawal on a distributor's behalf; one key per opening, so a double click asks once. */
export function WithdrawModal({ distributor, onClose, onDone }: { distributor: Distributor | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amountYuan: number }>();
  const [key, setKey] = useState(newIdempotencyKey);
  useEffect(() => { if (distributor) { form.resetFields(); setKey(newIdempotencyKey()); } }, [distributor, form]);
  const { saving, submit } = useFormSubmit(form, ['amountCents'], async (v) => {
    await distributionApi.requestWithdrawal(distributor!.id, { amountCents: Math.round(v.amountYuan * 100), idempotencyKey: key });
    message.success(t('distribution.withdrawRequested'));
    onDone();
    onClose();
  });
  return (
    <Modal open={!!distributor} title={t('distribution.withdrawTitle', { name: distributor?.name ?? '' })} okText={t('distribution.withdraw')}
      cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>{t('distribution.availableNow', { amount: yuan(distributor?.availableCents ?? 0) })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="amountYuan" label={t('distribution.amount')}
          rules={[{ required: true, message: t('distribution.required') }, { type: 'number', min: 0.01, max: (distributor?.availableCents ?? 0) / 100, message: t('distribution.amountRange') }]}>
          <InputNumber addonBefore="¥" precision={2} style={{ width: 200 }} data-testid="withdraw-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
