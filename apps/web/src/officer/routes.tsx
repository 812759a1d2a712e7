import type { RouteObject } from 'react-router';
import { OfficerDossierPage } from './dossier-page.tsx';
import { CounterIntakePage } from './intake-page.tsx';
import { QueuePage } from './queue-page.tsx';
import { ExchangeInboxPage } from './exchange-card.tsx';
import { EnforcementMapPage } from '../statistics/map-page.tsx';
import { DashboardPage } from '../statistics/dashboard-page.tsx';
import { ReportPage } from '../statistics/report-page.tsx';

/** Officer workspace pages, mounted under /can-bo inside WorkspaceLayout. */
export const officerRoutes: RouteObject[] = [
  { index: true, element: <QueuePage /> },
  { path: 'tiep-nhan', element: <CounterIntakePage /> },
  { path: 'ho-so/:code', element: <OfficerDossierPage /> },
  { path: 'tong-quan', element: <DashboardPage /> },
  { path: 'bao-cao', element: <ReportPage /> },
  { path: 'ban-do', element: <EnforcementMapPage /> },
  { path: 'van-ban-den', element: <ExchangeInboxPage /> },
];
