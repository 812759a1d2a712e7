/**
 * Screen speed (issue 3: "queue pages and dossier pages render in well under a second with the
 * demo year of data"): the built app with `serve --demo` on the embedded database (20 000
 * dossiers, what `npm start` gives), driven by Debian's Chromium through Playwright.
 *
 * Every figure is the wall time from the start of a navigation to the moment the page shows its
 * data (the queue's rows and "Hiển thị …" line; the dossier's heading and history), measured in
 * the browser after the first (warm-up) visits. Baselines, same run: the page's own API answers
 * fetched directly (no rendering), and the app shell (the login page, no data).
 */
import fs from 'node:fs';
import path from 'node:path';
import { OPEN_DOSSIER_STATUSES } from '@motcua/domain';
import { chromium, type Page } from '@playwright/test';
import { API_DIR, startServerWith, summarise, type LoadResult } from './lib.ts';

/** A row of the benchmark table (run.ts prints them). */
export interface ScreenRow {
  name: string;
  motcua: string;
  baseline: string;
  ratio: string;
  target: string;
  met: 'yes' | 'NO' | '-';
  note?: string;
}

const PASSWORD = 'motcua-demo-2026';
const OFFICER = 'tiepnhan.tinh1'; // receiving officer of the provincial centre: the busiest counter
const SUPERVISOR = 'giamsat'; // provincial supervisor: sees every dossier of the province
const SAMPLES = Number(process.env['BENCH_SCREEN_SAMPLES'] ?? 30);
const TARGET_MS = 1000;

function summariseSamples(samples: number[]): LoadResult {
  return summarise(samples, 0, samples.reduce((a, b) => a + b, 0) / 1000);
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function measure(n: number, fn: (i: number) => Promise<void>): Promise<LoadResult> {
  for (let i = 0; i < 3; i++) await fn(i); // warm-up: server caches, browser code cache
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await timed(() => fn(i)));
  return summariseSamples(samples);
}

async function login(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/dang-nhap?as=officer');
  await page.getByRole('tab', { name: /Cán bộ/ }).click();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/can-bo/);
}

