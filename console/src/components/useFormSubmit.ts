import { useState } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../i18n/index.js';
import { applyFieldErrors, errorText, placeFieldErrors } from './errors.js';

/**
 * The OK button of a form dialog: validate, then save with the button spinning. `save` also holds what
 * follows success, so a failure there is reported like a failed save. An error the API pins on one of
 * `fields` shows under that input; anything else becomes a toast. A form whose inputs do not mirror the
 * request (a list edited as rows, a range split in two) passes `fieldOf`, which maps an API path to its input.
 */
export function useFormSubmit<V>(form: FormInstance<V>, fields: string[] | ((path: string) => (string | number)[] | null), save: (values: V) => Promise<void>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let v: V;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form already shows what is wrong
    }
    setSaving(true);
    try {
      await save(v);
    } catch (err) {
      const placed = typeof fields === 'function' ? placeFieldErrors(form, err, fields) : applyFieldErrors(form, err, fields);
      if (!placed) message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  return { saving, submit };
}
