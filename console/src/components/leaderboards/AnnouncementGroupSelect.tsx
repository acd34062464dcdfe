import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, canActOn, type Community } from '../../api.js';
import { useI18n } from '../../i18n/index.js';

/** One active group Shequn can post in (an outbound channel), searched on the server by name. */
export function AnnouncementGroupSelect({ value, onChange, id }: { value?: string; onChange?: (id: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Community[]>([]);
  const [current, setCurrent] = useState<{ id: string; name: string }>();

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api.communities({ q, status: 'active', pageSize: 50 }).then((p) => { if (!stale) setFound(p.items.filter(canActOn)); }, () => { if (!stale) setFound([]); });
    }, q ? 300 : 0);
    return () => { stale = true; clearTimeout(timer); };
  }, [q]);

  // A saved board's group may not be on the first page of results: fetch its name once.
  useEffect(() => {
    if (!value || current?.id === value || found.some((c) => c.id === value)) return;
    let stale = false;
    api.community(value).then((c) => { if (!stale) setCurrent(c); }, () => undefined);
    return () => { stale = true; };
  }, [value, found, current]);

  const options = [...(current && current.id === value && !found.some((c) => c.id === current.id) ? [current] : []), ...found];
  return (
    <Select id={id} allowClear showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={(v?: string) => onChange?.(v)}
      placeholder={t('leaderboards.announceGroupPlaceholder')} options={options.map((c) => ({ value: c.id, label: c.name }))}
      notFoundContent={t('leaderboards.noWritableGroup')} data-testid="leaderboard-announce-group" />
  );
}
