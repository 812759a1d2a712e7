import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/test-context.ts';
import { buildApp } from './build-app.ts';
import type { AppInstance } from './types.ts';

const t = useTestContext();
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-web-'));
let app: AppInstance;

beforeAll(async () => {
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><title>Motcua</title><div id="root"></div>',
  );
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'assets', 'app-1234.js'), 'console.log(1)');
  app = await buildApp(t.ctx, { webDir });
});

afterAll(async () => {
  await app.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

async function get(url: string, accept = 'text/html,application/xhtml+xml') {
  return app.inject({ method: 'GET', url, headers: { accept } });
}

describe('the served web app', () => {
  it('answers index.html for every page, also when its path has dots (procedure and dossier codes)', async () => {
    for (const url of [
      '/',
      '/thu-tuc',
      '/thu-tuc/1.013225',
      '/thu-tuc/1.000948.H38',
      '/nop-ho-so/2.000635?buoc=kiem-tra',
      '/can-bo/ho-so/000.31.01.H56-261206-0001',
      '/quan-tri/lich-lam-viec',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves assets with a long cache, and answers 404 for missing files and unknown API routes', async () => {
    const asset = await get('/assets/app-1234.js', '*/*');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/favicon.ico', '/assets/missing-999.js', '/logo.png']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
    }
    const api = await get('/api/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    // A script asking for a page path gets the JSON 404, not the page.
    const json = await get('/thu-tuc/1.013225', 'application/json');
    expect(json.statusCode).toBe(404);
  });
});
