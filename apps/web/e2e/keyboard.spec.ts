import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, loginCitizen, loginOfficer, pdfFile, tabTo } from './support.ts';

/**
 * Keyboard only (WCAG 2.1.1): an officer works the queue without the mouse (the `/`, `j`, `k`
 * shortcuts, Tab, Space and Enter), and a citizen goes through the online wizard with Tab,
 * typing, Space and Enter. Every step checks where the focus is, so a control that cannot be
 * reached or operated by keyboard fails the test.
 */

const LEADER = 'lanhdao.sxd'; // leader of Sở Xây dựng: sees the department's queue, may bulk-assign
const CITIZEN = '038175492929'; // Nguyễn Thanh Loan
const PROCEDURE = '1.004837'; // Đăng ký giám hộ (commune level)

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
}

test('the leader works the queue by keyboard only', async ({ page }) => {
  await loginOfficer(page, LEADER);
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' })).toBeVisible();
  await expect(page.getByText(/^(Hiển thị|Không có hồ sơ)/)).toBeVisible();
  await expectAccessible(page, 'officer queue');
  // Every status, so that the walk has rows to move between.
  await page.goto('/can-bo?scope=all_visible&status=all');
  const rows = page.locator('table.o-table tbody tr');
  await expect(rows.nth(1)).toBeVisible();
  await expectAccessible(page, 'officer queue (all statuses)');
  const applicant = (await rows.first().locator('td').nth(2).innerText()).trim();

  await test.step('“/” jumps to the search box; Enter searches', async () => {
    await page.locator('body').press('/');
    const search = page.getByRole('searchbox', { name: /Tìm hồ sơ/ });
    await expect(search).toBeFocused();
    await page.keyboard.type(applicant);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(rows.first()).toContainText(applicant);
    await expect(page.getByText(/^Hiển thị 1–\d+ trên tổng số/)).toBeVisible();
    await expectAccessible(page, 'officer queue (search)');
  });

  await test.step('j and k move between the rows, Enter opens the dossier', async () => {
    await page.keyboard.press('Tab'); // leaves the search box for its button
    await page.keyboard.press('j');
    const links = page.locator('table.o-table a.o-row-link');
    await expect(links.nth(0)).toBeFocused();
    if ((await links.count()) > 1) {
      await page.keyboard.press('j');
      await expect(links.nth(1)).toBeFocused();
      await page.keyboard.press('k');
      await expect(links.nth(0)).toBeFocused();
    }
    const code = await focusedText(page);
    expect(code).toMatch(/^[\d.A-Z]+-\d{6}-\d{4}$/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/can-bo/ho-so/${code.replace(/\./g, '\\.')}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
    await page.goBack();
    await expect(links.first()).toBeVisible();
  });

  await test.step('Space ticks a dossier, Enter opens the bulk assignment, and clears it again', async () => {
    await expect(rows.first()).toBeVisible();
    const firstCheck = page.locator('table.o-table tbody input.o-check').first();
    await tabTo(page, firstCheck);
    await page.keyboard.press('Space');
    await expect(firstCheck).toBeChecked();
    await expect(page.getByText('Đã chọn 1 hồ sơ')).toBeVisible();
    const assign = page.locator('.o-bulkbar').getByRole('button', { name: 'Phân công' });
    await tabTo(page, assign, { backwards: true });
    await page.keyboard.press('Enter');
    await expect(assign).toHaveAttribute('aria-expanded', 'true');
    await expectAccessible(page, 'officer queue (bulk assignment)');
    const clear = page.locator('.o-bulkbar').getByRole('button', { name: 'Bỏ chọn' });
    await tabTo(page, clear, { max: 30, backwards: true });
    await page.keyboard.press('Enter');
    await expect(page.getByText('Đã chọn 1 hồ sơ')).toBeHidden();
    await expect(firstCheck).not.toBeChecked();
  });

  await test.step('a deadline filter is a link reached by Tab', async () => {
    const overdue = page.locator('a.o-count-overdue');
    await tabTo(page, overdue, { max: 40, backwards: true });
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]due=overdue/);
    await expect(overdue).toHaveAttribute('aria-current', 'true');
  });
});