export async function benchScreens(
  port: number,
  log: (m: string) => void,
): Promise<{ rows: ScreenRow[]; raw: unknown }> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  }
  if (!fs.existsSync(path.resolve(API_DIR, '../web/dist/index.html'))) {
    throw new Error('the web app is not built (npm run build)');
  }
  // The data folder is kept between runs: the first run seeds the demo year (about a minute).
  const dataDir = path.resolve(API_DIR, '../../.tmp/bench/screens-data');
  log(`screens: serve --demo on the embedded database in ${dataDir} (first run seeds 20 000 dossiers)`);
  const server = await startServerWith(
    ['serve', '--demo'],
    {
      DATABASE_URL: '',
      MOTCUA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SANDBOX_HTTP_PORT: '0',
      SANDBOX_SMTP_PORT: '0',
      RATE_LIMIT_LOGIN_PER_IP: '100000000',
    },
    port,
    300_000,
  );
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'vi-VN',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const rows = page.locator('table.o-table tbody tr');

    /** Full loads of a queue view (several pages of it), and the same API query without the browser. */
    async function queue(pageQuery: string, apiQuery: string) {
      const first = await page.request.get(`/api/dossiers?${apiQuery}&limit=100`);
      if (!first.ok()) throw new Error(`queue API ${first.status()}: ${await first.text()}`);
      const list = (await first.json()) as { items: { code: string }[]; total: number };
      if (list.items.length === 0) throw new Error(`screens: an empty queue (${apiQuery})`);
      const pages = Math.max(1, Math.min(20, Math.floor(list.total / 20)));
      const load = await measure(SAMPLES, async (i) => {
        await page.goto(`/can-bo?${pageQuery}${i % pages ? `&offset=${(i % pages) * 20}` : ''}`);
        await rows.first().waitFor();
        await page.getByText(/^Hiển thị \d/).waitFor();
      });
      const api = await measure(SAMPLES, async (i) => {
        const res = await page.request.get(`/api/dossiers?${apiQuery}&limit=20&offset=${(i % pages) * 20}`);
        if (!res.ok()) throw new Error(`queue API ${res.status()}`);
        await res.body();
      });
      return { load, api, total: list.total, codes: list.items.map((d) => d.code) };
    }

    // 1. The receiving officer's own queue as it opens (my units, open dossiers).
    await login(page, OFFICER);
    const own = await queue(
      '',
      'scope=my_units&sort=due_asc&' + OPEN_DOSSIER_STATUSES.map((st) => `status=${st}`).join('&'),
    );
    log(`screens: ${OFFICER}'s queue has ${own.total} open dossiers; ${SAMPLES} samples per screen`);

    // 2. The whole province, every status (the supervisor's "all I can see"): the largest queue.
    await login(page, SUPERVISOR);
    const all = await queue('scope=all_visible&status=all', 'scope=all_visible&sort=due_asc');
    log(`screens: ${SUPERVISOR} sees ${all.total} dossiers`);
    const codes = all.codes;
    const queueQuery = 'scope=all_visible&status=all';

    const dossierLoad = await measure(SAMPLES, async (i) => {
      const code = codes[i % codes.length] ?? '';
      await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
      await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
      await page.locator('ol.o-history li').first().waitFor();
    });
    const dossierApi = await measure(SAMPLES, async (i) => {
      const code = codes[i % codes.length] ?? '';
      const res = await page.request.get(`/api/dossiers/${encodeURIComponent(code)}`);
      if (!res.ok()) throw new Error(`dossier API ${res.status()}`);
      await res.body();
    });

    const inApp: number[] = [];
    // In the app: from the queue, open a dossier by its link (client-side navigation, the usual way).
    const openFromQueue = await measure(Math.min(SAMPLES, 20), async (i) => {
      await page.goto(`/can-bo?${queueQuery}`);
      await rows.nth(19).waitFor();
      await page.getByText(/^Hiển thị \d/).waitFor();
      const link = page.locator('table.o-table a.o-row-link').nth(i % 20);
      const code = (await link.innerText()).trim();
      const t0 = performance.now();
      await link.click();
      await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
      await page.locator('ol.o-history li').first().waitFor();
      inApp.push(performance.now() - t0);
    });
    const inAppResult = summariseSamples(inApp.slice(3)); // without the warm-up visits

    const shell = await measure(SAMPLES, async () => {
      await page.goto('/dang-nhap');
      await page.getByRole('heading', { level: 1 }).waitFor();
    });
    await context.close();

    const ms = (v: number): string => `${v.toFixed(0)} ms`;
    const row = (
      name: string,
      r: LoadResult,
      baseline: LoadResult,
      baselineName: string,
      note?: string,
    ): ScreenRow => ({
      name,
      motcua: `p95 ${ms(r.p95)} (p50 ${ms(r.p50)})`,
      baseline: `p95 ${ms(baseline.p95)} (${baselineName})`,
      ratio: `${((100 * baseline.p95) / r.p95).toFixed(0)}%`,
      target: `p95 < ${TARGET_MS} ms`,
      met: r.p95 < TARGET_MS ? 'yes' : 'NO',
      ...(note ? { note } : {}),
    });
    return {
      rows: [
        row(
          'Queue page, full load (own queue)',
          own.load,
          own.api,
          'its API answer',
          `${OFFICER}: ${own.total} open dossiers`,
        ),
        row(
          'Queue page, full load (whole province)',
          all.load,
          all.api,
          'its API answer',
          `${SUPERVISOR}: ${all.total} dossiers, every status`,
        ),
        row('Dossier page, full load (demo year)', dossierLoad, dossierApi, 'its API answer'),
        row('Dossier page, opened from the queue', inAppResult, dossierApi, 'its API answer'),
        row('App shell (login page), full load', shell, shell, 'itself'),
      ],
      raw: {
        own: { load: own.load, api: own.api, total: own.total, officer: OFFICER },
        all: { load: all.load, api: all.api, total: all.total, officer: SUPERVISOR },
        dossierLoad,
        dossierApi,
        openFromQueue,
        inApp: inAppResult,
        shell,
      },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
