import { Select } from 'antd';
import { api } from '../../api.js';
import { useRequest } from '../../hooks.js';

/** A staff member who can act on tasks (operators and above; analysts only read). */
export function StaffSelect({ value, onChange, placeholder, testId }: { value?: string | null; onChange?: (id: string | undefined) => void; placeholder: string; testId?: string }) {
  const { data } = useRequest(() => api.staff({ page: 1, pageSize: 200 }), []);
  return (
    <Select allowClear value={value ?? undefined} onChange={(id?: string) => onChange?.(id)} placeholder={placeholder} style={{ width: '100%' }} data-testid={testId}
      options={(data?.items ?? []).filter((s) => s.role !== 'analyst').map((s) => ({ value: s.userId, label: `${s.name} · ${s.email}` }))} />
  );
}
