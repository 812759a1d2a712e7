import type { RouteObject } from 'react-router';
import { OfficerDossierPage } from './dossier-page.tsx';
import { CounterIntakePage } from './intake-page.tsx';
import { QueuePage } from './queue-page.tsx';

/** Officer workspace pages, mounted under /can-bo inside WorkspaceLayout. */
export const officerRoutes: RouteObject[] = [
  { index: true, element: <QueuePage /> },
  { path: 'tiep-nhan', element: <CounterIntakePage /> },
  { path: 'ho-so/:code', element: <OfficerDossierPage /> },
];
