import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, type Community } from '../../api.js';

const DEBOUNCE_MS = 300;

/**
 * One active community, searched by name on the server. Unlike the filter CommunitySelect, empty means "none
 * chosen yet", not "all communities": a message goes to one group.
 */
export function CommunityPicker({ value, onChange, placeholder, testId }: {
  value?: string; onChange: (id: string | undefined) => void; placeholder: string; testId?: string;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Community[]>([]);
  const [picked, setPicked] = useState<Community>();

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api.communities({ q, status: 'active', pageSize: 20 }).then((p) => { if (!stale) setFound(p.items); }, () => { if (!stale) setFound([]); });
    }, q ? DEBOUNCE_MS : 0);
    return () => { stale = true; clearTimeout(timer); };
  }, [q]);

  const list = picked && picked.id === value && !found.some((c) => c.id === picked.id) ? [picked, ...found] : found;
  return (
    <Select allowClear showSearch={{ filterOption: false, onSearch: setQ }} value={value} placeholder={placeholder} style={{ width: '100%' }}
      onChange={(id?: string) => { setPicked(list.find((c) => c.id === id)); onChange(id); }}
      options={list.map((c) => ({ value: c.id, label: `${c.name} · ${c.channel}` }))} data-testid={testId} />
  );
}
