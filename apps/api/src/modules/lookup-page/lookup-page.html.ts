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
    rateTitle: 'Đánh giá mức độ hài lòng',
    rateLegend: 'Bạn hài lòng với việc giải quyết hồ sơ này ở mức nào?',
    rateComment: 'Góp ý thêm (không bắt buộc)',
    rateSend: 'Gửi đánh giá',
    rated: 'Đánh giá của bạn',
    ratingThanks: 'Cảm ơn bạn đã đánh giá! Ý kiến của bạn giúp cơ quan phục vụ tốt hơn.',
    ratingAlready: 'Hồ sơ này đã được đánh giá.',
    ratingNotOpen: 'Hồ sơ chỉ được đánh giá khi đã giải quyết xong.',
    ratingInvalid: 'Vui lòng chọn một mức đánh giá từ 1 đến 5.',
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
    rateTitle: 'Rate our service',
    rateLegend: 'How satisfied are you with how this dossier was handled?',
    rateComment: 'Anything else to tell us (optional)',
    rateSend: 'Send rating',
    rated: 'Your rating',
    ratingThanks: 'Thank you for your rating! It helps us serve you better.',
    ratingAlready: 'This dossier has already been rated.',
    ratingNotOpen: 'A dossier can be rated once it is settled.',
    ratingInvalid: 'Please choose a rating from 1 to 5.',
  },
} as const;

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The five levels of the satisfaction rating, labelled in both languages whatever the page language. */
export const RATING_LEVELS = [
  { score: 5, vi: 'Rất hài lòng', en: 'Very satisfied' },
  { score: 4, vi: 'Hài lòng', en: 'Satisfied' },
  { score: 3, vi: 'Bình thường', en: 'Neither satisfied nor unsatisfied' },
  { score: 2, vi: 'Không hài lòng', en: 'Unsatisfied' },
  { score: 1, vi: 'Rất không hài lòng', en: 'Very unsatisfied' },
] as const;

/** Outcome of a rating sent from the page, shown after the redirect back. */
export type RatingNotice = 'thanks' | 'already' | 'not_open' | 'invalid';

function when(iso: string | null): string {
  return iso ? escapeHtml(formatVnDateTime(new Date(iso))) : '—';
}

function ratingLabel(score: number, lang: Lang): string {
  return RATING_LEVELS.find((l) => l.score === score)?.[lang] ?? String(score);
}

/** Five large radio buttons and an optional comment; a plain form POST, no JavaScript needed. */
function renderRatingForm(lang: Lang, code: string, secret: string): string {
  const t = TEXT[lang];
  const levels = RATING_LEVELS.map(
    (l) =>
      `<label for="diem-${l.score}"><input type="radio" id="diem-${l.score}" name="diem" value="${l.score}" required> <span><strong>${l.score}</strong> — <span lang="vi">${escapeHtml(l.vi)}</span> <span class="en" lang="en">/ ${escapeHtml(l.en)}</span></span></label>`,
  ).join('\n      ');
  return `<section aria-labelledby="rate">
  <h2 id="rate">${escapeHtml(t.rateTitle)}</h2>
  <form method="post" action="/tra-cuu/danh-gia">
    <input type="hidden" name="ma" value="${escapeHtml(code)}">
    <input type="hidden" name="mk" value="${escapeHtml(secret)}">
    <input type="hidden" name="lang" value="${lang}">
    <fieldset class="levels">
      <legend>${escapeHtml(t.rateLegend)}</legend>
      ${levels}
    </fieldset>
    <label for="y-kien">${escapeHtml(t.rateComment)}</label>
    <textarea id="y-kien" name="y-kien" rows="3" maxlength="1000"></textarea>
    <button type="submit">${escapeHtml(t.rateSend)}</button>
  </form>
</section>`;
}

/** The page's only style, inline (no request for a stylesheet); its hash is in the page's CSP. */
export const LOOKUP_PAGE_STYLE = `
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
  .thanks { background: #ecfdf3; border: 2px solid #067647; padding: .75rem; border-radius: .4rem; }
  fieldset { border: 0; margin: 0; padding: 0; }
  legend { font-weight: 600; margin-bottom: .5rem; }
  .levels label { display: flex; align-items: center; gap: .75rem; margin: .4rem 0; padding: .7rem .8rem; border: 2px solid #667085; border-radius: .4rem; font-weight: 400; cursor: pointer; }
  .levels input { width: 1.6rem; height: 1.6rem; margin: 0; flex: none; }
  .levels label:has(input:checked) { border-color: #b42318; background: #fef3f2; }
  .levels input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .levels .en { color: #475467; }
  textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .7rem; border: 2px solid #667085; border-radius: .4rem; }
  textarea:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
  small { color: #475467; }
`;

export function renderLookupPage(input: {
  lang: Lang;
  code: string;
  secret: string;
  result: PublicDossierView | null;
  error: 'not_found' | 'invalid' | null;
  ratingNotice?: RatingNotice | null;
}): string {
  const t = TEXT[input.lang];
  const other: Lang = input.lang === 'vi' ? 'en' : 'vi';
  const qs = new URLSearchParams({
    ...(input.code ? { ma: input.code } : {}),
    ...(input.secret ? { mk: input.secret } : {}),
    lang: other,
  });
  const r = input.result;
  const noticeText: Record<RatingNotice, string> = {
    thanks: t.ratingThanks,
    already: t.ratingAlready,
    not_open: t.ratingNotOpen,
    invalid: t.ratingInvalid,
  };
  const notice = input.ratingNotice ?? null;
  const ratingNotice = notice
    ? `<p class="${notice === 'thanks' ? 'thanks' : 'error'}" role="${notice === 'thanks' ? 'status' : 'alert'}">${escapeHtml(noticeText[notice])}</p>`
    : '';
  const row = (label: string, value: string) =>
    `<div class="row"><dt>${escapeHtml(label)}</dt><dd>${value}</dd></div>`;
  const body = r
    ? `${ratingNotice}
<section aria-labelledby="result">
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
  ${r.completedAt ? `<p><a href="/xac-minh">Xác minh chữ ký số của kết quả <span class="en" lang="en">/ Verify the result's signature</span></a></p>` : ''}
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
</section>
${r.canRate ? renderRatingForm(input.lang, r.code, input.secret) : ''}
${r.rating ? `<section aria-labelledby="rated"><h2 id="rated">${escapeHtml(t.rated)}</h2><p><strong>${r.rating.score}/5</strong> — ${escapeHtml(ratingLabel(r.rating.score, input.lang))} <small>(${when(r.rating.ratedAt)})</small></p></section>` : ''}`
    : input.error
      ? `<p class="error" role="alert">${escapeHtml(input.error === 'not_found' ? t.notFound : t.invalid)}</p>`
      : '';
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — Motcua</title>
<style>${LOOKUP_PAGE_STYLE}</style>
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
