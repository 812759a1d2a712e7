import { expect, test } from '@playwright/test';
import { expectAccessible, loginOfficer } from './support.ts';

test('the login page is accessible, and an officer lands in the workspace', async ({ page }) => {
  await page.goto('/dang-nhap');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await expectAccessible(page, 'login');
  await loginOfficer(page, 'tiepnhan.tinh1');
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toContainText('Đăng xuất');
});

test('a wrong password gets a plain error and no session', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.getByLabel(/Số định danh/).fill('038099000001');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau-123');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Sai thông tin đăng nhập');
  await expect(page).toHaveURL(/\/dang-nhap/);
});

test('the language switch turns the page into English and back', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
});
