import { useState } from 'react';
import { memberApi, posterUrl, type Campaign, type Me } from './api.js';
import { useT } from './i18n.js';
import { useLoad } from './hooks.js';
import { errorText, Failure, Loading, toast, when } from './ui.js';

/** 邀请: each open fission campaign with the member's progress, taking part, and their personal poster. */
export function InviteTab({ me }: { me: Me }) {
  const { t, lang } = useT();
  const { data, error, reload } = useLoad(() => memberApi.invites(), []);
  const [busy, setBusy] = useState<string | null>(null);

  const join = async (c: Campaign) => {
    setBusy(c.campaignId);
    try {
      await memberApi.join(c.campaignId);
      reload();
    } catch (e) {
      toast(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  if (error && !data) return <Failure error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return (
    <section>
      {data.items.length === 0 && <p className="m-muted m-center">{t('invite.empty')}</p>}
      {data.items.map((c) => {
        const done = Math.min(c.qualified, c.goal);
        return (
          <div key={c.campaignId} className="m-card" data-testid={`m-campaign-${c.name}`}>
            <div className="m-row m-row-flat">
              <strong>{c.name}</strong>
              {c.endsAt && <span className="m-muted m-small">{t('invite.ends', { date: when(c.endsAt, me.workspace.timeZone, lang) })}</span>}
            </div>
            <div className="m-small">
              {t('invite.goal', { n: c.goal })}
              {c.rewardKind === 'points' && c.rewardPoints ? ` · ${t('invite.rewardPoints', { n: c.rewardPoints })}` : ''}
              {c.rewardKind === 'reward' && c.rewardName ? ` · ${t('invite.rewardItem', { name: c.rewardName })}` : ''}
            </div>
            <div className="m-muted m-small">{t('invite.hold', { n: c.holdHours })}</div>
            {c.joined ? (
              <>
                <div className="m-bar" role="progressbar" aria-valuemin={0} aria-valuemax={c.goal} aria-valuenow={done}>
                  <div style={{ width: `${(100 * done) / c.goal}%` }} />
                </div>
                <div className="m-small" data-testid="m-invite-progress">
                  {c.completed ? t('invite.done') : t('invite.progress', { done, goal: c.goal })}
                  {c.pending > 0 ? ` · ${t('invite.pending', { n: c.pending })}` : ''}
                </div>
                <img className="m-poster" src={posterUrl(c.campaignId)} alt={c.name} data-testid="m-poster" />
                <p className="m-muted m-small m-center">{t('invite.poster')}</p>
                <a className="m-btn m-block m-center" href={posterUrl(c.campaignId, 'share')} download="poster.png">{t('invite.share')}</a>
              </>
            ) : (
              <button type="button" className="m-btn m-block" disabled={busy === c.campaignId} onClick={() => join(c)}>{t('invite.join')}</button>
            )}
          </div>
        );
      })}
    </section>
  );
}
