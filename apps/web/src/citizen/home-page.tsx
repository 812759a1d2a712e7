import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { useAuth } from '../app/auth.tsx';
import { useT } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Loading, Page } from '../ui/ui.tsx';
import { queryKeys, type ProcedureField, type ProcedureSummary } from './citizen-api.ts';
import { CitizenError, OnlineLevelBadge, useRuleText } from './citizen-ui.tsx';

const m = {
  title: { vi: 'Dịch vụ công một cửa', en: 'One-stop public services' },
  lead: {
    vi: 'Tìm thủ tục, nộp hồ sơ trên mạng và theo dõi kết quả.',
    en: 'Find a procedure, submit online and follow your dossier.',
  },
  searchLabel: { vi: 'Bạn cần làm thủ tục gì?', en: 'Which procedure do you need?' },
  searchHint: {
    vi: 'Gõ vài chữ, có dấu hoặc không dấu. Ví dụ: khai sinh, giay phep xay dung',
    en: 'Type a few words, with or without Vietnamese accents. E.g. birth, giay phep xay dung',
  },
  search: { vi: 'Tìm', en: 'Search' },
  quick: { vi: 'Việc thường làm', en: 'Common tasks' },
  track: { vi: 'Tra cứu hồ sơ', en: 'Track a dossier' },
  trackHint: {
    vi: 'Dùng mã hồ sơ và mã tra cứu in trên giấy hẹn.',
    en: 'Use the dossier code and the lookup code printed on your receipt.',
  },
  mine: { vi: 'Hồ sơ của tôi', en: 'My dossiers' },
  mineHint: {
    vi: 'Xem tình trạng các hồ sơ bạn đã nộp.',
    en: 'See the state of the dossiers you submitted.',
  },
  login: { vi: 'Đăng nhập', en: 'Log in' },
  loginHint: {
    vi: 'Đăng nhập bằng số định danh (CCCD) hoặc mã số thuế để nộp hồ sơ.',
    en: 'Log in with your ID number or tax code to submit a dossier.',
  },
  register: { vi: 'Chưa có tài khoản? Đăng ký', en: 'No account yet? Register' },
  browse: { vi: 'Tìm theo lĩnh vực', en: 'Browse by field' },
  count: { vi: '{n} thủ tục', en: '{n} procedures' },
  online: { vi: 'Làm được hoàn toàn trên mạng', en: 'Can be done fully online' },
  onlineLead: {
    vi: 'Nộp hồ sơ và nhận kết quả trực tuyến, không phải đi lại.',
    en: 'Submit and receive the result online, no travel needed.',
  },
  all: { vi: 'Xem tất cả thủ tục', en: 'See all procedures' },
  timeLimit: { vi: 'Thời hạn', en: 'Time limit' },
};

export function HomePage() {
  const t = useT();
  const navigate = useNavigate();
  const { me } = useAuth();
  const [q, setQ] = useState('');
  const rule = useRuleText();
  const fields = useQuery({
    queryKey: queryKeys.fields,
    queryFn: () => api<ProcedureField[]>('/api/procedures/fields'),
  });
  const onlineParams = { onlineServiceLevel: 'full', limit: 6 } as const;
  const online = useQuery({
    queryKey: queryKeys.procedures(onlineParams),
    queryFn: () =>
      api<{ items: ProcedureSummary[]; total: number }>('/api/procedures', { query: onlineParams }),
  });

  function onSearch(e: FormEvent) {
    e.preventDefault();
    const query = q.trim();
    void navigate(query ? `${paths.procedures}?q=${encodeURIComponent(query)}` : paths.procedures);
  }

  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <form className="c-hero" role="search" onSubmit={onSearch}>
        <label htmlFor="home-search" className="c-hero-label">
          {t(m.searchLabel)}
        </label>
        <p className="hint" id="home-search-hint">
          {t(m.searchHint)}
        </p>
        <div className="c-search-row">
          <input
            id="home-search"
            type="search"
            className="input c-search-input"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby="home-search-hint"
            autoComplete="off"
            enterKeyHint="search"
          />
          <button type="submit" className="btn btn-primary c-search-button">
            {t(m.search)}
          </button>
        </div>
      </form>

      <section aria-labelledby="home-quick">
        <h2 id="home-quick">{t(m.quick)}</h2>
        <ul className="c-tiles">
          <li>
            <a className="c-tile" href={paths.lookup}>
              <span className="c-tile-title">{t(m.track)}</span>
              <span className="c-tile-text">{t(m.trackHint)}</span>
            </a>
          </li>
          {me?.type === 'citizen' ? (
            <li>
              <Link className="c-tile" to={paths.myDossiers}>
                <span className="c-tile-title">{t(m.mine)}</span>
                <span className="c-tile-text">{t(m.mineHint)}</span>
              </Link>
            </li>
          ) : me ? null : (
            <li>
              <Link className="c-tile" to={paths.login}>
                <span className="c-tile-title">{t(m.login)}</span>
                <span className="c-tile-text">{t(m.loginHint)}</span>
              </Link>
              <p className="c-tile-after">
                <Link to={paths.register}>{t(m.register)}</Link>
              </p>
            </li>
          )}
        </ul>
      </section>

      <section aria-labelledby="home-online">
        <h2 id="home-online">{t(m.online)}</h2>
        <p className="muted">{t(m.onlineLead)}</p>
        {online.isLoading ? <Loading /> : null}
        {online.error ? <CitizenError error={online.error} onRetry={() => void online.refetch()} /> : null}
        {online.data ? (
          <ul className="c-result-list">
            {online.data.items.map((p) => (
              <li key={p.code} className="c-result">
                <Link to={paths.procedure(p.code)} className="c-result-title">
                  {p.name}
                </Link>
                <p className="c-result-meta">
                  <OnlineLevelBadge level={p.onlineServiceLevel} />
                  <span>
                    {t(m.timeLimit)}: {rule(p.processingTime)}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          <Link to={paths.procedures}>{t(m.all)} →</Link>
        </p>
      </section>

      <section aria-labelledby="home-fields">
        <h2 id="home-fields">{t(m.browse)}</h2>
        {fields.isLoading ? <Loading /> : null}
        {fields.error ? <CitizenError error={fields.error} onRetry={() => void fields.refetch()} /> : null}
        {fields.data ? (
          <ul className="c-field-list">
            {fields.data.map((f) => (
              <li key={f.code}>
                <Link to={`${paths.procedures}?field=${encodeURIComponent(f.code)}`}>
                  <span>{f.name}</span>
                  <span className="c-count">{t(m.count, { n: f.count })}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </Page>
  );
}
