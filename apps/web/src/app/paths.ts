/** Every URL of the web app in one place (Vietnamese slugs: people read and share them). */
export const paths = {
  home: '/',
  procedures: '/thu-tuc',
  procedure: (code: string) => `/thu-tuc/${encodeURIComponent(code)}`,
  submit: (code: string) => `/nop-ho-so/${encodeURIComponent(code)}`,
  myDossiers: '/ho-so-cua-toi',
  myDossier: (code: string) => `/ho-so-cua-toi/${encodeURIComponent(code)}`,
  /** The confirmation shown right after an online submission. */
  submitted: (code: string) => `/ho-so-cua-toi/${encodeURIComponent(code)}/da-nop`,
  /** Public lookup: a server-rendered page that works without JavaScript (the receipt's QR). */
  lookup: '/tra-cuu',
  login: '/dang-nhap',
  register: '/dang-ky',
  workspace: '/can-bo',
  counterIntake: '/can-bo/tiep-nhan',
  officerDossier: (code: string) => `/can-bo/ho-so/${encodeURIComponent(code)}`,
  dashboard: '/can-bo/tong-quan',
  reports: '/can-bo/bao-cao',
  enforcementMap: '/can-bo/ban-do',
  /** Public transparency: on-time rates of the province and its communes, no personal data. */
  transparency: '/minh-bach',
  admin: '/quan-tri',
  adminCatalog: '/quan-tri/thu-tuc',
  adminProcedure: (code: string) => `/quan-tri/thu-tuc/${encodeURIComponent(code)}`,
  adminUnits: '/quan-tri/don-vi',
  adminOfficers: '/quan-tri/can-bo',
  adminCalendar: '/quan-tri/lich-lam-viec',
  adminDeliveries: '/quan-tri/kenh-gui-tin',
  adminBoundaries: '/quan-tri/ban-do',
} as const;
