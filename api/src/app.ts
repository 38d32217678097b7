/**
 * The one Hono app. The Workers entry and the local Node entry both build it with their own
 * dependencies (database, clock, background work), so the same code answers in both places.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppDeps, AppEnv, Limits } from './context';
import { mountDocs } from './docs';
import { RateLimiter } from './domain/rate-limit';
import { ApiError, problemResponse } from './errors';
import { csvExport } from './middleware/csv-export';
import { authenticate } from './middleware/auth';
import { csrfGuard } from './middleware/csrf';
import { authRoutes } from './routes/auth';
import { registerAuthDocs } from './auth/openapi';
import { meRoutes } from './routes/me';
import { jsonBody } from './middleware/json-body';
import { corsHeaders } from './middleware/public-cors';
import { formRoutes } from './routes/forms';
import { leadRoutes } from './routes/leads';
import { routingSimulateRoutes } from './routes/routing-simulate';
import { reportRoutes } from './routes/reports';
import { apiKeyRoutes } from './routes/api-keys';
import { publicFormGate, publicForms } from './routes/public-forms';
import { webhookEndpointRoutes } from './routes/webhook-endpoints';
import { webhookDeliveryRoutes } from './routes/webhook-deliveries';
import { repRoutes } from './routes/reps';
import { routingFallbackRoutes } from './routes/routing-fallback';
import { routingRuleRoutes } from './routes/routing-rules';
import { teamRoutes } from './routes/teams';
import { businessHoursRoutes } from './routes/business-hours';
import { slaPolicyRoutes } from './routes/sla-policies';
import { capacityPolicyRoutes } from './routes/capacity-policies';
import { pipelineStageRoutes } from './routes/pipeline-stages';
import { revenueRoutes } from './routes/revenue';
import { growthReportRoutes } from './routes/growth-reports';
import { exportRoutes } from './routes/exports';
import { workspaceRoutes } from './routes/workspace';

export const DEFAULT_LIMITS: Limits = {
  publicBodyBytes: 64 * 1024,
  apiBodyBytes: 512 * 1024,
  submissionsPerMinute: 30,
  viewsPerMinute: 60,
};

export function createApp(deps: AppDeps) {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const limiter = new RateLimiter(limits.submissionsPerMinute, 60_000);
  const viewLimiter = new RateLimiter(limits.viewsPerMinute, 60_000);
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('limiter', limiter);
    c.set('viewLimiter', viewLimiter);
    c.set('db', deps.database(c));
    await next();
  });
  // Every answer: no content sniffing; HSTS only over https (behind a trusted proxy the Node app has
  // already put the client's scheme into the URL, see local/node-app.ts).
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('x-content-type-options', 'nosniff');
    if (new URL(c.req.url).protocol === 'https:')
      c.res.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  app.onError((err, c) => {
    const apiError = toApiError(err);
    if (apiError.status >= 500) console.error(`[${c.var.requestId}]`, err);
    return problemResponse(apiError, c.var.requestId, { 'x-request-id': c.var.requestId ?? '' });
  });
  app.notFound((c) =>
    problemResponse(
      new ApiError('not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`),
      c.var.requestId,
    ),
  );

  // Outermost on public routes: every answer a permitted origin gets is readable by it, errors
  // thrown by the gate and the body checks below included (Hono hands their response back out here).
  app.use('/v1/public/*', async (c, next) => {
    await next();
    if (c.var.corsOrigin) for (const [k, v] of Object.entries(corsHeaders(c.var.corsOrigin))) c.res.headers.set(k, v);
  });
  app.use('/v1/public/forms/:formId/*', publicFormGate);
  app.use('/v1/public/forms/:formId', publicFormGate);
  app.use('/v1/public/*', jsonBody(limits.publicBodyBytes));
  // `Accept: text/csv` on a list or report: every row as CSV, read through the JSON API itself.
  app.use(
    '/v1/*',
    csvExport(async (req, c) => {
      let ctx: Context['executionCtx'] | undefined;
      try {
        ctx = c.executionCtx;
      } catch {
        ctx = undefined; // Node: no execution context
      }
      return app.fetch(req, c.env, ctx);
    }),
  );
  // Everything else under /v1: the CSRF check before any body is read, then a secret key or a
  // session (/v1/auth/* is better-auth's own), then a JSON body within the API's limit.
  const apiBody = jsonBody(limits.apiBodyBytes);
  const authBody = jsonBody(16 * 1024);
  app.use('/v1/*', csrfGuard);
  app.use('/v1/*', async (c, next) => {
    if (c.req.path.startsWith('/v1/public/')) return next();
    if (c.req.path.startsWith('/v1/auth/')) return authBody(c, next);
    return authenticate(c, async () => void (await apiBody(c, next)));
  });
  app.route('/v1/auth', authRoutes(deps.authLimits));
  registerAuthDocs(app);

  const routes = app
    .route('/v1/public/forms', publicForms)
    .route('/v1/forms', formRoutes)
    .route('/v1/webhook-endpoints', webhookEndpointRoutes)
    .route('/v1/webhook-endpoints', webhookDeliveryRoutes)
    .route('/v1/leads', leadRoutes)
    .route('/v1/teams', teamRoutes)
    .route('/v1/reps', repRoutes)
    .route('/v1/routing/rules', routingRuleRoutes)
    .route('/v1/routing/fallback', routingFallbackRoutes)
    .route('/v1/routing', routingSimulateRoutes)
    .route('/v1/business-hours', businessHoursRoutes)
    .route('/v1/sla-policies', slaPolicyRoutes)
    .route('/v1/capacity-policies', capacityPolicyRoutes)
    .route('/v1/pipeline/stages', pipelineStageRoutes)
    .route('/v1/revenue', revenueRoutes)
    .route('/v1/reports', reportRoutes)
    .route('/v1/reports', growthReportRoutes)
    .route('/v1/exports', exportRoutes)
    .route('/v1/api-keys', apiKeyRoutes)
    .route('/v1', workspaceRoutes)
    .route('/v1/me', meRoutes);

  mountDocs(app);
  return routes;
}

export type AppType = ReturnType<typeof createApp>;

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new ApiError('payload_too_large');
    if (err.status === 401) return new ApiError('unauthorized');
    if (err.status < 500) return new ApiError('malformed_request', err.message || 'Malformed request.');
  }
  return new ApiError('internal', 'Something went wrong on our side; the request id helps us find it.');
}
