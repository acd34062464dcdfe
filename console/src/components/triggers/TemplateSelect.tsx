import { Select } from 'antd';
import { useRequest } from '../../hooks.js';
import { useTemplatesApi } from '../templates/templatesApi.js';

/** An active message template, by name. */
export function TemplateSelect({ value, onChange, testId }: { value?: string; onChange?: (id: string | undefined) => void; testId?: string }) {
  const templatesApi = useTemplatesApi();
  const { data } = useRequest(() => templatesApi.list({ page: 1, pageSize: 200, status: 'active' }), [templatesApi]);
  return (
    <Select allowClear showSearch={{ optionFilterProp: 'label' }} value={value} onChange={(id?: string) => onChange?.(id)} style={{ width: '100%' }} data-testid={testId}
      options={(data?.items ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))} />
  );
}
