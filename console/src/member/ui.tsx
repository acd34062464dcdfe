import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from './api.js';
import { useT } from './i18n.js';

/** A short message at the bottom of the screen that goes away by itself. */
let showToast: (text: string) => void = () => {};
export const toast = (text: string) => showToast(text);

export function Toaster() {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    showToast = (s) => {
      setText(s);
      clearTimeout(timer);
      timer = setTimeout(() => setText(null), 2600);
    };
    return () => { clearTimeout(timer); showToast = () => {}; };
  }, []);
  return text ? <div className="m-toast" role="status" data-testid="m-toast">{text}</div> : null;
}

/** A confirmation sheet: the one place a member's points are spent or a card used. */
export function Confirm({ title, children, busy, onConfirm, onCancel }: { title: string; children: ReactNode; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useT();
  return (
    <div className="m-mask" onClick={busy ? undefined : onCancel}>
      <div className="m-dialog" role="dialog" aria-modal="true" aria-label={title} onClick={(e) => e.stopPropagation()}>
        <h3>{title}</h3>
        <div className="m-dialog-body">{children}</div>
        <div className="m-dialog-actions">
          <button type="button" className="m-btn m-btn-plain" onClick={onCancel} disabled={busy}>{t('common.cancel')}</button>
          <button type="button" className="m-btn" onClick={onConfirm} disabled={busy} data-testid="m-confirm">{t('common.confirm')}</button>
        </div>
      </div>
    </div>
  );
}

export function Loading() {
  const { t } = useT();
  return <p className="m-muted m-center">{t('app.loading')}</p>;
}

export function Failure({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useT();
  return (
    <div className="m-card m-error">
      <p>{t('common.error', { message: error.message })}</p>
      {onRetry && <button type="button" className="m-btn m-btn-plain" onClick={onRetry}>{t('app.retry')}</button>}
    </div>
  );
}

export const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** Local date and time of an instant, in the workspace's zone, as members there read them. */
export function when(iso: string, timeZone: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}
