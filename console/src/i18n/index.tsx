import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import type { Locale } from 'antd/es/locale/index.js';
import antdZh from 'antd/es/locale/zh_CN.js';
import antdEn from 'antd/es/locale/en_US.js';
import { zhCN, type MessageKey } from './zh-CN.js';
import { enUS } from './en-US.js';

export type Lang = 'zh-CN' | 'en-US';
export type { MessageKey };
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const STORAGE_KEY = 'shequn.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };
// Under NodeNext the type checker models antd's locale files as CommonJS (default = the module object) while
// the bundler loads them as ES modules (default = the locale); accept either shape.
function unwrapLocale(mod: unknown): Locale {
  const m = mod as Locale & { default?: Locale };
  return m.locale ? m : (m.default as Locale);
}
const antdLocales: Record<Lang, Locale> = { 'zh-CN': unwrapLocale(antdZh), 'en-US': unwrapLocale(antdEn) };
const dayjsLocales: Record<Lang, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    // Storage can be blocked (private mode, sandboxed frames); Chinese is the product's first language.
  }
  return 'zh-CN';
}

function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** Label for a server enum value (type, status, role...); unknown values show as they are. */
  te: (group: string, value: string | null | undefined) => string;
  antdLocale: Locale;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisting the choice is acceptable; it still applies to this tab.
    }
  }, []);

  // dayjs keeps its locale globally; switching it during render keeps dates and AntD pickers in step.
  dayjs.locale(dayjsLocales[lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = dictionaries[lang]['app.title'];
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const t: Translate = (key, vars) => format(dict[key], vars);
    const te = (group: string, v: string | null | undefined) => {
      if (v === null || v === undefined || v === '') return '';
      const key = `enum.${group}.${v}`;
      return key in dict ? dict[key as MessageKey] : v;
    };
    return { lang, setLang, t, te, antdLocale: antdLocales[lang] };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
