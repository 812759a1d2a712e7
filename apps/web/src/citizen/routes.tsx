import type { RouteObject } from 'react-router';
import { TransparencyPage } from '../statistics/transparency-page.tsx';
import { paths } from '../app/paths.ts';
import { DossierPage } from './dossier-page.tsx';
import { HomePage } from './home-page.tsx';
import { MyDossiersPage } from './my-dossiers-page.tsx';
import { ProcedurePage } from './procedure-page.tsx';
import { ProceduresPage } from './procedures-page.tsx';
import { RegisterPage } from './register-page.tsx';
import { SubmitWizardPage } from './submit-wizard.tsx';
import { SubmittedPage } from './submitted-page.tsx';

/** Public pages of the citizen portal (under PortalLayout). */
export const citizenPublicRoutes: RouteObject[] = [
  { path: paths.home, element: <HomePage /> },
  { path: paths.procedures, element: <ProceduresPage /> },
  { path: '/thu-tuc/:code', element: <ProcedurePage /> },
  { path: paths.register, element: <RegisterPage /> },
  { path: paths.transparency, element: <TransparencyPage /> },
];

/** Pages for a signed-in citizen (behind RequireCitizen). */
export const citizenPrivateRoutes: RouteObject[] = [
  { path: '/nop-ho-so/:code', element: <SubmitWizardPage /> },
  { path: paths.myDossiers, element: <MyDossiersPage /> },
  { path: '/ho-so-cua-toi/:code', element: <DossierPage /> },
  { path: '/ho-so-cua-toi/:code/da-nop', element: <SubmittedPage /> },
];
