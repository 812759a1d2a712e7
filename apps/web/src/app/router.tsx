import { createBrowserRouter } from 'react-router';
import { adminRoutes } from '../admin/routes.tsx';
import { citizenPrivateRoutes, citizenPublicRoutes } from '../citizen/routes.tsx';
import { officerRoutes } from '../officer/routes.tsx';
import { PortalLayout, RequireCitizen, WorkspaceLayout } from './layouts.tsx';
import { LoginPage } from './login-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { paths } from './paths.ts';

export const router = createBrowserRouter([
  {
    element: <PortalLayout />,
    children: [
      ...citizenPublicRoutes,
      { path: paths.login, element: <LoginPage /> },
      { element: <RequireCitizen />, children: citizenPrivateRoutes },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  { path: paths.workspace, element: <WorkspaceLayout />, children: officerRoutes },
  { path: paths.admin, element: <WorkspaceLayout />, children: adminRoutes },
]);
