import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, loginCitizen, loginOfficer, logout, pdfFile, pngFile } from './support.ts';

/**
 * The whole life of an online dossier, in the browser, by the people who handle it: a citizen
 * submits a construction permit through the wizard (with a resumable upload of the drawings),
 * the commune's receiving officer accepts it, the specialist asks for a supplement with a reason
 * per document, the citizen sees exactly what is missing and supplies it, pays the fee the
 * specialist asks for (QR code shown, paid at the gateway, the dossier resumes), the officers take it
 * through the steps to the result, and the citizen sees the result and rates the service.
 */

const CITIZEN = '038088645209'; // Phạm Văn Hùng, phường Hạc Thành
const PROCEDURE = '1.013225'; // Cấp giấy phép xây dựng mới … nhà ở riêng lẻ (commune level)
const RECEIVING = 'tiepnhan.hacthanh';
const SPECIALIST = 'chuyenvien2.hacthanh'; // địa chính – xây dựng
const LEADER = 'lanhdao.hacthanh';
const CLERK = 'vanthu.hacthanh';

test.describe.configure({ mode: 'serial' });

let dossierCode = '';

async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Tiếp tục/ }).click();
}

async function expectStep(page: Page, n: number, title: RegExp | string): Promise<void> {
  await expect(page.getByText(new RegExp(`^Bước ${n} trên \\d+$`))).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

test('a citizen submits a construction permit online, step by step, with a draft kept', async ({ page }) => {
  await loginCitizen(page, CITIZEN);
  // A draft left by an earlier attempt would open the wizard where it stopped.
  await page.request.delete(`/api/drafts/${PROCEDURE}`);

  await test.step('finds the procedure by typing without diacritics', async () => {
    await page.goto('/');
    await expectAccessible(page, 'home');
    await page.getByRole('searchbox').fill('giay phep xay dung moi');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page).toHaveURL(/\/thu-tuc\?q=/);
    const result = page.getByRole('link', { name: /^Cấp giấy phép xây dựng mới đối với công trình cấp III/ });
    await expect(result).toBeVisible();
    await expectAccessible(page, 'procedure search');
    await result.click();
    await expect(page).toHaveURL(new RegExp(`/thu-tuc/${PROCEDURE.replace('.', '\\.')}$`));
  });

  await test.step('reads the procedure page: what to bring, time limit, expected result date', async () => {
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Cấp giấy phép xây dựng mới');
    await expect(page.getByText('Nếu nộp hôm nay, khi nào có kết quả?')).toBeVisible();
    await expect(page.getByText(/Dự kiến có kết quả: \d\d:\d\d .+ \d\d\/\d\d\/\d{4}/)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Giấy tờ cần chuẩn bị' })).toBeVisible();
    await expect(page.getByText('Hai bộ bản vẽ thiết kế xây dựng', { exact: false }).first()).toBeVisible();
    await expectAccessible(page, 'procedure page');
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first().click();
    await expect(page).toHaveURL(new RegExp(`/nop-ho-so/${PROCEDURE.replace('.', '\\.')}`));
  });

  await test.step('chooses the case and the commune', async () => {
    await expectStep(page, 1, 'Trường hợp của bạn');
    await expectAccessible(page, 'wizard: case');
    await page.getByRole('radio', { name: /Nhà ở riêng lẻ/ }).check();
    await next(page);
    await expectStep(page, 2, 'Nơi nộp hồ sơ');
    await expect(page.getByLabel(/Xã, phường nơi nộp hồ sơ/)).toHaveValue(/.+/);
    await expect(page.getByLabel(/Xã, phường nơi nộp hồ sơ/).locator('option:checked')).toHaveText(
      /Hạc Thành/,
    );
    await expectAccessible(page, 'wizard: place');
    await next(page);
  });

  await test.step('checks the applicant (filled from the account) and gets a plain error for a bad phone', async () => {
    await expectStep(page, 3, 'Thông tin người nộp');
    await expect(page.getByLabel(/^Họ và tên/)).toHaveValue('Phạm Văn Hùng');
    await page.getByLabel(/^Số điện thoại/).fill('12345');
    await next(page);
    await expect(page.getByText('Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).')).toBeVisible();
    await expect(page.getByLabel(/^Số điện thoại/)).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'wizard: applicant with an error');
    await page.getByLabel(/^Số điện thoại/).fill('0912 345 678');
    await next(page);
  });

  await test.step('fills the application form', async () => {
    await expectStep(page, 4, 'Tờ khai');
    await page.getByLabel(/^Tên chủ đầu tư/).fill('Phạm Văn Hùng');
    await page.getByLabel(/^Số định danh cá nhân\/mã số doanh nghiệp/).fill(CITIZEN);
    await page.getByLabel(/^Địa điểm xây dựng/).fill('Số 12 ngõ 5 Lê Lợi, phường Hạc Thành');
    await page.getByLabel(/^Thửa đất số, tờ bản đồ số/).fill('Thửa 215, tờ bản đồ 12');
    await page.getByLabel(/^Diện tích xây dựng tầng 1/).fill('86,5');
    await page.getByLabel(/^Số tầng/).fill('3');
    await page.getByLabel(/^Loại công trình/).selectOption({ label: 'Nhà ở riêng lẻ' });
    await expectAccessible(page, 'wizard: form');
    await expect(page.getByText(/Đã tự động lưu nháp lúc/)).toBeVisible();
  });

  await test.step('leaves and comes back: the draft is restored where it was', async () => {
    await page.goto('/');
    await page.goto(`/nop-ho-so/${PROCEDURE}`);
    await expect(page.getByText(/Chúng tôi đã mở lại hồ sơ bạn đang khai dở/)).toBeVisible();
    await expectStep(page, 4, 'Tờ khai');
    await expect(page.getByLabel(/^Thửa đất số, tờ bản đồ số/)).toHaveValue('Thửa 215, tờ bản đồ 12');
    await expect(page.getByLabel(/^Diện tích xây dựng tầng 1/)).toHaveValue('86,5');
    await next(page);
  });

  await test.step('uploads one document per page: a photo, a PDF and large drawings (resumable)', async () => {
    await expectStep(page, 5, /Đơn đề nghị cấp giấy phép xây dựng/);
    await next(page);
    await expect(page.getByText('Hãy tải lên ít nhất một tệp cho giấy tờ này.')).toBeVisible();
    await page.getByLabel(/Chọn tệp \(ảnh hoặc PDF\)/).setInputFiles({
      name: 'don-de-nghi.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('Don de nghi cap giay phep xay dung'),
    });
    await expect(page.getByRole('list', { name: 'Tệp đã tải lên' })).toContainText('don-de-nghi.pdf');
    await expectAccessible(page, 'wizard: document');
    await next(page);

    await expectStep(page, 6, /giấy tờ hợp pháp về đất đai/);
    await page.getByLabel(/Chọn tệp \(ảnh hoặc PDF\)/).setInputFiles({
      name: 'so-do.png',
      mimeType: 'image/png',
      buffer: pngFile(),
    });
    await expect(page.getByRole('list', { name: 'Tệp đã tải lên' })).toContainText('so-do.png');
    await next(page);

    await expectStep(page, 7, /Hai bộ bản vẽ thiết kế xây dựng/);
    // 12 MB of drawings: more than one request can carry, sent in chunks through /api/uploads.
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/uploads')) uploads.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.getByLabel(/Chọn tệp \(ảnh hoặc PDF\)/).setInputFiles({
      name: 'ban-ve-thiet-ke.pdf',
      mimeType: 'application/pdf',
      buffer: pdfFile('Ban ve thiet ke', 12 * 1024 * 1024),
    });
    await expect(page.getByRole('list', { name: 'Tệp đã tải lên' })).toContainText(
      'ban-ve-thiet-ke.pdf (12 MB)',
      {
        timeout: 60_000,
      },
    );
    expect(uploads.filter((u) => u.startsWith('POST')).length).toBe(1);
    expect(uploads.filter((u) => u.startsWith('PUT')).length).toBe(2);
    await next(page);
  });

  await test.step('chooses the delivery, reviews and submits', async () => {
    await expectStep(page, 8, 'Cách nhận kết quả');
    await page.getByRole('radio', { name: /Nhận trực tiếp tại nơi nộp hồ sơ/ }).check();
    await expectAccessible(page, 'wizard: delivery');
    await next(page);
    await expectStep(page, 9, 'Kiểm tra và nộp');
    await expect(page.getByText('Thửa 215, tờ bản đồ 12')).toBeVisible();
    await expect(page.getByText('ban-ve-thiet-ke.pdf')).toBeVisible();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect(page.getByText('Hãy đánh dấu ô cam đoan trước khi nộp.').first()).toBeVisible();
    await expectAccessible(page, 'wizard: review');
    await page.getByRole('checkbox', { name: /Tôi cam đoan/ }).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  });

  await test.step('gets the receipt at once: code, due date and what happens next', async () => {
    await expect(page).toHaveURL(/\/ho-so-cua-toi\/.+\/da-nop$/);
    dossierCode = decodeURIComponent(page.url().split('/ho-so-cua-toi/')[1]!.split('/')[0]!);
    expect(dossierCode).toMatch(/^[0-9A-Z.]+-\d{6}-\d{4}$/);
    await expect(page.getByText(dossierCode).first()).toBeVisible();
    await expectAccessible(page, 'submitted');
  });
});

