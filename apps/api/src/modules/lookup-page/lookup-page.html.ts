import { formatVnDateTime } from '@motcua/domain';
import type { PublicDossierView } from '../dossier/dossier.schemas.ts';

/**
 * The public lookup page reached from the QR code on the receipt: server-rendered HTML that works
 * without JavaScript on any phone, in Vietnamese (default) or English.
 */
export type Lang = 'vi' | 'en';

const TEXT = {
  vi: {
    title: 'Tra cứu hồ sơ',
    intro: 'Nhập mã hồ sơ và mã tra cứu in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
    code: 'Mã hồ sơ',
    secret: 'Mã tra cứu (6 ký tự)',
    submit: 'Tra cứu',
    notFound: 'Không tìm thấy hồ sơ với mã và mã tra cứu này. Vui lòng kiểm tra lại trên giấy tiếp nhận.',
    invalid: 'Vui lòng nhập đủ mã hồ sơ và mã tra cứu.',
    status: 'Trạng thái',
    procedure: 'Thủ tục',
    receivedBy: 'Nơi tiếp nhận',
    heldBy: 'Đang xử lý tại',
    applicant: 'Người nộp',
    submitted: 'Ngày nộp',
    received: 'Ngày tiếp nhận',
    due: 'Ngày hẹn trả kết quả',
    completed: 'Ngày giải quyết xong',
    returned: 'Ngày trả kết quả',
    why: 'Vì sao là ngày này?',
    supplement: 'Cần bổ sung',
    timeline: 'Quá trình xử lý',
    other: 'English',
  },
  en: {
    title: 'Dossier status',
    intro: 'Enter the dossier code and the lookup code printed on your receipt.',
    code: 'Dossier code',
    secret: 'Lookup code (6 characters)',
    submit: 'Look up',
    notFound: 'No dossier matches this code and lookup code. Please check them on your receipt.',
    invalid: 'Please enter both the dossier code and the lookup code.',
    status: 'Status',
    procedure: 'Procedure',
    receivedBy: 'Received by',
    heldBy: 'Now handled by',
    applicant: 'Applicant',
    submitted: 'Submitted',
    received: 'Received',
    due: 'Result due',
    completed: 'Settled',
    returned: 'Result returned',
    why: 'Why this date?',
    supplement: 'Documents to supplement',
    timeline: 'Steps so far',
    other: 'Tiếng Việt',
  },
} as const;

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function when(iso: string | null): string {
  return iso ? escapeHtml(formatVnDateTime(new Date(iso))) : '—';
}

export function renderLookupPage(input: {
  lang: Lang;
  code: string;
  secret: string;
  result: PublicDossierView | null;
  error: 'not_found' | 'invalid' | null;
}): string {
  const t = TEXT[input.lang];
  const other: Lang = input.lang === 'vi' ? 'en' : 'vi';
  const qs = new URLSearchParams({
    ...(input.code ? { ma: input.code } : {}),
    ...(input.secret ? { mk: input.secret } : {}),
    lang: other,
  });
  const r = input.result;
  const row = (label: string, value: string) =>
    `<div class="row"><dt>${escapeHtml(label)}</dt><dd>${value}</dd></div>`;
  const body = r
    ? `<section aria-labelledby="result">
  <h2 id="result">${escapeHtml(r.code)}</h2>
  <p class="status status-${escapeHtml(r.status)}"><strong>${escapeHtml(t.status)}:</strong> ${escapeHtml(r.statusLabel[input.lang])}</p>
  <dl>
    ${row(t.procedure, `${escapeHtml(r.procedureName)} <small>(${escapeHtml(r.procedureCode)})</small>`)}
    ${row(t.applicant, escapeHtml(r.applicantInitials))}
    ${row(t.receivedBy, escapeHtml(r.receivingUnit))}
    ${r.currentUnit ? row(t.heldBy, escapeHtml(r.currentUnit)) : ''}
    ${row(t.submitted, when(r.submittedAt))}
    ${r.receivedAt ? row(t.received, when(r.receivedAt)) : ''}
    ${r.dueAt ? row(t.due, `<strong>${when(r.dueAt)}</strong>`) : ''}
    ${r.completedAt ? row(t.completed, when(r.completedAt)) : ''}
    ${r.returnedAt ? row(t.returned, when(r.returnedAt)) : ''}
  </dl>
  ${
    r.supplementRequest
      ? `<div class="notice" role="alert"><h3>${escapeHtml(t.supplement)}</h3><p>${escapeHtml(r.supplementRequest.reason)}</p><ul>${r.supplementRequest.items
          .map((i) => `<li><strong>${escapeHtml(i.name)}</strong>: ${escapeHtml(i.reason)}</li>`)
          .join('')}</ul></div>`
      : ''
  }
  ${r.deadlineText ? `<details><summary>${escapeHtml(t.why)}</summary><ul>${r.deadlineText[input.lang].map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></details>` : ''}
  <h3>${escapeHtml(t.timeline)}</h3>
  <ol class="timeline">${r.timeline.map((e) => `<li><time datetime="${escapeHtml(e.at)}">${when(e.at)}</time> — ${escapeHtml(e.label[input.lang])}</li>`).join('')}</ol>
</section>`
    : input.error
      ? `<p class="error" role="alert">${escapeHtml(input.error === 'not_found' ? t.notFound : t.invalid)}</p>`
      : '';
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — Motcua</title>
<style>
  :root { color-scheme: light; font-family: system-ui, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f6f7f9; color: #14181f; font-size: 18px; line-height: 1.5; }
  main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.6rem; margin: .5rem 0; }
  form { background: #fff; padding: 1rem; border-radius: .5rem; border: 1px solid #d0d5dd; }
  label { display: block; font-weight: 600; margin-top: .75rem; }
  input { width: 100%; box-sizing: border-box; font-size: 1.1rem; padding: .7rem; border: 2px solid #667085; border-radius: .4rem; }
  input:focus, button:focus, a:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
  button { margin-top: 1rem; width: 100%; font-size: 1.15rem; padding: .8rem; background: #b42318; color: #fff; border: 0; border-radius: .4rem; font-weight: 700; }
  section { background: #fff; margin-top: 1rem; padding: 1rem; border-radius: .5rem; border: 1px solid #d0d5dd; }
  dl .row { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: .35rem 0; border-bottom: 1px solid #eaecf0; }
  dt { font-weight: 600; min-width: 11rem; } dd { margin: 0; }
  .status { font-size: 1.2rem; }
  .notice { background: #fffaeb; border: 2px solid #b54708; padding: .75rem; border-radius: .4rem; }
  .error { background: #fef3f2; border: 2px solid #b42318; padding: .75rem; border-radius: .4rem; }
  .lang { float: right; color: #1d4ed8; }
  small { color: #475467; }
</style>
</head>
<body>
<main>
  <a class="lang" href="?${escapeHtml(qs.toString())}" hreflang="${other}">${escapeHtml(t.other)}</a>
  <h1>${escapeHtml(t.title)}</h1>
  <p>${escapeHtml(t.intro)}</p>
  <form method="get" action="/tra-cuu">
    <input type="hidden" name="lang" value="${input.lang}">
    <label for="ma">${escapeHtml(t.code)}</label>
    <input id="ma" name="ma" value="${escapeHtml(input.code)}" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
    <label for="mk">${escapeHtml(t.secret)}</label>
    <input id="mk" name="mk" value="${escapeHtml(input.secret)}" autocomplete="off" autocapitalize="characters" spellcheck="false" required maxlength="12">
    <button type="submit">${escapeHtml(t.submit)}</button>
  </form>
  ${body}
</main>
</body>
</html>`;
}
