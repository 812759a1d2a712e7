import { Link } from 'react-router';
import { useT } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Page } from '../ui/ui.tsx';

const m = {
  title: { vi: 'Quản trị hệ thống', en: 'System administration' },
  lead: {
    vi: 'Chọn phần cần quản lý. Mọi thay đổi đều được ghi nhật ký.',
    en: 'Choose what to manage. Every change is recorded in the audit log.',
  },
  catalog: { vi: 'Danh mục thủ tục hành chính', en: 'Procedure catalog' },
  catalogText: {
    vi: 'Soạn phiên bản mới, quy trình nội bộ và thời gian từng bước, công bố; nhập, xuất danh mục.',
    en: 'Draft new versions, the internal process and step time budgets, publish; import and export the catalog.',
  },
  units: { vi: 'Cơ quan, đơn vị', en: 'Units' },
  unitsText: {
    vi: 'Cây đơn vị với mã định danh, thêm đơn vị, đổi tên, giờ làm việc, chuyển sang đơn vị cha khác.',
    en: 'The unit tree with agency codes; add units, rename, office hours, move under another parent.',
  },
  officers: { vi: 'Cán bộ và vai trò', en: 'Officers and roles' },
  officersText: {
    vi: 'Tìm cán bộ, tạo tài khoản, giao vai trò theo đơn vị (có thời hạn), thu hồi vai trò.',
    en: 'Find officers, create accounts, grant roles over units (with a period), revoke roles.',
  },
  calendar: { vi: 'Lịch làm việc', en: 'Working calendar' },
  calendarText: {
    vi: 'Ngày lễ, ngày nghỉ bù, điều chỉnh lịch theo từng năm và thử tính ngày hẹn trả.',
    en: 'Public holidays, compensatory days, per-year calendar overrides, and a due-date calculator.',
  },
  deliveries: { vi: 'Kênh gửi tin và hàng đợi', en: 'Channels and delivery queue' },
  deliveriesText: {
    vi: 'E-mail, SMS, Zalo: cấu hình, thư gửi lỗi, danh sách không gửi được và gửi lại.',
    en: 'E-mail, SMS, Zalo: configuration, failed messages, the dead-letter list and replay.',
  },
  boundaries: { vi: 'Ranh giới bản đồ', en: 'Map boundaries' },
  boundariesText: {
    vi: 'Tệp GeoJSON ranh giới xã, phường cho bản đồ thực thi thể chế; kiểm tra vùng khớp với đơn vị.',
    en: 'GeoJSON of the communes for the enforcement map; check which features match a unit.',
  },
  sections: { vi: 'Các phần quản trị', en: 'Administration sections' },
};

export function AdminHomePage() {
  const t = useT();
  const sections = [
    { to: paths.adminCatalog, title: m.catalog, text: m.catalogText },
    { to: paths.adminUnits, title: m.units, text: m.unitsText },
    { to: paths.adminOfficers, title: m.officers, text: m.officersText },
    { to: paths.adminCalendar, title: m.calendar, text: m.calendarText },
    { to: paths.adminDeliveries, title: m.deliveries, text: m.deliveriesText },
    { to: paths.adminBoundaries, title: m.boundaries, text: m.boundariesText },
  ];
  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <nav aria-label={t(m.sections)}>
        <ul className="a-home-grid">
          {sections.map((s) => (
            <li key={s.to} className="card">
              <h2>
                <Link to={s.to}>{t(s.title)}</Link>
              </h2>
              <p className="muted">{t(s.text)}</p>
            </li>
          ))}
        </ul>
      </nav>
    </Page>
  );
}
