import { useEffect, useMemo, useState } from 'react';
import { ApiError, memberApi } from './api.js';
import { I18nContext, saveLang, savedLang, translator, type MemberKey, type MemberLang } from './i18n.js';
import { useLoad } from './hooks.js';
import { Loading, Toaster } from './ui.js';
import { PointsTab } from './PointsTab.js';
import { CheckInTab } from './CheckInTab.js';
import { RewardsTab } from './RewardsTab.js';
import { DrawsTab } from './DrawsTab.js';
import { InviteTab } from './InviteTab.js';
import { CouponsTab } from './CouponsTab.js';
import { DistributorTab } from './DistributorTab.js';
import { ShopTab } from './ShopTab.js';

type Tab = 'points' | 'check-in' | 'rewards' | 'draws' | 'invite' | 'distribution' | 'coupons' | 'shop';
const TABS: { id: Tab; label: MemberKey; icon: string }[] = [
  { id: 'points', label: 'tab.points', icon: '◎' },
  { id: 'check-in', label: 'tab.checkIn', icon: '✓' },
  { id: 'rewards', label: 'tab.rewards', icon: '🎁' },
  { id: 'shop', label: 'tab.shop', icon: '🛍' },
  { id: 'coupons', label: 'tab.coupons', icon: '券' },
  { id: 'draws', label: 'tab.draws', icon: '🎲' },
  { id: 'invite', label: 'tab.invite', icon: '✉' },
  { id: 'distribution', label: 'tab.distribution', icon: '¥' },
];

const tabOfHash = (): Tab => {
  // The shop tab has parts of its own (#/shop/orders).
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return TABS.some((t) => t.id === id) ? (id as Tab) : 'points';
};

/** The member pages: a header with the member and a language switch, the open tab, a tab bar at the bottom. */
export function MemberApp({ hasToken }: { hasToken: boolean }) {
  const [lang, setLang] = useState<MemberLang>(savedLang);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const { t } = i18n;
  const [tab, setTab] = useState<Tab>(tabOfHash);
  const me = useLoad(() => (hasToken ? memberApi.me() : Promise.reject(new ApiError(401, 'unauthorized', ''))), []);

  useEffect(() => {
    const onHash = () => setTab(tabOfHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = me.data ? `${t('app.title')} · ${me.data.workspace.name}` : t('app.title');
  }, [lang, me.data, t]);

  const switchLang = () => {
    const next = lang === 'zh-CN' ? 'en' : 'zh-CN';
    saveLang(next);
    setLang(next);
  };

  let body;
  if (me.error) {
    const refused = me.error instanceof ApiError && me.error.status === 401;
    body = (
      <div className="m-card m-error" data-testid="m-link-problem">
        <h2 className="m-h2">{refused ? t('app.linkProblem') : t('common.error', { message: me.error.message })}</h2>
        {refused && <p>{hasToken ? me.error.message : t('app.noLink')}</p>}
        <p className="m-muted">{t('app.linkHelp')}</p>
        {!refused && <button type="button" className="m-btn m-btn-plain" onClick={me.reload}>{t('app.retry')}</button>}
      </div>
    );
  } else if (!me.data) {
    body = <Loading />;
  } else if (tab === 'points') {
    body = <PointsTab me={me.data} />;
  } else if (tab === 'check-in') {
    body = <CheckInTab onChanged={me.reload} />;
  } else if (tab === 'rewards') {
    body = <RewardsTab me={me.data} onChanged={me.reload} />;
  } else if (tab === 'coupons') {
    body = <CouponsTab me={me.data} />;
  } else if (tab === 'draws') {
    body = <DrawsTab me={me.data} onChanged={me.reload} />;
  } else if (tab === 'shop') {
    body = <ShopTab me={me.data} />;
  } else if (tab === 'distribution') {
    body = <DistributorTab me={me.data} />;
  } else {
    body = <InviteTab me={me.data} />;
  }

  return (
    <I18nContext.Provider value={i18n}>
      <header className="m-header">
        <div>
          <div className="m-title">{me.data?.workspace.name ?? t('app.title')}</div>
          {me.data && <div className="m-small m-header-sub" data-testid="m-member-name">{me.data.member.name}</div>}
        </div>
        <button type="button" className="m-lang" onClick={switchLang} data-testid="m-lang">{t('app.lang')}</button>
      </header>
      <main className="m-main">{body}</main>
      {me.data && (
        <nav className="m-tabs">
          {TABS.map((x) => (
            <a key={x.id} href={`#/${x.id}`} className={x.id === tab ? 'm-tab m-tab-on' : 'm-tab'} aria-current={x.id === tab ? 'page' : undefined} data-testid={`m-tab-${x.id}`}>
              <span className="m-tab-icon" aria-hidden="true">{x.icon}</span>
              {t(x.label)}
            </a>
          ))}
        </nav>
      )}
      <Toaster />
    </I18nContext.Provider>
  );
}
