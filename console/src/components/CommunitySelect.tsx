import { useEffect, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { api, type Community } from '../api.js';
import { useI18n } from '../i18n/index.js';

const DEBOUNCE_MS = 300;
const LIMIT = 20;

/**
 * One community of the workspace, searched on the server by name; empty means all of them. `channel` limits
 * the search to one platform's groups; `placeholder` replaces "all communities" where empty means "none yet".
 */
export function CommunitySelect({ value, onChange, style, channel, placeholder }: {
  value?: string; onChange: (id: string | undefined) => void; style?: CSSProperties; channel?: string; placeholder?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Community[]>([]);
  const [current, setCurrent] = useState<Community>();

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      api.communities({ q, channel, pageSize: LIMIT }).then((page) => { if (!stale) setFound(page.items); }, () => { if (!stale) setFound([]); });
    }, q ? DEBOUNCE_MS : 0);
    return () => { stale = true; clearTimeout(timer); };
  }, [q, channel]);

  // A link can arrive with an id that the first page of results does not hold: fetch its name once.
  useEffect(() => {
    if (!value || current?.id === value || found.some((c) => c.id === value)) return;
    let stale = false;
    api.community(value).then((c) => { if (!stale) setCurrent(c); }, () => undefined);
    return () => { stale = true; };
  }, [value, found, current]);

  const list = current && current.id === value && !found.some((c) => c.id === current.id) ? [current, ...found] : found;
  return (
    <Select
      allowClear showSearch
      filterOption={false}
      onSearch={setQ}
      // null, not undefined: an undefined value would leave the Select uncontrolled, still showing the last
      // pick after the parent cleared it (the live-code pool adds a group and empties the picker).
      value={value ?? null}
      onChange={(id?: string) => {
        setCurrent(list.find((c) => c.id === id));
        onChange(id);
      }}
      placeholder={placeholder ?? t('members.allCommunities')}
      options={list.map((c) => ({ value: c.id, label: c.name }))}
      style={style}
      data-testid="community-select"
    />
  );
}
