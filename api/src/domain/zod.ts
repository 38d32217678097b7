/**
 * The zod every schema in the API is built with: zod itself, with the OpenAPI extension applied.
 * The extension only reaches schemas created after it loads, so domain schemas import `z` from here
 * rather than from 'zod' (otherwise the import order would decide whether `.openapi()` exists).
 */
export { z } from '@hono/zod-openapi';