/** Opens an action of the actions panel, lets `fill` complete its form, confirms, checks the result. */
async function act(page: Page, label: string, status: string, fill?: () => Promise<void>): Promise<void> {
  const panel = page.getByRole('region', { name: 'Thao tác' });
  await panel.getByRole('button', { name: label, exact: true }).click();
  if (fill) await fill();
  await panel.getByRole('button', { name: `Xác nhận: ${label}` }).click();
  await expect(panel.getByText(`Đã thực hiện: ${label}. Trạng thái hồ sơ: ${status}.`)).toBeVisible();
}

async function openAsOfficer(page: Page, username: string): Promise<void> {
  await loginOfficer(page, username);
  await page.goto(`/can-bo/ho-so/${dossierCode}`);
  await expect(page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossierCode}` })).toBeVisible();
}

test('the receiving officer accepts it and the specialist asks for a supplement, per document', async ({
  page,
}) => {
  test.skip(!dossierCode, 'needs the dossier of the first journey');
  await test.step('the commune receiving officer finds it in the queue and accepts it', async () => {
    await loginOfficer(page, RECEIVING);
    await page.getByRole('searchbox', { name: /Tìm hồ sơ/ }).fill(dossierCode);
    await page.getByRole('searchbox', { name: /Tìm hồ sơ/ }).press('Enter');
    await page.getByRole('link', { name: dossierCode }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossierCode}` })).toBeVisible();
    await expectAccessible(page, 'officer dossier (submitted)');
    await act(page, 'Tiếp nhận', 'Được tiếp nhận');
    const receipt = page.getByRole('link', { name: /In giấy tiếp nhận, hẹn trả kết quả \(Mẫu 01\)/ });
    await expect(receipt).toBeVisible();
    const pdf = await page.request.get((await receipt.getAttribute('href'))!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await act(page, 'Chuyển xử lý', 'Đang xử lý');
    await logout(page);
  });

  await test.step('the specialist requests a supplement with a reason for each document', async () => {
    await openAsOfficer(page, SPECIALIST);
    await act(page, 'Yêu cầu bổ sung hồ sơ', 'Yêu cầu bổ sung giấy tờ', async () => {
      const form = page.locator('form.o-action-form');
      await form.getByRole('checkbox', { name: /giấy tờ hợp pháp về đất đai/ }).check();
      await form
        .getByLabel(/^Lý do cần bổ sung: Một trong những giấy tờ hợp pháp/)
        .fill('Ảnh chụp giấy chứng nhận bị mờ, không đọc được số thửa.');
      await form.getByRole('button', { name: 'Thêm giấy tờ khác' }).click();
      await form.getByLabel(/^Tên giấy tờ khác 1/).fill('Văn bản đồng ý của chủ sở hữu nhà liền kề');
      await form
        .getByLabel(/^Lý do cần bổ sung: giấy tờ khác 1/)
        .fill('Công trình xây sát ranh giới nhà bên cạnh.');
      await form
        .getByLabel(/^Lý do chung, nội dung hướng dẫn/)
        .fill('Xin bổ sung các giấy tờ dưới đây để tiếp tục thẩm định.');
      await expectAccessible(page, 'officer: supplement request form');
    });
    await logout(page);
  });
});

