import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, type Community } from '../../api.js';

const DEBOUNCE_MS = 300;

/** Several active communities, searched by name on the server; ids chosen earlier keep their names. */
export function CommunitiesPicker({ value, onChange, placeholder }: { value?: string[]; onChange?: (ids: string[]) => void; placeholder: string }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Community[]>([]);
  const [known, setKnown] = useState<Map<string, Community>>(new Map());

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api.communities({ q, status: 'active', pageSize: 20 }).then((p) => { if (!stale) setFound(p.items); }, () => { if (!stale) setFound([]); });
    }, q ? DEBOUNCE_MS : 0);
    return () => { stale = true; clearTimeout(timer); };
  }, [q]);

  // A saved plan arrives with ids only: look their names up once (the first 50; more show as ids).
  useEffect(() => {
    const missing = (value ?? []).filter((id) => !known.has(id)).slice(0, 50);
    if (!missing.length) return;
    let stale = false;
    void Promise.all(missing.map((id) => api.community(id).catch(() => null))).then((list) => {
      if (stale) return;
      setKnown((m) => { const next = new Map(m); for (const c of list) if (c) next.set(c.id, c); return next; });
    });
    return () => { stale = true; };
  }, [value, known]);

  const options = new Map<string, string>();
  for (const id of value ?? []) options.set(id, known.get(id)?.name ?? id);
  for (const c of found) options.set(c.id, c.name);
  return (
    <Select mode="multiple" allowClear showSearch={{ filterOption: false, onSearch: setQ }} value={value ?? []} placeholder={placeholder}
      onChange={(ids: string[]) => {
        setKnown((m) => { const next = new Map(m); for (const c of found) if (ids.includes(c.id)) next.set(c.id, c); return next; });
        onChange?.(ids);
      }}
      options={[...options].map(([id, name]) => ({ value: id, label: name }))} data-testid="sop-communities" />
  );
}
