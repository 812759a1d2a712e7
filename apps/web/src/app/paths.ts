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
  admin: '/quan-tri',
  adminCatalog: '/quan-tri/thu-tuc',
  adminProcedure: (code: string) => `/quan-tri/thu-tuc/${encodeURIComponent(code)}`,
  adminUnits: '/quan-tri/don-vi',
  adminOfficers: '/quan-tri/can-bo',
  adminCalendar: '/quan-tri/lich-lam-viec',
  adminDeliveries: '/quan-tri/kenh-gui-tin',
} as const;
