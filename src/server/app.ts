import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from './context';
import { frameworkErrors, installErrorHandler, installNotFound } from './errors';
import { installInputGuard } from './input-guard';
import sessionPlugin from './auth/session-plugin';
import healthRoutes from './routes/health';
import authRoutes from './routes/auth';
import auditRoutes from './routes/audit';
import calendarRoutes from './routes/calendar';
import localParameterRoutes from './routes/local-parameters';
import clockRoutes from './routes/admin-clock';
import rulesRoutes from './routes/rules';
import regionRoutes from './routes/regions';
import institutionRoutes from './routes/institutions';
import applicationRoutes from './routes/applications';
import uploadRoutes from './routes/uploads';
import documentRoutes from './routes/documents';
import publicRoutes from './routes/public';
import agreementRoutes from './routes/agreements';
import filingRoutes from './routes/filings';
import expertRoutes from './routes/experts';
import thirdPartyFilingRoutes from './routes/third-party-filings';
import provinceRoutes from './routes/province';
import ssoRoutes from './routes/sso';
import expertPoolRoutes from './routes/expert-pool';
import registrationRoutes from './routes/registrations';
import adminOrganizationRoutes from './routes/admin-organizations';
import accountRoutes from './routes/accounts';
import homeRoutes from './routes/home';
import importRoutes from './routes/imports';
import applicationConditionRoutes from './routes/application-conditions';
import findingRoutes from './routes/findings';
import publicTerminationRoutes from './routes/public-terminations';
import terminationReportRoutes from './routes/reports-terminations';
import agreementLifeRoutes from './routes/agreement-life';
import settlementRestrictionRoutes from './routes/settlement-restrictions';
import disputeRoutes from './routes/disputes';
import agencyRatingRoutes from './routes/agency-ratings';
import outboxRoutes from './routes/outbox';
import feedRoutes from './routes/feeds';
import changeRequestRoutes from './routes/change-requests';
import renewalCampaignRoutes from './routes/renewal-campaigns';
import renewalExportRoutes from './routes/renewal-exports';
import renewalReevaluationRoutes from './routes/renewal-reevaluation';
import renewalCompareRoutes from './routes/renewal-compare';
import renewalCityRoutes from './routes/renewal-city';
import indicatorRoutes from './routes/indicators';
import renewalApplicationRoutes from './routes/renewal-applications';
import { serveWeb } from './web';
import { SandboxClock } from '../domain/clock/clock';
import { loadSandboxOffset } from '../db/settings-repo';

z.config(z.locales.zhCN());

export interface BuildOptions {
  logger?: boolean;
  /** serve the built web app from dist/web (production and `npm start`) */
  serveWeb?: boolean;
  /** where the built web app is (default dist/web; tests pass a fixture) */
  webRoot?: string;
}

/** Builds the HTTP app around a context. No listening here: tests use app.inject(). */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024, // JSON bodies; uploads have their own limit
    trustProxy: ctx.config.TRUST_PROXY,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  app.decorateRequest('user', null);
  installErrorHandler(app);
  installInputGuard(app);
  if (ctx.clock instanceof SandboxClock) {
    // Several nodes share one simulated time: each request picks up the offset an
    // administrator last saved (training deployments only; one primary-key read).
    const clock = ctx.clock;
    app.addHook('onRequest', async () => {
      clock.offsetMs = Math.max(clock.offsetMs, await loadSandboxOffset(ctx.db));
    });
  }

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd's css-in-js
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'dingdian 定点医药机构协议管理 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dd_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(sessionPlugin);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(auditRoutes);
  await app.register(calendarRoutes);
  await app.register(localParameterRoutes);
  await app.register(clockRoutes);
  await app.register(rulesRoutes);
  await app.register(regionRoutes);
  await app.register(institutionRoutes);
  await app.register(applicationRoutes);
  await app.register(uploadRoutes);
  await app.register(documentRoutes);
  await app.register(publicRoutes);
  await app.register(agreementRoutes);
  await app.register(filingRoutes);
  await app.register(expertRoutes);
  await app.register(thirdPartyFilingRoutes);
  await app.register(provinceRoutes);
  await app.register(ssoRoutes);
  await app.register(expertPoolRoutes);
  await app.register(registrationRoutes);
  await app.register(adminOrganizationRoutes);
  await app.register(accountRoutes);
  await app.register(homeRoutes);
  await app.register(importRoutes);
  await app.register(applicationConditionRoutes);
  await app.register(findingRoutes);
  await app.register(publicTerminationRoutes);
  await app.register(terminationReportRoutes);
  await app.register(agreementLifeRoutes);
  await app.register(settlementRestrictionRoutes);
  await app.register(disputeRoutes);
  await app.register(agencyRatingRoutes);
  await app.register(outboxRoutes);
  await app.register(feedRoutes);
  await app.register(changeRequestRoutes);
  await app.register(renewalCampaignRoutes);
  await app.register(renewalExportRoutes);
  await app.register(renewalReevaluationRoutes);
  await app.register(renewalCompareRoutes);
  await app.register(renewalCityRoutes);
  await app.register(indicatorRoutes);
  await app.register(renewalApplicationRoutes);

  const spa = opts.serveWeb ? await serveWeb(app, opts.webRoot) : false;
  installNotFound(app, { spa });
  return app;
}
