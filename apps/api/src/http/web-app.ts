import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from './types.ts';

/**
 * The web app (apps/web, a React SPA built by Vite) is served by this same server: one command
 * starts API and web. Static files are cached for a year; index.html is never cached, and every
 * GET for an HTML page that is not an API route answers index.html (client-side routing).
 */
export function findWebDir(configured: string | undefined): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = configured
    ? [path.resolve(configured)]
    : [path.resolve(here, '../../../web/dist'), path.resolve(here, '../../web/dist')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? null;
}

export async function registerWebApp(app: AppInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    // Vite names assets by content hash: they never change, so they are cached for a year.
    maxAge: '365d',
    immutable: true,
  });
}

const ASSET_EXTENSION =
  /^\.(js|mjs|css|map|json|txt|xml|ico|png|jpe?g|gif|svg|webp|avif|woff2?|ttf|pdf|webmanifest|html?)$/i;

/** True when a request that matched no route should get the SPA's index.html. */
export function wantsWebPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = request.url.split('?')[0] ?? '';
  if (url.startsWith('/api/') || url === '/api') return false;
  // A file the browser asks for (favicon.ico) is not a page; a dot in a page path is (procedure
  // codes such as /thu-tuc/1.013225 or 1.000948.H38, dossier codes).
  if (ASSET_EXTENSION.test(path.extname(url))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export function sendWebPage(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .sendFile('index.html', { cacheControl: false });
}
