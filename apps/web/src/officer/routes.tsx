import type { RouteObject } from 'react-router';

/**
 * Officer workspace pages, mounted under /can-bo inside WorkspaceLayout. Each page is loaded on
 * demand, so that citizens on their phones never download the workspace, and an officer
 * downloads the monitoring pages only when they open them.
 */
export const officerRoutes: RouteObject[] = [
  {
    index: true,
    lazy: () => import('./queue-page.tsx').then((mod) => ({ Component: mod.QueuePage })),
  },
  {
    path: 'tiep-nhan',
    lazy: () => import('./intake-page.tsx').then((mod) => ({ Component: mod.CounterIntakePage })),
  },
  {
    path: 'ho-so/:code',
    lazy: () => import('./dossier-page.tsx').then((mod) => ({ Component: mod.OfficerDossierPage })),
  },
  {
    path: 'tong-quan',
    lazy: () => import('../statistics/dashboard-page.tsx').then((mod) => ({ Component: mod.DashboardPage })),
  },
  {
    path: 'bao-cao',
    lazy: () => import('../statistics/report-page.tsx').then((mod) => ({ Component: mod.ReportPage })),
  },
  {
    path: 'ban-do',
    lazy: () => import('../statistics/map-page.tsx').then((mod) => ({ Component: mod.EnforcementMapPage })),
  },
  {
    path: 'van-ban-den',
    lazy: () => import('./exchange-card.tsx').then((mod) => ({ Component: mod.ExchangeInboxPage })),
  },
];
