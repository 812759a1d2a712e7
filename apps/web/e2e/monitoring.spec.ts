import { expect, test } from '@playwright/test';
import { expectAccessible, loginOfficer } from './support.ts';

/**
 * Monitoring in the browser: the provincial supervisor opens the leaders' overview, the
 * institutional enforcement map (SVG, keyboard and mouse), drills down from a commune to its
 * II.06a report and from a number to the dossiers behind it, and downloads the Excel file; the
 * public sees the transparency page without logging in.
 */

const SUPERVISOR = 'giamsat'; // Giám sát, UBND tỉnh Thanh Hóa

test('the supervisor goes from the map to a commune report and to the dossiers of a cell', async ({
  page,
}) => {
  await loginOfficer(page, SUPERVISOR);

  await test.step('opens the leaders’ overview', async () => {
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan điều hành' })).toBeVisible();
    await expect(page.getByText('Đang quá hạn').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Chỉ số theo Quyết định 766/QĐ-TTg' })).toBeVisible();
    await expectAccessible(page, 'dashboard');
  });

  await test.step('sees the communes coloured on the map, with a legend and details on focus', async () => {
    await page.goto('/can-bo/ban-do?ky=this_year');
    await expect(page.getByRole('heading', { level: 1, name: 'Bản đồ thực thi thể chế' })).toBeVisible();
    const areas = page.locator('svg.enforcement-map a');
    await expect(areas.first()).toBeVisible();
    expect(await areas.count()).toBeGreaterThanOrEqual(10);
    await expect(page.getByRole('heading', { name: 'Chú giải' })).toBeVisible();
    await expect(page.getByText('Từ 95% trở lên')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Xếp hạng xã, phường' })).toBeVisible();
    await expectAccessible(page, 'enforcement map');
    const first = areas.first();
    const label = (await first.getAttribute('aria-label')) ?? '';
    const commune = label.split(':')[0] ?? '';
    expect(commune.length).toBeGreaterThan(2);
    await first.focus();
    await expect(page.locator('.map-details')).toContainText(commune);
    await expect(page.locator('.map-details')).toContainText('Tỷ lệ đúng hạn');
    // Enter on the focused commune opens its report.
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/can-bo\/bao-cao\?.*donvi=/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Báo cáo tình hình giải quyết TTHC' }),
    ).toBeVisible();
    await expect(page.locator('.report-heading')).toContainText(commune);
  });

  await test.step('drills down from the total of settled dossiers to the dossiers', async () => {
    const table = page.locator('table.report-table');
    await expect(table).toBeVisible();
    await expectAccessible(page, 'report II.06a');
    const settled = table.locator('tfoot td').nth(5).getByRole('link');
    const count = Number((await settled.textContent())?.replace(/\D/g, '') ?? '0');
    expect(count).toBeGreaterThan(0);
    await settled.click();
    const list = page.locator('.drill-down');
    await expect(list).toBeVisible();
    await expect(list).toContainText('(7)');
    const codes = list.locator('tbody a');
    await expect(codes.first()).toBeVisible();
    expect(await codes.count()).toBe(Math.min(count, 50));
    await expectAccessible(page, 'drill-down');
    const code = (await codes.first().textContent()) ?? '';
    await codes.first().click();
    await expect(page).toHaveURL(new RegExp(`/can-bo/ho-so/${code.replace(/\./g, '\\.')}`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
  });

  await test.step('downloads the report as Excel and CSV', async () => {
    await page.goBack();
    const xlsx = page.getByRole('link', { name: 'Excel (.xlsx)' });
    await expect(xlsx).toBeVisible();
    const href = (await xlsx.getAttribute('href')) ?? '';
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    const csv = await page.request.get(href.replace('format=xlsx', 'format=csv'));
    expect((await csv.body()).subarray(0, 3).toString('hex')).toBe('efbbbf');
    expect(await csv.text()).toContain('Số hồ sơ nhận giải quyết');
  });
});

test('the public sees on-time rates and the map without logging in, and no personal data', async ({
  page,
}) => {
  await page.goto('/minh-bach');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Kết quả giải quyết thủ tục hành chính' }),
  ).toBeVisible();
  await expect(page.getByText('Giải quyết đúng hạn', { exact: true })).toBeVisible();
  const areas = page.locator('svg.enforcement-map g[tabindex="0"]');
  await expect(areas.first()).toBeVisible();
  await areas.first().focus();
  await expect(page.locator('.map-details')).toContainText('Tỷ lệ đúng hạn');
  await expectAccessible(page, 'transparency');
  // No dossier code (agency code - YYMMDD - NNNN) on the public page.
  expect(await page.locator('main').innerText()).not.toMatch(/-\d{6}-\d{4}/);
});

test('the admin sees where the map boundaries come from and which communes they match', async ({ page }) => {
  await loginOfficer(page, 'admin');
  await page.goto('/quan-tri');
  await page.getByRole('link', { name: 'Ranh giới bản đồ' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Ranh giới xã, phường cho bản đồ' }),
  ).toBeVisible();
  await expect(page.getByText('Tệp đã tải lên', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Vùng khớp với đơn vị' })).toBeVisible();
  expect(await page.locator('main li').count()).toBeGreaterThanOrEqual(20);
  await expect(page.getByLabel('Chọn tệp GeoJSON')).toBeAttached();
  await expectAccessible(page, 'map boundaries (admin)');
});
