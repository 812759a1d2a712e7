import { z } from 'zod';
import { isAppError } from '../../errors/app-error.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { lookupPublic } from '../dossier/dossier.service.ts';
import { renderLookupPage, type Lang } from './lookup-page.html.ts';

const LookupPageQuery = z.object({
  ma: z.string().max(80).optional(),
  mk: z.string().max(12).optional(),
  lang: z.enum(['vi', 'en']).optional(),
});

/** GET /tra-cuu: the page the receipt's QR code opens. */
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
        if (!code || !/^[0-9A-Z.]+-\d{6}-\d{4,}$/.test(code) || secret.length < 4)
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
      const html = renderLookupPage({ lang, code, secret, result, error });
      return reply
        .code(error === 'not_found' ? 404 : 200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .send(html);
    },
  });
}
