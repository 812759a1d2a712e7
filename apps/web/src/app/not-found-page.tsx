import { Link } from 'react-router';
import { Page } from '../ui/ui.tsx';
import { useT } from './i18n.tsx';
import { paths } from './paths.ts';

const m = {
  title: { vi: 'Không tìm thấy trang', en: 'Page not found' },
  body: {
    vi: 'Địa chỉ này không tồn tại hoặc đã thay đổi.',
    en: 'This address does not exist or has changed.',
  },
  home: { vi: 'Về trang chủ', en: 'Go to the home page' },
};

export function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t(m.title)}>
      <p>{t(m.body)}</p>
      <Link to={paths.home}>{t(m.home)}</Link>
    </Page>
  );
}
