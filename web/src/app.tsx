/** Providers and the router: antd (zh_CN) → session → enums → layout with lazy pages. */
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation, useRouteError } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ErrorDisplay } from './api/error-display';
import { SessionProvider, useSession } from './session/session';
import { EnumsProvider } from './meta/enums';
import { appRoutes, type AppRoute } from './routes';
import { publicRoutes } from './pages/public/routes';

// loaded when first shown: the first page pulls only the antd components it uses (decision 0018)
const BasicLayout = lazy(() => import('./layouts/basic-layout').then((m) => ({ default: m.BasicLayout })));
const LoginPage = lazy(() => import('./pages/login'));
const NotFoundPage = lazy(() => import('./pages/not-found'));
const ChangePasswordPage = lazy(() => import('./pages/account/password'));

dayjs.locale('zh-cn');

export function PageFallback() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

/** A page that throws while rendering shows this instead of a blank screen. */
function PageError() {
  const err = useRouteError();
  console.error(err);
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle={err instanceof Error ? err.message : '请刷新页面后重试；若问题持续，请联系系统管理员。'}
    />
  );
}

function Root() {
  return (
    <SessionProvider>
      <EnumsProvider>
        <Outlet />
      </EnumsProvider>
    </SessionProvider>
  );
}

function RequireLogin() {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <PageFallback />;
  if (!user) return <Navigate to={`/login?redirect=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // a temporary password (reset, first start) is changed before anything else; the server refuses the rest
  if (user.mustChangePassword) {
    return (
      <Suspense fallback={<PageFallback />}>
        <ChangePasswordPage forced />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<PageFallback />}>
      <BasicLayout />
    </Suspense>
  );
}

function Guarded({ route }: { route: AppRoute }) {
  const { access } = useSession();
  // a registrant not yet verified has one page: its registration (decision 0027)
  if (access.isPendingApplicant && route.path !== '/registration/mine') return <Navigate to="/registration/mine" replace />;
  if (route.access && !access[route.access]) {
    return <Result status="403" title="无权访问" subTitle="当前角色不能查看此页面。" />;
  }
  const Page = route.component;
  return (
    <Suspense fallback={<PageFallback />}>
      <Page />
    </Suspense>
  );
}

const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      {
        path: '/login',
        element: (
          <Suspense fallback={<PageFallback />}>
            <LoginPage />
          </Suspense>
        ),
      },
      publicRoutes(<PageError />, <PageFallback />),
      {
        element: <RequireLogin />,
        children: [
          ...appRoutes.map((r) => ({ path: r.path, element: <Guarded route={r} />, errorElement: <PageError /> })),
          {
            path: '*',
            element: (
              <Suspense fallback={<PageFallback />}>
                <NotFoundPage />
              </Suspense>
            ),
          },
        ],
      },
    ],
  },
]);

/**
 * A person who asked the system for less motion (vestibular disorders, a slow office PC) gets none:
 * dialogs appear and close at once. The browser tests ask for it too, so that no click lands on a
 * dialog that is still zooming in (such clicks were lost under load in CI).
 */
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1668dc', motion: !reducedMotion } }}>
      <AntApp>
        <ErrorDisplay />
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
