import { useEffect } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import type { StaffTask } from './tasksApi.js';

export const MAX_NOTE = 1000;

interface Props {
  /** What closing means: done, or dismissed (then the note is the reason). */
  mode: 'complete' | 'dismiss';
  task: StaffTask | null;
  onClose: () => void;
  onSubmit: (task: StaffTask, note: string | undefined) => Promise<void>;
}

export function CloseTaskModal({ mode, task, onClose, onSubmit }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  useEffect(() => { if (task) form.resetFields(); }, [task, form]);
  const { saving, submit } = useFormSubmit(form, ['note'], async (v) => {
    await onSubmit(task!, v.note?.trim() || undefined);
  });
  const complete = mode === 'complete';
  return (
    <Modal open={!!task} title={complete ? t('tasks.completeTitle') : t('tasks.dismissTitle')}
      okText={complete ? t('tasks.complete') : t('tasks.dismiss')} okButtonProps={{ danger: !complete, 'data-testid': 'task-close-ok' }}
      cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph strong>{task?.title}</Typography.Paragraph>
      {task?.kind === 'confirm_send' && (
        <Typography.Paragraph type="secondary">{complete ? t('tasks.completeSendHelp') : t('tasks.dismissSendHelp')}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item name="note" label={complete ? t('tasks.note') : t('tasks.reason')} rules={[{ max: MAX_NOTE }]}>
          <Input.TextArea maxLength={MAX_NOTE} showCount autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('tasks.notePlaceholder')} data-testid="task-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
