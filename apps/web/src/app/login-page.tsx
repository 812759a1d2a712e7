import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { Alert, Button, Card, Page, TextField } from '../ui/ui.tsx';
import { useAuth } from './auth.tsx';
import { useT } from './i18n.tsx';
import { paths } from './paths.ts';

const m = {
  title: { vi: 'Đăng nhập', en: 'Log in' },
  citizenTab: { vi: 'Người dân, doanh nghiệp', en: 'Citizens and businesses' },
  officerTab: { vi: 'Cán bộ, công chức', en: 'Officers' },
  identifier: { vi: 'Số định danh cá nhân (CCCD) hoặc mã số thuế', en: 'Personal ID number or tax code' },
  identifierHint: { vi: '12 chữ số trên căn cước công dân', en: 'The 12 digits on your citizen ID card' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  submit: { vi: 'Đăng nhập', en: 'Log in' },
  noAccount: { vi: 'Chưa có tài khoản?', en: 'No account yet?' },
  register: { vi: 'Đăng ký tài khoản', en: 'Create an account' },
  failed: { vi: 'Sai thông tin đăng nhập hoặc mật khẩu.', en: 'Wrong login or password.' },
  missing: { vi: 'Vui lòng nhập đủ thông tin.', en: 'Please fill in both fields.' },
};

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const t = useT();
  const { loginCitizen, loginOfficer } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [tab, setTab] = useState<'citizen' | 'officer'>(
    params.get('as') === 'officer' ? 'officer' : 'citizen',
  );
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!identifier.trim() || !password) {
      setError(t(m.missing));
      return;
    }
    setBusy(true);
    try {
      const me =
        tab === 'officer'
          ? await loginOfficer(identifier, password)
          : await loginCitizen(identifier, password);
      const next = safeNext(params.get('next'));
      void navigate(next ?? (me.type === 'officer' ? paths.workspace : paths.myDossiers), { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? t(m.failed)
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t(m.title)}>
      <div className="grid grid-2">
        <Card>
          <div className="tabs" role="tablist" aria-label={t(m.title)}>
            {(['citizen', 'officer'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`tab-${k}`}
                aria-selected={tab === k}
                aria-controls="login-panel"
                onClick={() => {
                  setTab(k);
                  setError(null);
                }}
              >
                {t(k === 'citizen' ? m.citizenTab : m.officerTab)}
              </button>
            ))}
          </div>
          <form
            id="login-panel"
            role="tabpanel"
            aria-labelledby={`tab-${tab}`}
            onSubmit={(e) => void onSubmit(e)}
            noValidate
          >
            {error ? <Alert kind="error">{error}</Alert> : null}
            <TextField
              label={t(tab === 'officer' ? m.username : m.identifier)}
              hint={tab === 'citizen' ? t(m.identifierHint) : undefined}
              name={tab === 'officer' ? 'username' : 'identifier'}
              autoComplete="username"
              inputMode={tab === 'citizen' ? 'numeric' : 'text'}
              value={identifier}
              onChange={(e) => setIdentifier(e.target.value)}
              required
            />
            <TextField
              label={t(m.password)}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
            <Button type="submit" className="btn-block" isBusy={isBusy}>
              {t(m.submit)}
            </Button>
          </form>
          {tab === 'citizen' ? (
            <p>
              {t(m.noAccount)} <Link to={paths.register}>{t(m.register)}</Link>
            </p>
          ) : null}
        </Card>
      </div>
    </Page>
  );
}
