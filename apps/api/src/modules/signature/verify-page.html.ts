import { formatVnDateTime } from '@motcua/domain';
import { LOOKUP_PAGE_STYLE, escapeHtml } from '../lookup-page/lookup-page.html.ts';
import type { SignatureVerification } from './signature.schemas.ts';

/**
 * The public verification page /xac-minh: upload a PDF, see whether its signature is valid.
 * Server-rendered, no JavaScript (a plain multipart form), bilingual side by side.
 */
export const VERIFY_PAGE_STYLE = `${LOOKUP_PAGE_STYLE}
.valid{border-left:.4rem solid #1b7f3b;padding:.5rem 1rem;background:#eef8f1}
.invalid{border-left:.4rem solid #b3261e;padding:.5rem 1rem;background:#fdeeee}
.en{color:#555}`;

function both(vi: string, en: string): string {
  return `<span lang="vi">${escapeHtml(vi)}</span> <span class="en" lang="en">/ ${escapeHtml(en)}</span>`;
}

function when(iso: string | null): string {
  return iso ? escapeHtml(formatVnDateTime(new Date(iso))) : '—';
}

export function renderVerifyPage(input: {
  result: SignatureVerification | null;
  error: string | null;
}): string {
  const r = input.result;
  const row = (label: string, value: string) => `<div class="row"><dt>${label}</dt><dd>${value}</dd></div>`;
  const yes = (ok: boolean) => (ok ? both('Đạt', 'Yes') : both('Không đạt', 'No'));
  const body = r
    ? `<section aria-labelledby="ket-qua" class="${r.isValid ? 'valid' : 'invalid'}" role="status">
  <h2 id="ket-qua">${r.isValid ? both('Chữ ký hợp lệ', 'Valid signature') : both('Chữ ký không hợp lệ', 'Invalid signature')}</h2>
  <p>${escapeHtml(r.reason.vi)}<br><span class="en" lang="en">${escapeHtml(r.reason.en)}</span></p>
  <dl>
    ${r.signer ? row(both('Người ký', 'Signer'), escapeHtml(r.signer.commonName)) : ''}
    ${r.signer ? row(both('Tổ chức cấp chứng thư', 'Certificate issuer'), escapeHtml(r.signer.issuer)) : ''}
    ${row(both('Thời điểm ký', 'Signing time'), when(r.signingTime))}
    ${r.issuedResult ? row(both('Mã hồ sơ', 'Dossier code'), escapeHtml(r.issuedResult.dossierCode)) : ''}
    ${r.issuedResult ? row(both('Số văn bản kết quả', 'Result number'), escapeHtml(r.issuedResult.resultNumber)) : ''}
    ${r.issuedResult ? row(both('Ngày ban hành', 'Issued'), when(r.issuedResult.issuedAt)) : ''}
    ${row(both('Nội dung không bị sửa', 'Content unchanged'), yes(r.isDigestMatch))}
    ${row(both('Chữ ký khớp chứng thư', 'Signature matches certificate'), yes(r.isSignatureMatch))}
    ${row(both('Chứng thư tin cậy', 'Trusted certificate'), yes(r.isTrusted))}
    ${r.chain.length ? row(both('Chuỗi chứng thư', 'Certificate chain'), escapeHtml(r.chain.join(' → '))) : ''}
    ${row('SHA-256', `<code>${escapeHtml(r.sha256)}</code>`)}
  </dl>
  ${r.signatureCount > 0 && !r.issuedResult ? `<p>${both('Tệp này không phải kết quả do hệ thống Một cửa phát hành.', 'This file is not a result issued by Motcua.')}</p>` : ''}
</section>`
    : input.error
      ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>`
      : '';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xác minh chữ ký số / Verify a signature — Motcua</title>
<style>${VERIFY_PAGE_STYLE}</style>
</head>
<body>
<main>
  <h1>${both('Xác minh chữ ký số', 'Verify a signature')}</h1>
  <p>${both('Chọn tệp PDF kết quả giải quyết thủ tục hành chính để kiểm tra chữ ký số.', 'Choose a result PDF to check its digital signature.')}</p>
  <form method="post" action="/xac-minh" enctype="multipart/form-data">
    <label for="tep">${both('Tệp PDF', 'PDF file')}</label>
    <input id="tep" name="tep" type="file" accept="application/pdf,.pdf" required>
    <button type="submit">${both('Xác minh', 'Verify')}</button>
  </form>
  ${body}
</main>
</body>
</html>`;
}
