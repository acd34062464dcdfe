import { useState } from 'react';
import { Col, Flex, Row, Select, Space, Spin, Typography } from 'antd';
import { COMMUNITY_TYPES, type CommunityType } from '../../api.js';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { CommunitySelect } from '../CommunitySelect.js';
import { RequestError } from '../RequestError.js';
import { LadderCard } from './LadderCard.js';
import { RuleSetEditor } from './RuleSetEditor.js';
import { WordListCard } from './WordListCard.js';
import { moderationApi, type RuleSet, type Scope } from './moderationApi.js';

const keyOf = (s: Scope) => s.kind === 'workspace' ? 'workspace' : s.kind === 'community_type' ? `type:${s.communityType}` : `community:${s.communityId}`;
const matches = (r: RuleSet, s: Scope) => keyOf(s) === keyOf(r.scope.kind === 'community' ? { kind: 'community', communityId: r.scope.communityId! }
  : r.scope.kind === 'community_type' ? { kind: 'community_type', communityType: r.scope.communityType! } : { kind: 'workspace' });

/** Rules: pick a scope (the default, a community type, one group), edit its rule set and test it; the word lists and the ladder beside. */
export function RulesTab({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const sets = useRequest(() => moderationApi.ruleSets(), []);
  const words = useRequest(() => moderationApi.words(), []);
  const settings = useRequest(() => moderationApi.settings(), []);
  const [scope, setScope] = useState<Scope>({ kind: 'workspace' });
  const current = sets.data?.items.find((r) => matches(r, scope));
  const kindValue = scope.kind === 'community_type' ? `type:${scope.communityType}` : scope.kind;

  if (sets.error && !sets.data) return <RequestError error={sets.error} onRetry={sets.reload} />;
  if (!sets.data) return <Spin />;
  return (
    <Flex vertical gap={24}>
      <Space wrap align="center">
        <Typography.Text strong>{t('moderation.scope')}</Typography.Text>
        <Select style={{ width: 220 }} value={kindValue} data-testid="moderation-scope" onChange={(v: string) => setScope(
          v === 'workspace' ? { kind: 'workspace' } : v === 'community' ? { kind: 'community', communityId: '' } : { kind: 'community_type', communityType: v.slice(5) as CommunityType })}
          options={[
            { value: 'workspace', label: t('moderation.scope.workspace') },
            ...COMMUNITY_TYPES.map((ct) => ({ value: `type:${ct}`, label: t('moderation.scope.type', { type: t(`enum.type.${ct}`) }) })),
            { value: 'community', label: t('moderation.scope.community') },
          ]} />
        {scope.kind === 'community' && <CommunitySelect value={scope.communityId || undefined} onChange={(id) => setScope({ kind: 'community', communityId: id ?? '' })} style={{ width: 260 }} placeholder={t('moderation.pickGroup')} />}
        <Typography.Text type="secondary">{current ? t('moderation.hasRules', { version: current.version }) : t('moderation.noRules')}</Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('moderation.precedence')}</Typography.Paragraph>
      {scope.kind === 'community' && !scope.communityId ? <Typography.Text type="secondary">{t('moderation.pickGroup')}</Typography.Text> : (
        <RuleSetEditor key={keyOf(scope)} scope={scope} ruleSet={current} defaults={sets.data.defaults} categories={words.data?.categories ?? []}
          editable={editable} onSaved={() => sets.reload()} />
      )}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={14}><WordListCard categories={words.data?.categories ?? []} editable={editable} onChanged={words.reload} /></Col>
        <Col xs={24} xl={10}><LadderCard settings={settings.data} editable={editable} onSaved={settings.reload} /></Col>
      </Row>
    </Flex>
  );
}
