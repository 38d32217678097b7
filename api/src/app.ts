/**
 * The one Hono app. The Workers entry and the local Node entry both build it with their own
 * dependencies (database, clock, background work), so the same code answers in both places.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppDeps, AppEnv, Limits } from './context';
import { mountDocs } from './docs';
import { RateLimiter } from './domain/rate-limit';
import { ApiError, problemResponse } from './errors';
import { requireApiKey } from './middleware/auth';
import { jsonBody, rawBodyLimit } from './middleware/json-body';
import { corsHeaders } from './middleware/public-cors';
import { API_HEADERS, setSecurityHeaders } from './domain/security-headers';
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
import { STRIPE_EVENTS_ROUTE, stripeRoutes } from './routes/stripe';

export const DEFAULT_LIMITS: Limits = {
  publicBodyBytes: 64 * 1024,
  stripeBodyBytes: 1024 * 1024,
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
  // already put the client's scheme into the URL, see local/node-app.ts); the API's policy unless the
  // route set a page's own (/docs). Errors too: Hono hands the onError answer back out through here.
  app.use('*', async (c, next) => {
    await next();
    setSecurityHeaders(c.res.headers, c.req.url, API_HEADERS);
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
  // Stripe's events prove themselves by Stripe's signature (routes/stripe.ts), over the raw body,
  // which may be larger than the public limit.
  const stripeBody = rawBodyLimit(limits.stripeBodyBytes);
  // Everything else under /v1 takes a secret key, then a JSON body within the API's limit.
  const apiBody = jsonBody(limits.apiBodyBytes);
  app.use('/v1/*', async (c, next) => {
    if (c.req.path.startsWith('/v1/public/')) return next();
    if (STRIPE_EVENTS_ROUTE.test(c.req.path)) return stripeBody(c, next);
    return requireApiKey(c, async () => void (await apiBody(c, next)));
  });

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
    .route('/v1/integrations/stripe', stripeRoutes)
    .route('/v1/api-keys', apiKeyRoutes);

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
