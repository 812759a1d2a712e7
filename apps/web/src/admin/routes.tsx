import type { RouteObject } from 'react-router';
import { AdminGate } from './admin-ui.tsx';

/**
 * Administration (mounted under /quan-tri inside WorkspaceLayout). Pages are loaded on demand so
 * that citizens and officers never download the catalog editor.
 */
export const adminRoutes: RouteObject[] = [
  {
    element: <AdminGate />,
    children: [
      {
        index: true,
        lazy: () => import('./admin-home-page.tsx').then((mod) => ({ Component: mod.AdminHomePage })),
      },
      {
        path: 'thu-tuc',
        lazy: () => import('./catalog-page.tsx').then((mod) => ({ Component: mod.CatalogPage })),
      },
      {
        path: 'thu-tuc/moi',
        lazy: () => import('./procedure-page.tsx').then((mod) => ({ Component: mod.NewProcedurePage })),
      },
      {
        path: 'thu-tuc/:code',
        lazy: () => import('./procedure-page.tsx').then((mod) => ({ Component: mod.ProcedurePage })),
      },
      {
        path: 'don-vi',
        lazy: () => import('./units-page.tsx').then((mod) => ({ Component: mod.UnitsPage })),
      },
      {
        path: 'can-bo',
        lazy: () => import('./officers-page.tsx').then((mod) => ({ Component: mod.OfficersPage })),
      },
      {
        path: 'kenh-gui-tin',
        lazy: () =>
          import('../integrations/deliveries-page.tsx').then((mod) => ({ Component: mod.DeliveriesPage })),
      },
      {
        path: 'ban-do',
        lazy: () =>
          import('../statistics/boundaries-page.tsx').then((mod) => ({ Component: mod.BoundariesPage })),
      },
      {
        path: 'lich-lam-viec',
        lazy: () => import('./calendar-page.tsx').then((mod) => ({ Component: mod.CalendarPage })),
      },
    ],
  },
];
