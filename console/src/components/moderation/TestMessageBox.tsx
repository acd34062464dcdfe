import { useEffect, useState } from 'react';
import { Alert, Card, Flex, Input, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { moderationApi, type RuleSettings, type Scope, type TestResult } from './moderationApi.js';

const DEBOUNCE_MS = 400;

/**
 * "Test a message": judges what the operator types against the rules being edited (the unsaved draft, so
 * a change shows before it is saved), a moment after they stop typing. Nothing is recorded.
 */
export function TestMessageBox({ scope, rules }: { scope: Scope; rules: RuleSettings | undefined }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [result, setResult] = useState<TestResult>();
  const [error, setError] = useState<string>();
  const draft = JSON.stringify(rules ?? null);

  useEffect(() => {
    if (!text.trim()) {
      setResult(undefined);
      setError(undefined);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      moderationApi.test({ scope, text, ...(rules ? { rules } : {}) }).then(
        (r) => { if (!stale) { setResult(r); setError(undefined); } },
        (e: unknown) => { if (!stale) setError(errorText(e, t)); },
      );
    }, DEBOUNCE_MS);
    return () => { stale = true; clearTimeout(timer); };
    // The draft is compared by its JSON: the form hands a new object on every render.
  }, [text, draft, JSON.stringify(scope)]);

  return (
    <Card title={t('moderation.test.title')} size="small" data-testid="moderation-test">
      <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('moderation.test.placeholder')} data-testid="moderation-test-input" />
      <div style={{ marginTop: 12 }} data-testid="moderation-test-result">
        {error ? <Alert type="error" message={error} showIcon />
          : !result ? <Typography.Text type="secondary">{t('moderation.test.hint')}</Typography.Text>
          : result.findings.length === 0 ? <Tag color="green" data-testid="moderation-test-clean">{t('moderation.test.clean')}</Tag> : (
            <Flex vertical gap={8}>
              {result.findings.map((f, i) => (
                <div key={i} data-testid="moderation-finding">
                  <Tag color="red">{t(`moderation.rule.${f.rule}`)}</Tag>
                  <Tag>{f.category}</Tag>
                  <Typography.Text code>{f.evidence}</Typography.Text>
                </div>
              ))}
              {result.step && <Typography.Text>{t('moderation.test.step', { step: t(`moderation.step.${result.step}`) })}</Typography.Text>}
            </Flex>
          )}
      </div>
    </Card>
  );
}
