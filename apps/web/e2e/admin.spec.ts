import { expect, test } from '@playwright/test';
import { expectAccessible, loginOfficer } from './support.ts';

/**
 * Administration in the browser: every admin page passes axe, and the catalog editor refuses to
 * publish a draft whose internal step budgets do not add up to the legal time limit (the live
 * sum, the disabled “Công bố…” button, and the server's own refusal), then publishes it once it
 * is fixed. The units, officers and calendar pages are walked through too.
 */

const ADMIN = 'admin';
const PROCEDURE = '1.004884'; // Đăng ký lại khai sinh: 5 working days, five steps of 40 hours in all

test.describe.configure({ mode: 'serial' });

test('the catalog editor blocks a draft whose step budgets exceed the legal limit, then publishes it fixed', async ({
  page,
}) => {
  await loginOfficer(page, ADMIN);
  await page.goto('/quan-tri');
  await expect(page.getByRole('heading', { level: 1, name: 'Quản trị hệ thống' })).toBeVisible();
  await expectAccessible(page, 'admin home');

  await test.step('finds the procedure in the catalog without diacritics', async () => {
    await page.getByRole('link', { name: 'Danh mục thủ tục hành chính' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính' })).toBeVisible();
    await expectAccessible(page, 'admin catalog');
    await page.getByLabel(/^Tên hoặc mã thủ tục/).fill('dang ky lai khai sinh');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page.getByRole('heading', { name: /^Kết quả: \d+ thủ tục đang có hiệu lực/ })).toBeVisible();
    await expectAccessible(page, 'admin catalog (search)');
    await page
      .getByRole('link', { name: /^Đăng ký lại khai sinh$/ })
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`/quan-tri/thu-tuc/${PROCEDURE.replace(/\./g, '\\.')}`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Đăng ký lại khai sinh');
    await expectAccessible(page, 'admin procedure (published version)');
  });

  let versionNo = 0;
  await test.step('drafts a new version and makes the first step too long', async () => {
    await page.getByRole('button', { name: /^\+ Tạo bản nháp mới/ }).click();
    const draftHeading = page.getByRole('heading', { level: 2, name: /^Bản nháp phiên bản \d+$/ });
    await expect(draftHeading).toBeVisible();
    versionNo = Number((await draftHeading.innerText()).match(/\d+$/)?.[0]);
    await expectAccessible(page, 'procedure editor (draft)');

    const firstBudget = page.getByRole('group', { name: 'Thời gian thực hiện bước' }).first();
    await expect(firstBudget.getByLabel(/^Số lượng/)).toHaveValue('4');
    await firstBudget.getByLabel(/^Số lượng/).fill('12');
    // The live sum: 48 working hours against a limit of 5 working days (40 hours).
    const status = page.locator('.a-budget-status').first();
    await expect(status).toContainText('Vượt thời hạn');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
  });

  await test.step('cannot publish it: the button stays disabled and the server refuses too', async () => {
    await page.getByRole('button', { name: 'Kiểm tra với máy chủ' }).click();
    await expect(page.getByText(/^Cần sửa trước khi công bố \(\d+\)/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Công bố…' })).toBeDisabled();
    await expectAccessible(page, 'procedure editor (budgets over the limit)');
    const refused = await page.request.post(`/api/procedures/${PROCEDURE}/versions/${versionNo}/publish`);
    expect(refused.status()).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('STEP_BUDGETS_MISMATCH');
  });

  await test.step('fixes the budget and publishes the version', async () => {
    const firstBudget = page.getByRole('group', { name: 'Thời gian thực hiện bước' }).first();
    await firstBudget.getByLabel(/^Số lượng/).fill('4');
    await expect(page.locator('.a-budget-status').first()).toContainText('Khớp với thời hạn giải quyết.');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect(page.getByText('Đã lưu bản nháp.')).toBeVisible();
    const publish = page.getByRole('button', { name: 'Công bố…' });
    await expect(publish).toBeEnabled();
    await publish.click();
    const dialog = page.getByRole('dialog', { name: `Công bố phiên bản ${versionNo}?` });
    await expect(dialog).toBeVisible();
    await expectAccessible(page, 'procedure editor (confirm publication)');
    await dialog.getByRole('button', { name: 'Công bố', exact: true }).click();
    await expect(page.getByText(`Đã công bố phiên bản ${versionNo}.`)).toBeVisible();
    await expectAccessible(page, 'admin procedure (just published)');
  });
});

test('the units, officers and calendar pages are accessible and work', async ({ page }) => {
  await loginOfficer(page, ADMIN);

  await test.step('units: filters the tree and opens a commune', async () => {
    await page.goto('/quan-tri/don-vi');
    await expect(page.getByRole('heading', { level: 1, name: 'Cơ quan, đơn vị' })).toBeVisible();
    await expectAccessible(page, 'admin units');
    await page.getByLabel(/^Lọc theo tên hoặc mã định danh/).fill('Hạc Thành');
    const unit = page.getByRole('link', { name: /^Ủy ban nhân dân phường Hạc Thành|^UBND phường Hạc Thành/ });
    await unit.first().click();
    await expect(page.getByText('Mã định danh điện tử').first()).toBeVisible();
    await expectAccessible(page, 'admin units (a unit open)');
  });

  await test.step('officers: finds the officers of a unit', async () => {
    await page.goto('/quan-tri/can-bo');
    await expect(page.getByRole('heading', { level: 1, name: 'Cán bộ và vai trò' })).toBeVisible();
    await expectAccessible(page, 'admin officers');
    await page.getByLabel(/^Họ tên hoặc tên đăng nhập/).fill('hacthanh');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page.getByRole('cell', { name: 'tiepnhan.hacthanh' })).toBeVisible();
    await expectAccessible(page, 'admin officers (search)');
  });

  await test.step('calendar: the year’s days off and the next year', async () => {
    await page.goto('/quan-tri/lich-lam-viec');
    await expect(page.getByRole('heading', { level: 1, name: 'Lịch làm việc' })).toBeVisible();
    const year = new Date().getFullYear();
    await expect(page.getByRole('heading', { name: `Ngày nghỉ và ngày làm bù năm ${year}` })).toBeVisible();
    await expectAccessible(page, 'admin calendar');
    await page.getByRole('button', { name: 'Năm sau' }).click();
    await expect(
      page.getByRole('heading', { name: `Ngày nghỉ và ngày làm bù năm ${year + 1}` }),
    ).toBeVisible();
    await expect(page.getByText(/Tết Nguyên đán/).first()).toBeVisible();
    await expectAccessible(page, 'admin calendar (next year)');
  });
});
