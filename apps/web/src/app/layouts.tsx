import { NavLink, Outlet, useLocation, useNavigate, Navigate } from 'react-router';
import { hasRole, useAuth } from './auth.tsx';
import { useLang, useT } from './i18n.tsx';
import { paths } from './paths.ts';
import { Loading } from '../ui/ui.tsx';

const m = {
  skip: { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to main content' },
  portal: { vi: 'Dịch vụ công một cửa', en: 'One-stop public services' },
  workspace: { vi: 'Một cửa · Cán bộ', en: 'One-stop · Officers' },
  procedures: { vi: 'Thủ tục', en: 'Procedures' },
  lookup: { vi: 'Tra cứu hồ sơ', en: 'Track a dossier' },
  myDossiers: { vi: 'Hồ sơ của tôi', en: 'My dossiers' },
  login: { vi: 'Đăng nhập', en: 'Log in' },
  logout: { vi: 'Đăng xuất', en: 'Log out' },
  queue: { vi: 'Hồ sơ cần xử lý', en: 'Work queue' },
  intake: { vi: 'Tiếp nhận tại quầy', en: 'Counter intake' },
  admin: { vi: 'Quản trị', en: 'Administration' },
  dashboard: { vi: 'Tổng quan', en: 'Overview' },
  reports: { vi: 'Báo cáo, bản đồ', en: 'Reports and map' },
  transparency: { vi: 'Kết quả giải quyết', en: 'Public results' },
  workspaceLink: { vi: 'Trang cán bộ', en: 'Officer workspace' },
  mainNav: { vi: 'Điều hướng chính', en: 'Main navigation' },
  switchTo: { vi: 'English', en: 'Tiếng Việt' },
  switchLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  footer: {
    vi: 'Hệ thống thông tin giải quyết thủ tục hành chính · Phần mềm mã nguồn mở Motcua',
    en: 'Administrative procedure information system · Motcua open-source software',
  },
  hotline: { vi: 'Cần giúp đỡ? Gọi đường dây nóng 1022', en: 'Need help? Call the hotline 1022' },
};

function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <button
      type="button"
      className="lang-switch"
      lang={lang === 'vi' ? 'en' : 'vi'}
      aria-label={t(m.switchLabel)}
      onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
    >
      {t(m.switchTo)}
    </button>
  );
}

function LogoutButton() {
  const { logout } = useAuth();
  const navigate = useNavigate();
  const t = useT();
  return (
    <button
      type="button"
      className="nav-button"
      onClick={() => {
        void logout().then(() => navigate(paths.home));
      }}
    >
      {t(m.logout)}
    </button>
  );
}

function SkipLink() {
  const t = useT();
  return (
    <a className="skip-link" href="#main">
      {t(m.skip)}
    </a>
  );
}

/** Citizen portal and public pages. */
export function PortalLayout() {
  const t = useT();
  const { me } = useAuth();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="site-header-inner">
          <NavLink to={paths.home} className="brand">
            <img src="/favicon.svg" alt="" />
            {t(m.portal)}
          </NavLink>
          <nav className="site-nav" aria-label={t(m.mainNav)}>
            <NavLink to={paths.procedures}>{t(m.procedures)}</NavLink>
            <a href={paths.lookup}>{t(m.lookup)}</a>
            <NavLink to={paths.transparency}>{t(m.transparency)}</NavLink>
            {me?.type === 'citizen' ? <NavLink to={paths.myDossiers}>{t(m.myDossiers)}</NavLink> : null}
            {me?.type === 'officer' ? <NavLink to={paths.workspace}>{t(m.workspaceLink)}</NavLink> : null}
            {me ? <LogoutButton /> : <NavLink to={paths.login}>{t(m.login)}</NavLink>}
            <LanguageSwitch />
          </nav>
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t(m.footer)}</p>
        <p>{t(m.hotline)}</p>
      </footer>
    </>
  );
}

/** Officer workspace and administration (officers only). */
export function WorkspaceLayout() {
  const t = useT();
  const { me, isLoading } = useAuth();
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (me?.type !== 'officer')
    return (
      <Navigate
        to={`${paths.login}?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  const isAdmin = hasRole(me, 'admin');
  const canIntake = hasRole(me, 'receiving_officer');
  const canReport = hasRole(me, 'leader', 'supervisor', 'division_head');
  return (
    <div className="workspace">
      <SkipLink />
      <header className="site-header">
        <div className="site-header-inner">
          <NavLink to={paths.workspace} className="brand">
            <img src="/favicon.svg" alt="" />
            {t(m.workspace)}
          </NavLink>
          <nav className="site-nav" aria-label={t(m.mainNav)}>
            <NavLink to={paths.workspace} end>
              {t(m.queue)}
            </NavLink>
            {canIntake ? <NavLink to={paths.counterIntake}>{t(m.intake)}</NavLink> : null}
            {canReport ? <NavLink to={paths.dashboard}>{t(m.dashboard)}</NavLink> : null}
            {canReport ? <NavLink to={paths.reports}>{t(m.reports)}</NavLink> : null}
            {isAdmin ? <NavLink to={paths.admin}>{t(m.admin)}</NavLink> : null}
            <span className="nav-user" title={me.roles.map((r) => `${r.role} · ${r.unitName}`).join('\n')}>
              {me.fullName}
            </span>
            <LogoutButton />
            <LanguageSwitch />
          </nav>
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </div>
  );
}

/** Pages for a signed-in citizen: redirects to the login page (and back) otherwise. */
export function RequireCitizen() {
  const { me, isLoading } = useAuth();
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (me?.type !== 'citizen')
    return (
      <Navigate
        to={`${paths.login}?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  return <Outlet />;
}