test('the citizen sees exactly what is missing and supplies it', async ({ page }) => {
  test.skip(!dossierCode, 'needs the dossier of the first journey');
  await loginCitizen(page, CITIZEN);
  await test.step('my dossiers shows the dossier needs me', async () => {
    await page.getByRole('button', { name: 'Cần bạn bổ sung' }).click();
    const row = page.getByRole('listitem').filter({ hasText: dossierCode });
    await expect(row).toContainText('Yêu cầu bổ sung giấy tờ');
    await expectAccessible(page, 'my dossiers');
    await row.getByRole('link').first().click();
  });
  await test.step('the dossier page lists each missing document with its reason', async () => {
    await expect(page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossierCode}` })).toBeVisible();
    const card = page.getByRole('region', { name: 'Cần bổ sung giấy tờ' });
    await expect(card).toContainText('Xin bổ sung các giấy tờ dưới đây để tiếp tục thẩm định.');
    const missing = card.getByRole('list').first().getByRole('listitem');
    await expect(missing).toHaveCount(2);
    await expect(missing.nth(0)).toContainText('Một trong những giấy tờ hợp pháp về đất đai');
    await expect(missing.nth(0)).toContainText(
      'Lý do: Ảnh chụp giấy chứng nhận bị mờ, không đọc được số thửa.',
    );
    await expect(missing.nth(1)).toContainText('Văn bản đồng ý của chủ sở hữu nhà liền kề');
    await expect(page.getByText(/Thời hạn đang tạm dừng từ/)).toBeVisible();
    await expectAccessible(page, 'citizen dossier (awaiting supplement)');
  });
  await test.step('uploads the two documents and sends them', async () => {
    const card = page.getByRole('region', { name: 'Cần bổ sung giấy tờ' });
    const fields = card.getByRole('group');
    await fields
      .filter({ hasText: 'Một trong những giấy tờ hợp pháp về đất đai' })
      .getByLabel(/Chọn tệp/)
      .setInputFiles({
        name: 'giay-chung-nhan.pdf',
        mimeType: 'application/pdf',
        buffer: pdfFile('GCN QSDD'),
      });
    await fields
      .filter({ hasText: 'Văn bản đồng ý của chủ sở hữu nhà liền kề' })
      .getByLabel(/Chọn tệp/)
      .setInputFiles({ name: 'van-ban-dong-y.png', mimeType: 'image/png', buffer: pngFile() });
    await expect(card.getByRole('list', { name: 'Tệp đã tải lên' })).toHaveCount(2);
    await card.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await expect(
      page.getByText('Đã gửi bổ sung. Cán bộ sẽ kiểm tra và tiếp tục giải quyết hồ sơ.'),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Tình trạng hiện tại' })).toContainText('Đang xử lý');
    // Both files are with the dossier, the one outside the procedure's list too.
    await expect(page.getByRole('link', { name: 'giay-chung-nhan.pdf' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'van-ban-dong-y.png' })).toBeVisible();
  });
});

test('the specialist asks for the permit fee and the citizen pays it online', async ({ page }) => {
  test.skip(!dossierCode, 'needs the dossier of the first journey');
  await test.step('the specialist asks for the fee (the clock pauses)', async () => {
    await openAsOfficer(page, SPECIALIST);
    await act(
      page,
      'Yêu cầu thực hiện nghĩa vụ tài chính',
      'Yêu cầu thực hiện nghĩa vụ tài chính',
      async () => {
        const form = page.locator('form.o-action-form');
        await form.getByLabel(/^Số tiền \(đồng\)/).fill('150000');
        await form.getByLabel(/^Nội dung nghĩa vụ tài chính/).fill('Lệ phí cấp giấy phép xây dựng');
      },
    );
    await logout(page);
  });
  await test.step('the citizen sees what to pay, with a bank-transfer QR code', async () => {
    await loginCitizen(page, CITIZEN);
    await page.goto(`/ho-so-cua-toi/${dossierCode}`);
    const card = page.getByRole('region', { name: 'Lệ phí và nghĩa vụ tài chính' });
    await expect(card).toContainText('Lệ phí cấp giấy phép xây dựng');
    await expect(card).toContainText(/Còn phải nộp: 150\.000\s₫/);
    await card.getByRole('button', { name: 'Chuyển khoản bằng mã QR' }).click();
    await expect(card.getByRole('img', { name: /Mã QR chuyển khoản 150\.000/ })).toBeVisible();
    await expect(card).toContainText('Nội dung chuyển khoản:');
    await expectAccessible(page, 'citizen dossier (fee to pay)');
  });
  await test.step('pays online at the gateway and comes back to a paid dossier', async () => {
    const card = page.getByRole('region', { name: 'Lệ phí và nghĩa vụ tài chính' });
    await card.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.getByRole('button', { name: /Thanh toán thử: thành công/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossierCode}` })).toBeVisible();
    // The payment is recorded at once; the dossier resumes when the worker has run (seconds).
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('Đã nộp đủ. Cảm ơn ông/bà.')).toBeVisible({ timeout: 1000 });
      await expect(page.getByText('Đang xử lý').first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Lệ phí và nghĩa vụ tài chính' })).toContainText(
      /Biên lai số/,
    );
    await logout(page);
  });
});

