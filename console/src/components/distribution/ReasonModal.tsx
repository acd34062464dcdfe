import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';

/** Asks for the reason of a rejection (the person rejected is told it), then runs `onSubmit` with it. */
export function ReasonModal({ open, title, onSubmit, onClose }: { open: boolean; title: string; onSubmit: (reason: string) => Promise<void>; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => { if (open) form.resetFields(); }, [open, form]);
  const { saving, submit } = useFormSubmit(form, ['reason'], async (v) => { await onSubmit(v.reason.trim()); onClose(); });
  return (
    <Modal open={open} title={title} okText={t('distribution.reject')} okButtonProps={{ danger: true }} confirmLoading={saving}
      cancelText={t('common.cancel')} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('distribution.reason')} rules={[{ required: true, whitespace: true, message: t('distribution.reasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
