/**
 * Whether the signed-in person may change settings: the settings screens' one call point. Members
 * see settings read-only (the API refuses their writes anyway); owners and admins edit. The role
 * comes from the session (auth.ts reads /v1/me).
 */
export { useCanEdit } from '../auth';
