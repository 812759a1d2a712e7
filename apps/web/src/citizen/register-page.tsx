import { ApplicantSchema } from '@motcua/domain';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../app/auth.tsx';
import { useLang, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Button, Page, TextField } from '../ui/ui.tsx';
import { plainError } from './citizen-api.ts';

const m = {
  title: { vi: 'Đăng ký tài khoản', en: 'Create an account' },
  lead: {
    vi: 'Tài khoản dùng để nộp hồ sơ trực tuyến và theo dõi kết quả.',
    en: 'The account lets you submit dossiers online and follow them.',
  },
  kind: { vi: 'Bạn đăng ký cho', en: 'The account is for' },
  citizen: { vi: 'Cá nhân (công dân)', en: 'A person (citizen)' },
  citizenHint: {
    vi: 'Đăng nhập bằng số định danh cá nhân (CCCD).',
    en: 'You log in with your personal ID number.',
  },
  organisation: { vi: 'Tổ chức, doanh nghiệp', en: 'An organisation or business' },
  organisationHint: { vi: 'Đăng nhập bằng mã số thuế.', en: 'You log in with the tax code.' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  orgName: { vi: 'Tên tổ chức, doanh nghiệp', en: 'Organisation name' },
  idNumber: { vi: 'Số định danh cá nhân (CCCD)', en: 'Personal ID number' },
  idHint: { vi: '12 chữ số trên căn cước công dân', en: 'The 12 digits on your ID card' },
  taxCode: { vi: 'Mã số thuế', en: 'Tax code' },
  taxHint: {
    vi: '10 chữ số (chi nhánh: 10 chữ số, dấu -, 3 chữ số)',
    en: '10 digits (branch: 10 digits, a dash, 3 digits)',
  },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  phoneHint: { vi: 'Không bắt buộc. Ví dụ 0912345678', en: 'Optional. E.g. 0912345678' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  emailHint: {
    vi: 'Không bắt buộc. Để nhận thông báo về hồ sơ.',
    en: 'Optional. To get notices about your dossiers.',
  },
  address: { vi: 'Địa chỉ', en: 'Address' },
  addressHint: {
    vi: 'Không bắt buộc. Dùng để điền sẵn khi nộp hồ sơ.',
    en: 'Optional. Used to prefill your dossiers.',
  },
  password: { vi: 'Mật khẩu', en: 'Password' },
  password2: { vi: 'Nhập lại mật khẩu', en: 'Repeat the password' },
  rulesTitle: { vi: 'Mật khẩu cần:', en: 'The password needs:' },
  rule1: {
    vi: 'ít nhất 10 ký tự, có cả chữ và số (ví dụ: hoalan2026x), hoặc',
    en: 'at least 10 characters with letters and digits (e.g. lotus2026xy), or',
  },
  rule2: {
    vi: 'một cụm từ dài từ 16 ký tự trở lên (ví dụ: nha toi o ben song)',
    en: 'a passphrase of 16 characters or more (e.g. my house by the river)',
  },
  rule3: {
    vi: 'không chứa số định danh hoặc mã số thuế của bạn.',
    en: 'not to contain your ID number or tax code.',
  },
  rulesShort: {
    vi: 'Ít nhất 10 ký tự có chữ và số, hoặc một cụm từ từ 16 ký tự.',
    en: 'At least 10 characters with letters and digits, or a passphrase of 16 characters.',
  },
  ok: { vi: 'đạt', en: 'met' },
  notYet: { vi: 'chưa đạt', en: 'not met yet' },
  submit: { vi: 'Đăng ký', en: 'Create the account' },
  have: { vi: 'Đã có tài khoản?', en: 'Already have an account?' },
  login: { vi: 'Đăng nhập', en: 'Log in' },
  fix: { vi: 'Hãy sửa các mục được đánh dấu bên dưới.', en: 'Please correct the marked fields below.' },
  e: {
    fullName: { vi: 'Hãy nhập tên (ít nhất 2 chữ).', en: 'Please enter the name (at least 2 letters).' },
    idNumber: {
      vi: 'Số định danh gồm 12 chữ số (hoặc 9 chữ số của CMND cũ).',
      en: 'The ID number has 12 digits (or 9 for an old ID card).',
    },
    taxCode: {
      vi: 'Mã số thuế gồm 10 chữ số, hoặc 10-3 cho chi nhánh.',
      en: 'The tax code has 10 digits, or 10-3 for a branch.',
    },
    phone: {
      vi: 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).',
      en: 'The phone number has 10 digits starting with 0 (or +84).',
    },
    email: { vi: 'Địa chỉ thư điện tử chưa đúng.', en: 'The e-mail address is not valid.' },
    address: { vi: 'Địa chỉ quá dài.', en: 'The address is too long.' },
    password: { vi: 'Mật khẩu chưa đạt yêu cầu ở trên.', en: 'The password does not meet the rules above.' },
    passwordId: {
      vi: 'Mật khẩu không được chứa số định danh hoặc mã số thuế.',
      en: 'The password must not contain your ID number or tax code.',
    },
    password2: { vi: 'Hai mật khẩu chưa giống nhau.', en: 'The two passwords are different.' },
    exists: {
      vi: 'Số này đã có tài khoản. Hãy đăng nhập.',
      en: 'This number already has an account. Please log in.',
    },
  },
} satisfies Record<string, unknown>;

/** Same policy as the server (apps/api user/password.ts): ≥ 10 with a letter and a digit, or ≥ 16. */
function passwordChecks(password: string, identifier: string) {
  const isLongEnough = password.length >= 10 && /\p{L}/u.test(password) && /\d/.test(password);
  const isPassphrase = password.length >= 16;
  const id = identifier.trim();
  const hasId = id.length >= 3 && password.toLowerCase().includes(id.toLowerCase());
  return {
    isLongEnough,
    isPassphrase,
    hasId,
    isOk: (isLongEnough || isPassphrase) && !hasId && password.length <= 200,
  };
}

type Field = 'fullName' | 'idNumber' | 'taxCode' | 'phone' | 'email' | 'address' | 'password' | 'password2';

export function RegisterPage() {
  const t = useT();
  const { lang } = useLang();
  const { register } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<'citizen' | 'organisation'>('citizen');
  const [v, setV] = useState<Record<Field, string>>({
    fullName: '',
    idNumber: '',
    taxCode: '',
    phone: '',
    email: '',
    address: '',
    password: '',
    password2: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, Text>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const identifier = kind === 'citizen' ? v.idNumber : v.taxCode;
  const checks = passwordChecks(v.password, identifier);
  const set = (key: Field) => (e: { target: { value: string } }) =>
    setV((x) => ({ ...x, [key]: e.target.value }));
  const err = (key: Field) => (errors[key] ? t(errors[key]) : undefined);

  function validate(): Partial<Record<Field, Text>> {
    const found: Partial<Record<Field, Text>> = {};
    const applicant = {
      kind,
      fullName: v.fullName.trim(),
      ...(kind === 'citizen' && v.idNumber.trim() ? { idNumber: v.idNumber.trim() } : {}),
      ...(kind === 'organisation' && v.taxCode.trim() ? { taxCode: v.taxCode.trim() } : {}),
      ...(v.phone.trim() ? { phone: v.phone.replace(/[\s.]/g, '') } : {}),
      ...(v.email.trim() ? { email: v.email.trim() } : {}),
      ...(v.address.trim() ? { address: v.address.trim() } : {}),
    };
    const parsed = ApplicantSchema.safeParse(applicant);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        let key = String(issue.path[0] ?? 'fullName') as Field;
        if (key === 'idNumber' && kind === 'organisation') key = 'taxCode';
        if (key in m.e) found[key] ??= m.e[key as keyof typeof m.e];
      }
    }
    if (!checks.isOk) found.password = checks.hasId ? m.e.passwordId : m.e.password;
    else if (v.password !== v.password2) found.password2 = m.e.password2;
    return found;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t(m.fix));
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      await register({
        kind,
        fullName: v.fullName.trim(),
        ...(kind === 'citizen' ? { idNumber: v.idNumber.trim() } : { taxCode: v.taxCode.trim() }),
        ...(v.phone.trim() ? { phone: v.phone.replace(/[\s.]/g, '') } : {}),
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
        ...(v.address.trim() ? { address: v.address.trim() } : {}),
        password: v.password,
        preferredLanguage: lang,
      });
      const next = params.get('next');
      void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : paths.myDossiers, {
        replace: true,
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'APPLICANT_ALREADY_REGISTERED') {
        setErrors({ [kind === 'citizen' ? 'idNumber' : 'taxCode']: m.e.exists });
        setFormError(t(m.fix));
      } else if (error instanceof ApiError && error.code === 'WEAK_PASSWORD') {
        setErrors({ password: { vi: plainError(error, 'vi'), en: plainError(error, 'en') } });
        setFormError(t(m.fix));
      } else setFormError(plainError(error, lang));
    } finally {
      setBusy(false);
    }
  }

  const mark = (isMet: boolean) => (
    <span className={isMet ? 'c-rule-ok' : 'c-rule-no'}>
      <span aria-hidden="true">{isMet ? '✔' : '○'}</span>
      <span className="visually-hidden"> ({t(isMet ? m.ok : m.notYet)})</span>
    </span>
  );

  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <form className="card c-register" onSubmit={(e) => void onSubmit(e)} noValidate>
        {formError ? <Alert kind="error">{formError}</Alert> : null}
        <fieldset className="c-choices">
          <legend>{t(m.kind)}</legend>
          {(['citizen', 'organisation'] as const).map((k) => (
            <label key={k} className={`c-choice${kind === k ? ' is-checked' : ''}`}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                <span className="c-choice-label">{t(k === 'citizen' ? m.citizen : m.organisation)}</span>
                <span className="c-choice-hint">
                  {t(k === 'citizen' ? m.citizenHint : m.organisationHint)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <TextField
          label={t(kind === 'citizen' ? m.fullName : m.orgName)}
          required
          autoComplete={kind === 'citizen' ? 'name' : 'organization'}
          value={v.fullName}
          error={err('fullName')}
          onChange={set('fullName')}
        />
        {kind === 'citizen' ? (
          <TextField
            label={t(m.idNumber)}
            hint={t(m.idHint)}
            required
            inputMode="numeric"
            autoComplete="username"
            value={v.idNumber}
            error={err('idNumber')}
            onChange={set('idNumber')}
          />
        ) : (
          <TextField
            label={t(m.taxCode)}
            hint={t(m.taxHint)}
            required
            inputMode="numeric"
            autoComplete="username"
            value={v.taxCode}
            error={err('taxCode')}
            onChange={set('taxCode')}
          />
        )}
        <TextField
          label={t(m.phone)}
          hint={t(m.phoneHint)}
          type="tel"
          autoComplete="tel"
          value={v.phone}
          error={err('phone')}
          onChange={set('phone')}
        />
        <TextField
          label={t(m.email)}
          hint={t(m.emailHint)}
          type="email"
          autoComplete="email"
          value={v.email}
          error={err('email')}
          onChange={set('email')}
        />
        <TextField
          label={t(m.address)}
          hint={t(m.addressHint)}
          autoComplete="street-address"
          value={v.address}
          error={err('address')}
          onChange={set('address')}
        />
        <div className="c-password-rules" id="password-rules">
          <p className="c-rules-title">{t(m.rulesTitle)}</p>
          <ul>
            <li>
              {mark(checks.isLongEnough)} {t(m.rule1)}
            </li>
            <li>
              {mark(checks.isPassphrase)} {t(m.rule2)}
            </li>
            <li>
              {mark(v.password.length > 0 && !checks.hasId)} {t(m.rule3)}
            </li>
          </ul>
        </div>
        <TextField
          label={t(m.password)}
          type="password"
          required
          autoComplete="new-password"
          hint={t(m.rulesShort)}
          value={v.password}
          error={err('password')}
          onChange={set('password')}
        />
        <TextField
          label={t(m.password2)}
          type="password"
          required
          autoComplete="new-password"
          value={v.password2}
          error={err('password2')}
          onChange={set('password2')}
        />
        <Button type="submit" className="c-btn-big" isBusy={isBusy}>
          {t(m.submit)}
        </Button>
        <p>
          {t(m.have)} <Link to={paths.login}>{t(m.login)}</Link>
        </p>
      </form>
    </Page>
  );
}
