import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, type Community } from '../../api.js';
import { useI18n } from '../../i18n/index.js';

const DEBOUNCE_MS = 300;

interface Props {
  id?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Names of the communities already chosen (the flow as saved), so they show before any search. */
  known?: { id: string; name: string }[];
}

/** Several communities, searched by name on the server. */
export function CommunitiesChoice({ id, value, onChange, known = [] }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Community[]>([]);
  const [names, setNames] = useState(() => new Map(known.map((c) => [c.id, c.name])));

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api.communities({ q, pageSize: 20 }).then((p) => { if (!stale) setFound(p.items); }, () => { if (!stale) setFound([]); });
    }, q ? DEBOUNCE_MS : 0);
    return () => { stale = true; clearTimeout(timer); };
  }, [q]);

  const options = [...(value ?? []).filter((v) => !found.some((c) => c.id === v)).map((v) => ({ value: v, label: names.get(v) ?? v })),
    ...found.map((c) => ({ value: c.id, label: `${c.name} · ${c.channel}` }))];
  return (
    <Select id={id} mode="multiple" showSearch={{ filterOption: false, onSearch: setQ }} value={value} placeholder={t('welcome.pickCommunities')}
      onChange={(ids: string[]) => {
        setNames((prev) => new Map([...prev, ...found.filter((c) => ids.includes(c.id)).map((c) => [c.id, c.name] as const)]));
        onChange?.(ids);
      }}
      options={options} data-testid="welcome-communities" />
  );
}
