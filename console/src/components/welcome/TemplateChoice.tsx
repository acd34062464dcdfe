import { useEffect, useState } from 'react';
import { Alert, Flex, Select, Spin, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { ContentPreview } from '../templates/ContentPreview.js';
import { useTemplatesApi, type Template, type TemplateListItem } from '../templates/templatesApi.js';

const DEBOUNCE_MS = 300;

interface Props {
  /** Set by Form.Item. */
  id?: string;
  value?: string;
  onChange?: (templateId: string | undefined) => void;
  /** A group message has no single member: say so when a variant greets one by name. */
  audience: 'group' | 'private';
  allowClear?: boolean;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * A template from the templates list (active ones, searched by name on the server), with what its variants
 * say underneath, so the operator sees the words before wiring them to every newcomer.
 */
export function TemplateChoice({ id, value, onChange, audience, allowClear, placeholder, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const templatesApi = useTemplatesApi();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<TemplateListItem[]>([]);
  const [chosen, setChosen] = useState<Template | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      templatesApi.list({ q, status: 'active', pageSize: 50 }).then((p) => { if (!stale) setFound(p.items); }, () => { if (!stale) setFound([]); });
    }, q ? DEBOUNCE_MS : 0);
    return () => { stale = true; clearTimeout(timer); };
  }, [q, templatesApi]);

  useEffect(() => {
    if (!value) { setChosen(null); return; }
    let stale = false;
    setLoading(true);
    templatesApi.get(value).then(
      (tpl) => { if (!stale) { setChosen(tpl); setError(null); setLoading(false); } },
      (e: unknown) => { if (!stale) { setChosen(null); setError(e); setLoading(false); } },
    );
    return () => { stale = true; };
  }, [value, templatesApi]);

  const options = found.map((x) => ({ value: x.id, label: x.name }));
  if (chosen && !found.some((x) => x.id === chosen.id)) options.unshift({ value: chosen.id, label: chosen.name });
  const variants = chosen?.variants.filter((v) => !v.retired && v.weight > 0) ?? [];
  const greetsOne = audience === 'group' && variants.some((v) => Object.values(v.content).some((s) => typeof s === 'string' && /\{\{\s*member\.name\s*\}\}/.test(s)));

  return (
    <Flex vertical gap={8} style={{ width: '100%' }}>
      <Select id={id} showSearch={{ filterOption: false, onSearch: setQ }} allowClear={allowClear} value={value} placeholder={placeholder ?? t('welcome.pickTemplate')}
        onChange={(v?: string) => onChange?.(v)} options={options} notFoundContent={t('welcome.noTemplates')} data-testid={testId} />
      {value && (
        <Spin spinning={loading}>
          {error ? <Alert type="error" showIcon title={errorText(error, t)} /> : chosen && (
            <Flex vertical gap={6} data-testid={testId ? `${testId}-preview` : undefined}>
              {chosen.status !== 'active' && <Alert type="warning" showIcon title={t('welcome.templateArchived')} />}
              {greetsOne && <Alert type="warning" showIcon title={t('welcome.groupMemberName')} />}
              {variants.map((v) => (
                <Flex key={v.key} gap={8} align="flex-start">
                  {variants.length > 1 && <Tag>{v.key}</Tag>}
                  <ContentPreview type={chosen.contentType} content={v.content} />
                </Flex>
              ))}
              {variants.length === 0 && <Typography.Text type="secondary">{t('templates.nothingToSend')}</Typography.Text>}
            </Flex>
          )}
        </Spin>
      )}
    </Flex>
  );
}
