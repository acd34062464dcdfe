import { useEffect, useState, type ReactNode } from 'react';
import { Flex, Select, Spin, Tag, Typography } from 'antd';
import { api, type Member } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { errorText } from './errors.js';

const DEBOUNCE_MS = 300;
const LIMIT = 20;

interface Option { value: string; label: ReactNode; member: Member }

interface Props {
  /** Set by Form.Item. */
  id?: string;
  value?: string;
  onChange?: (memberId: string | undefined) => void;
  /** Whose account on this channel to show next to the name: the one an action on that channel would use. */
  channel?: string;
  placeholder?: string;
  'data-testid'?: string;
}

/** Picks one member of the workspace, searched on the server by name or external id. */
export function MemberPicker({ id, value, onChange, channel, placeholder, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Member[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  // A new search replaces the options; the chosen member stays among them so the box keeps showing its name.
  const [picked, setPicked] = useState<Member>();

  useEffect(() => {
    let stale = false;
    setLoading(true);
    const timer = setTimeout(() => {
      api.members({ q, pageSize: LIMIT }).then(
        (page) => {
          if (stale) return;
          setFound(page.items);
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (stale) return;
          setFound([]);
          setError(err);
          setLoading(false);
        },
      );
    }, q ? DEBOUNCE_MS : 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q]);

  const externalId = (m: Member) => (m.identities.find((i) => i.channel === channel) ?? m.identities[0])?.externalId;
  const members = picked && picked.id === value && !found.some((m) => m.id === picked.id) ? [picked, ...found] : found;
  const options: Option[] = members.map((m) => ({
    value: m.id,
    member: m,
    label: (
      <Flex justify="space-between" gap={8}>
        <span>
          {m.displayName}
          {m.optedOut && <Tag color="orange" style={{ marginInlineStart: 8 }}>{t('member.optedOutTag')}</Tag>}
        </span>
        <Typography.Text type="secondary" ellipsis>{externalId(m)}</Typography.Text>
      </Flex>
    ),
  }));

  return (
    <Select<string, Option>
      id={id}
      value={value}
      onChange={(v, option) => {
        setPicked(Array.isArray(option) ? undefined : option?.member);
        onChange?.(v);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      allowClear
      loading={loading}
      placeholder={placeholder ?? t('members.searchPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : error ? errorText(error, t) : t('memberPicker.none')}
      data-testid={testId}
    />
  );
}
