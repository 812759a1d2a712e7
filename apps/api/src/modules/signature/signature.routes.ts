import { AppError, isAppError } from '../../errors/app-error.ts';
import { errorResponses } from '../../http/error-response.ts';
import { cspHash, pageContentSecurityPolicy } from '../../http/security-headers.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { SignatureVerification } from './signature.schemas.ts';
import { verifySignedPdf } from './signature.service.ts';
import { VERIFY_PAGE_STYLE, renderVerifyPage } from './verify-page.html.ts';

const PAGE_CSP = pageContentSecurityPolicy({ styleHashes: [cspHash(VERIFY_PAGE_STYLE)] });

/** The first file part of a multipart/form-data body (the page's one-field form). */
export function firstFilePart(body: Buffer, contentType: string): Buffer | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const headerStart = start + delimiter.length + 2; // CRLF after the boundary
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) return null;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) return null;
    const headers = body.subarray(headerStart, headerEnd).toString('latin1');
    if (/filename=/i.test(headers)) return body.subarray(headerEnd + 4, next);
    start = next + 2;
  }
  return null;
}

/** POST /api/public/signatures/verify (API) and the public page /xac-minh. */
export function signatureRoutes(app: AppInstance, ctx: AppContext): void {
  const limit = ctx.config.UPLOAD_MAX_MB * 1024 * 1024;
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/pdf', 'multipart/form-data'],
      { parseAs: 'buffer', bodyLimit: limit },
      (_req, body, done) => done(null, body),
    );
    scope.post('/api/public/signatures/verify', {
      config: { auth: 'public' },
      bodyLimit: limit,
      schema: {
        tags: ['signatures'],
        summary:
          'Verify the digital signature of a PDF sent as the raw body (application/pdf): byte range hash, CMS signature, chain to a trusted root; says whether it is a result we issued',
        response: { 200: SignatureVerification, ...errorResponses },
      },
      handler: async (req) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            'Send the PDF as the body with Content-Type application/pdf',
          );
        return verifySignedPdf(ctx, req.body);
      },
    });

    scope.post('/xac-minh', {
      config: { auth: 'public' },
      bodyLimit: limit,
      schema: { hide: true },
      handler: async (req, reply) => {
        let html: string;
        const file = Buffer.isBuffer(req.body)
          ? firstFilePart(req.body, req.headers['content-type'] ?? '')
          : null;
        let status = 200;
        if (!file || file.length === 0) {
          status = 400;
          html = renderVerifyPage({
            result: null,
            error: 'Vui lòng chọn một tệp PDF / Please choose a PDF file.',
          });
        } else {
          try {
            html = renderVerifyPage({ result: await verifySignedPdf(ctx, file), error: null });
          } catch (e) {
            if (!isAppError(e)) throw e;
            status = 400;
            html = renderVerifyPage({
              result: null,
              error: 'Tệp không phải PDF / The file is not a PDF.',
            });
          }
        }
        return reply
          .code(status)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-security-policy', PAGE_CSP)
          .send(html);
      },
    });
  });

  app.get('/xac-minh', {
    config: { auth: 'public' },
    schema: { hide: true },
    handler: async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', PAGE_CSP)
        .send(renderVerifyPage({ result: null, error: null })),
  });
}
