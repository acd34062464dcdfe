import { Tabs, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { RulesTab } from '../components/moderation/RulesTab.js';
import { ViolationsTab } from '../components/moderation/ViolationsTab.js';
import { MemberListTab } from '../components/moderation/MemberListTab.js';
import { StatsTab } from '../components/moderation/StatsTab.js';

/** 群管理: rules per scope with a live test box, the decision log, the block and allow lists, and per-group stats. */
export default function ModerationPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [q, setQ] = useUrlState({ tab: 'rules' });
  const editable = can('operator');
  return (
    <>
      <PageHeader title={t('nav.moderation')} testId="moderation-title" />
      <Typography.Paragraph type="secondary">{t('moderation.intro')}</Typography.Paragraph>
      <Tabs activeKey={q.tab} onChange={(tab) => setQ({ tab })} destroyOnHidden items={[
        { key: 'rules', label: t('moderation.tab.rules'), children: <RulesTab editable={editable} /> },
        { key: 'violations', label: <span data-testid="tab-violations">{t('moderation.tab.violations')}</span>, children: <ViolationsTab editable={editable} /> },
        { key: 'lists', label: t('moderation.tab.lists'), children: <><MemberListTab list="blocks" editable={editable} /><div style={{ height: 24 }} /><MemberListTab list="allow-list" editable={editable} /></> },
        { key: 'stats', label: t('moderation.tab.stats'), children: <StatsTab /> },
      ]} />
    </>
  );
}
