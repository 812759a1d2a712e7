import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../errors/app-error.ts';
import { cspHash, pageContentSecurityPolicy } from '../../http/security-headers.ts';
import { requestMeta, type AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { rateByLookup } from '../dossier/dossier-rating.service.ts';
import { lookupPublic } from '../dossier/dossier.service.ts';
import { LOOKUP_PAGE_STYLE, renderLookupPage, type Lang, type RatingNotice } from './lookup-page.html.ts';

/** `dg` (đánh giá) in the page URL after a rating was sent: what to tell the visitor. */
const RATING_NOTICE_PARAM = {
  'cam-on': 'thanks',
  'da-danh-gia': 'already',
  'chua-mo': 'not_open',
  'khong-hop-le': 'invalid',
} as const satisfies Record<string, RatingNotice>;
type RatingNoticeParam = keyof typeof RATING_NOTICE_PARAM;

const LookupPageQuery = z.object({
  ma: z.string().max(80).optional(),
  mk: z.string().max(12).optional(),
  lang: z.enum(['vi', 'en']).optional(),
  dg: z.string().max(20).optional(),
});

/** The rating form's fields; checked by hand so that a bad value redirects instead of failing. */
const RatingForm = z.object({
  ma: z.string().max(200).optional(),
  mk: z.string().max(200).optional(),
  lang: z.string().max(10).optional(),
  diem: z.string().max(10).optional(),
  'y-kien': z.string().max(5000).optional(),
});

/** The page's CSP allows its one inline style by hash (no 'unsafe-inline'). */
const PAGE_CSP = pageContentSecurityPolicy({ styleHashes: [cspHash(LOOKUP_PAGE_STYLE)] });

const CODE_RE = /^[0-9A-Z.]+-\d{6}-\d{4,}$/;

function pageUrl(code: string, secret: string, lang: Lang, notice?: RatingNoticeParam): string {
  const qs = new URLSearchParams({ ma: code, mk: secret, lang, ...(notice ? { dg: notice } : {}) });
  return `/tra-cuu?${qs.toString()}`;
}

/** GET /tra-cuu: the page the receipt's QR code opens; POST /tra-cuu/danh-gia: its rating form. */
export function lookupPageRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/tra-cuu', {
    config: { auth: 'public' },
    schema: { hide: true, querystring: LookupPageQuery },
    handler: async (req, reply) => {
      const lang: Lang = req.query.lang ?? 'vi';
      const code = (req.query.ma ?? '').trim().toUpperCase();
      const secret = (req.query.mk ?? '').trim().toUpperCase();
      let result = null;
      let error: 'not_found' | 'invalid' | null = null;
      if (code || secret) {
        if (!code || !CODE_RE.test(code) || secret.length < 4)
          error = code && secret ? 'not_found' : 'invalid';
        else {
          try {
            result = await lookupPublic(ctx, code, secret);
          } catch (e) {
            if (!isAppError(e) || e.code !== 'DOSSIER_NOT_FOUND') throw e;
            error = 'not_found';
          }
        }
      }
      const dg = req.query.dg;
      const ratingNotice =
        result && dg && dg in RATING_NOTICE_PARAM ? RATING_NOTICE_PARAM[dg as RatingNoticeParam] : null;
      const html = renderLookupPage({ lang, code, secret, result, error, ratingNotice });
      return reply
        .code(error === 'not_found' ? 404 : 200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('content-security-policy', PAGE_CSP)
        .send(html);
    },
  });

  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    scope.withTypeProvider<ZodTypeProvider>().post('/tra-cuu/danh-gia', {
      config: { auth: 'public' },
      schema: { hide: true, body: RatingForm },
      handler: async (req, reply) => {
        const form = req.body;
        const lang: Lang = form.lang === 'en' ? 'en' : 'vi';
        const code = (form.ma ?? '').trim().toUpperCase();
        const secret = (form.mk ?? '').trim().toUpperCase();
        if (!CODE_RE.test(code) || secret.length < 4 || secret.length > 12)
          return reply.redirect(pageUrl(code, secret, lang), 303);
        const score = Number(form.diem);
        const comment = (form['y-kien'] ?? '').trim();
        if (!Number.isInteger(score) || score < 1 || score > 5 || comment.length > 1000)
          return reply.redirect(pageUrl(code, secret, lang, 'khong-hop-le'), 303);
        let notice: RatingNoticeParam | undefined;
        try {
          await rateByLookup(
            ctx,
            req.actor,
            { code, secret, score, ...(comment ? { comment } : {}) },
            requestMeta(req),
          );
          notice = 'cam-on';
        } catch (e) {
          if (!isAppError(e)) throw e;
          if (e.code === 'ALREADY_RATED') notice = 'da-danh-gia';
          else if (e.code === 'RATING_NOT_OPEN') notice = 'chua-mo';
          else if (e.code !== 'DOSSIER_NOT_FOUND') throw e;
          // A wrong code or secret: the page itself says the dossier was not found.
        }
        return reply.redirect(pageUrl(code, secret, lang, notice), 303);
      },
    });
  });
}
