import { App, Form, Input, Modal, Select } from 'antd';
import { api, ROLES, type Role } from '../api.js';
import { useAuth } from '../auth.js';
import { useI18n } from '../i18n/index.js';
import { useFormSubmit } from './useFormSubmit.js';

interface Values { email: string; name: string; role: Role; password: string }

export const MIN_PASSWORD = 10;

export function AddStaffModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useFormSubmit(form, ['email', 'name', 'role', 'password'], async (v) => {
    await api.addStaff({ email: v.email.trim(), name: v.name.trim(), role: v.role, password: v.password });
    message.success(t('staff.added'));
    onAdded();
  });

  return (
    <Modal open={open} title={t('staff.add')} okText={t('common.create')} cancelText={t('common.cancel')}
      confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ role: 'operator' }} autoComplete="off">
        <Form.Item name="email" label={t('staff.email')}
          rules={[{ required: true, message: t('form.required') }, { type: 'email', message: t('form.email') }]}>
          <Input autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t('staff.role')} rules={[{ required: true }]} extra={t('staff.roleHelp')}>
          <Select options={ROLES.filter((r) => r !== 'owner' || can('owner')).map((r) => ({ value: r, label: te('role', r) }))} />
        </Form.Item>
        <Form.Item name="password" label={t('staff.password')} extra={t('staff.passwordHelp', { n: MIN_PASSWORD })}
          rules={[{ required: true, message: t('form.required') }, { min: MIN_PASSWORD, message: t('staff.passwordHelp', { n: MIN_PASSWORD }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
