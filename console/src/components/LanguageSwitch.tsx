import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n/index.js';

/** The language switch, on the login page and in the header alike, so both always offer the same languages. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[{ value: 'zh-CN', label: t('lang.zh') }, { value: 'en-US', label: t('lang.en') }]}
    />
  );
}