test('a citizen goes through the online wizard by keyboard only', async ({ page }) => {
  await loginCitizen(page, CITIZEN);
  await page.request.delete(`/api/drafts/${PROCEDURE}`);
  await page.goto(`/thu-tuc/${PROCEDURE}`);
  const start = page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first();
  await tabTo(page, start);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/nop-ho-so/${PROCEDURE.replace('.', '\\.')}`));

  // Every step: the new step's heading takes the focus (screen readers announce it), then the
  // citizen fills what the step asks with the keyboard and presses Enter on “Tiếp tục”.
  for (let guard = 0; guard < 12; guard += 1) {
    const heading = page.locator('main h2.c-step-title');
    if (guard > 0) await expect(heading).toBeFocused();
    const title = (await heading.innerText()).trim();
    if (/^Kiểm tra và nộp/.test(title)) break;
    await fillStepByKeyboard(page);
    const next = page.getByRole('button', { name: /^Tiếp tục/ });
    await tabTo(page, next);
    await page.keyboard.press('Enter');
    await expect(heading).not.toHaveText(title);
  }
  await expectAccessible(page, 'wizard: review (keyboard)');
  const declare = page.locator('#declare');
  await tabTo(page, declare);
  await page.keyboard.press('Space');
  await expect(declare).toBeChecked();
  const submit = page.getByRole('button', { name: 'Nộp hồ sơ', exact: true });
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' })).toBeVisible();
  await expect(page.locator('main')).toContainText(/\d{6}-\d{4}/);
  await expectAccessible(page, 'submitted (keyboard)');
});

/**
 * Fills the fields of the current wizard step that are required and still empty, reaching each
 * with Tab and typing, choosing options with the arrow keys and ticking with Space.
 */
async function fillStepByKeyboard(page: Page): Promise<void> {
  const main = page.locator('main');
  const radios = main.getByRole('radio');
  if ((await radios.count()) > 0 && (await main.getByRole('radio', { checked: true }).count()) === 0) {
    await tabTo(page, radios.first());
    await page.keyboard.press('Space');
    await expect(radios.first()).toBeChecked();
  }
  const fields = main.locator(
    'input[required]:not([type=radio]):not([type=checkbox]):not([type=file]), select[required], textarea[required]',
  );
  for (let i = 0; i < (await fields.count()); i += 1) {
    const field = fields.nth(i);
    if (!(await field.isVisible()) || (await field.inputValue()) !== '') continue;
    await tabTo(page, field);
    const tag = await field.evaluate((el) => el.tagName.toLowerCase());
    const type = (await field.getAttribute('type')) ?? 'text';
    const label = await field.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.innerText ?? '');
    if (tag === 'select') await page.keyboard.press('ArrowDown');
    else if (type === 'date') await page.keyboard.type('15012026');
    else if (type === 'number') await page.keyboard.type('1');
    else if (/định danh|CCCD|CMND/i.test(label))
      await page.keyboard.type(`0380900${String(i).padStart(5, '0')}`);
    else if (type === 'tel' || /điện thoại/i.test(label)) await page.keyboard.type('0912345678');
    else if (type === 'email' || /e-?mail|thư điện tử/i.test(label))
      await page.keyboard.type('an@example.vn');
    else await page.keyboard.type('Nguyễn Văn An, thôn 3');
    await expect(field).not.toHaveValue('');
  }
  const choosers = main.getByLabel('Chọn tệp (ảnh hoặc PDF)');
  for (let i = 0; i < (await choosers.count()); i += 1) {
    // Documents: Tab to “Chọn tệp”, Space opens the file dialog (here answered by the test).
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, choosers.nth(i));
    await page.keyboard.press('Space');
    await (
      await chooser
    ).setFiles({
      name: `giay-to-${i + 1}.pdf`,
      mimeType: 'application/pdf',
      buffer: pdfFile(`Giay to ${i + 1}`),
    });
    await expect(main.getByText(`Đã tải lên giay-to-${i + 1}.pdf`).first()).toBeAttached();
  }
}
