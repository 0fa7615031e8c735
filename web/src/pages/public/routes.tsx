/** The public site's routes (no login): /public/* under its own frame. Mounted by app.tsx beside /login. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';

const PublicLayout = lazy(() => import('./layout'));
const pages = {
  conditions: lazy(() => import('./conditions')),
  standards: lazy(() => import('./standards')),
  publicity: lazy(() => import('./publicity')),
  directory: lazy(() => import('./directory')),
  terminated: lazy(() => import('./terminated')),
  resources: lazy(() => import('./resources')),
  'complaint-status': lazy(() => import('./complaint-status')),
  register: lazy(() => import('./register')),
};

export function publicRoutes(errorElement: ReactNode, fallback: ReactNode): RouteObject {
  return {
    path: '/public',
    element: (
      <Suspense fallback={fallback}>
        <PublicLayout />
      </Suspense>
    ),
    errorElement,
    children: [
      { index: true, element: <Navigate to="/public/conditions" replace /> },
      ...Object.entries(pages).map(([path, Page]) => ({
        path,
        element: (
          <Suspense fallback={fallback}>
            <Page />
          </Suspense>
        ),
      })),
    ],
  };
}
