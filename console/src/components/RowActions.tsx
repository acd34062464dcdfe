import { useState } from 'react';
import { App, Button, Popconfirm, Switch } from 'antd';
import { useI18n } from '../i18n/index.js';
import { errorText } from './errors.js';

/**
 * The one-click actions of a list row (enable, pause, delete): which row is busy, and a toast either way.
 * `onDone` reloads whatever the action changed.
 */
export function useRowAction(onDone: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (id: string, what: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await what();
      message.success(done);
      onDone();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };
  return { busy, act };
}

interface EnabledSwitchProps {
  checked: boolean;
  editable: boolean;
  busy: boolean;
  testId?: string;
  onChange: (on: boolean) => void;
}

export function EnabledSwitch({ checked, editable, busy, testId, onChange }: EnabledSwitchProps) {
  return <Switch checked={checked} disabled={!editable} loading={busy} data-testid={testId} onChange={onChange} />;
}

interface DeleteActionProps {
  confirm: string;
  label: string;
  disabled?: boolean;
  onConfirm: () => Promise<unknown>;
}

/** A red button behind a confirmation; `disabled` keeps the confirmation's text but refuses the delete. */
export function DeleteAction({ confirm, label, disabled, onConfirm }: DeleteActionProps) {
  const { t } = useI18n();
  return (
    <Popconfirm title={confirm} okText={label} okButtonProps={{ danger: true, disabled }} cancelText={t('common.cancel')} onConfirm={onConfirm}>
      <Button size="small" danger>{label}</Button>
    </Popconfirm>
  );
}
