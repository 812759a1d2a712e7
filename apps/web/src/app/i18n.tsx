import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'vi' | 'en';
/** A text in both languages. UI text lives next to the component that shows it. */
export interface Text {
  vi: string;
  en: string;
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'vi', setLang: () => undefined });
const STORAGE_KEY = 'motcua.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch {
    // private mode: Vietnamese by default
  }
  return 'vi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export type Translate = (text: Text, vars?: Record<string, string | number>) => string;

/** `t({ vi: 'Xin chào {name}', en: 'Hello {name}' }, { name })` in the current language. */
export function useT(): Translate {
  const { lang } = useLang();
  return useCallback(
    (text: Text, vars?: Record<string, string | number>) => {
      const s = text[lang];
      return vars ? s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : s;
    },
    [lang],
  );
}

const dateTimeFormat = {
  vi: new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
};
const dateFormat = {
  vi: new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: 'short',
    year: 'numeric',
  }),
};

/** Date and time in Vietnam time, for the current language; '—' when absent. */
export function useFormat() {
  const { lang } = useLang();
  return useMemo(
    () => ({
      dateTime: (iso: string | null | undefined) => (iso ? dateTimeFormat[lang].format(new Date(iso)) : '—'),
      date: (iso: string | null | undefined) => (iso ? dateFormat[lang].format(new Date(iso)) : '—'),
      money: (vnd: number) => `${new Intl.NumberFormat('vi-VN').format(vnd)} ₫`,
      number: (n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n),
    }),
    [lang],
  );
}
