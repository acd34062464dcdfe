import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, type Community } from '../../api.js';

/** Several communities, searched by name on the server; ids already chosen keep their labels while searching. */
export function CommunitiesSelect({ value, onChange, placeholder, testId }: {
  value?: string[]; onChange?: (ids: string[]) => void; placeholder: string; testId?: string;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Community[]>([]);
  const [known, setKnown] = useState<Map<string, Community>>(new Map());

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api.communities({ q, pageSize: 50 }).then((p) => {
        if (stale) return;
        setFound(p.items);
        setKnown((k) => new Map([...k, ...p.items.map((c) => [c.id, c] as const)]));
      }, () => { if (!stale) setFound([]); });
    }, q ? 300 : 0);
    return () => { stale = true; clearTimeout(timer); };
  }, [q]);

  const chosen = (value ?? []).filter((id) => !found.some((c) => c.id === id)).map((id) => known.get(id) ?? { id, name: id, channel: '' });
  return (
    <Select mode="multiple" allowClear showSearch={{ filterOption: false, onSearch: setQ }} value={value} placeholder={placeholder} style={{ width: '100%' }}
      onChange={(ids: string[]) => onChange?.(ids)} data-testid={testId}
      options={[...chosen, ...found].map((c) => ({ value: c.id, label: c.channel ? `${c.name} · ${c.channel}` : c.name }))} />
  );
}