test('the officers take it through the steps, approve, issue the result and return it', async ({ page }) => {
  test.skip(!dossierCode, 'needs the dossier of the first journey');
  await test.step('the specialist sees the supplied files and forwards it to the leader', async () => {
    await openAsOfficer(page, SPECIALIST);
    await expect(page.getByRole('link', { name: 'giay-chung-nhan.pdf' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'van-ban-dong-y.png' })).toBeVisible();
    const fees = page.getByRole('region', { name: 'Phí, lệ phí và nghĩa vụ tài chính' });
    await expect(fees).toContainText('Đã thu đủ.');
    await expect(fees).toContainText(
      /Thanh toán trực tuyến · 150\.000\s₫ · Đã thanh toán · .* · biên lai BL/,
    );
    await expectAccessible(page, 'officer dossier (fee paid)');
    await act(page, 'Chuyển bước tiếp theo', 'Đang xử lý');
    await logout(page);
  });
  await test.step('the leader approves and signs', async () => {
    await openAsOfficer(page, LEADER);
    await act(page, 'Phê duyệt, ký', 'Đang xử lý');
    await logout(page);
  });
  await test.step('the clerk issues the numbered result', async () => {
    await openAsOfficer(page, CLERK);
    await act(page, 'Ban hành kết quả', 'Đã xử lý xong', async () => {
      const form = page.locator('form.o-action-form');
      await form.getByLabel(/^Số, ký hiệu văn bản kết quả/).fill('125/GPXD');
      await form
        .getByLabel(/^Trích yếu kết quả/)
        .fill('Giấy phép xây dựng nhà ở riêng lẻ, thửa 215 tờ bản đồ 12');
      await form.getByLabel(/Tệp kết quả đã ký/).setInputFiles({
        name: 'giay-phep-xay-dung.pdf',
        mimeType: 'application/pdf',
        buffer: pdfFile('GPXD 125'),
      });
      await expect(form.getByText('giay-phep-xay-dung.pdf')).toBeVisible();
    });
    await logout(page);
  });
  await test.step('the receiving officer hands the result over, with the timeline complete', async () => {
    await openAsOfficer(page, RECEIVING);
    await act(page, 'Trả kết quả', 'Đã trả kết quả');
    const history = page.getByRole('region', { name: 'Lịch sử hồ sơ' });
    for (const label of [
      'Nộp hồ sơ',
      'Tiếp nhận',
      'Chuyển xử lý',
      'Yêu cầu bổ sung hồ sơ',
      'Bổ sung hồ sơ',
      'Phê duyệt, ký',
      'Ban hành kết quả',
      'Trả kết quả',
    ])
      await expect(history).toContainText(label);
    await expectAccessible(page, 'officer dossier (returned)');
  });
});

test('the citizen sees the result and rates the service', async ({ page }) => {
  test.skip(!dossierCode, 'needs the dossier of the first journey');
  await loginCitizen(page, CITIZEN);
  await page.goto(`/ho-so-cua-toi/${dossierCode}`);
  await expect(page.getByText('Đã trả kết quả').first()).toBeVisible();
  const result = page.getByRole('region', { name: 'Kết quả', exact: true });
  await expect(result).toContainText('125/GPXD');
  await expect(result.getByRole('link', { name: /Tải kết quả điện tử/ })).toBeVisible();
  const rating = page.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
  await rating
    .getByRole('radio', { name: /Hài lòng/ })
    .first()
    .check();
  await rating.getByLabel(/Góp ý thêm/).fill('Cán bộ hướng dẫn bổ sung rõ ràng.');
  await expectAccessible(page, 'citizen dossier (returned, rating)');
  await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page.getByText('Cảm ơn bạn đã đánh giá!')).toBeVisible();
});
