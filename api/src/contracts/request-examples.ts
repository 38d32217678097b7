/**
 * One example request body per operation that takes one, by operationId: what /openapi.json shows
 * and SDK generators copy. A route may declare its own `example` instead (the declaration wins);
 * tests/api/openapi-document.test.ts checks every body has one and that each is valid against its schema.
 */
const id = (prefix: string, n = 0) => `${prefix}_01JD3Q5V7X9K2M4N6P8R0S2T${['4V', '5W', '6X'][n]}`;

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const CALENDAR = {
  timeZone: 'America/New_York',
  mode: 'business',
  weekly: { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE },
};
const CONDITION = { field: 'values.email', op: 'ends_with', value: '@acme.example' };
const FIELDS = [
  { key: 'name', label: 'Name', type: 'text', required: true },
  { key: 'email', label: 'Work email', type: 'email', required: true },
  { key: 'company', label: 'Company', type: 'text' },
];
const PASSWORD = 'correct-horse-battery';

export const REQUEST_EXAMPLES: Record<string, unknown> = {
  // Accounts (better-auth's routes)
  signUp: { name: 'Ada Lovelace', email: 'ada@acme.example', password: PASSWORD, workspaceName: 'Acme' },
  signIn: { email: 'ada@acme.example', password: PASSWORD, rememberMe: true },
  requestPasswordReset: { email: 'ada@acme.example' },
  resetPassword: { token: 'the-token-from-the-emailed-link', newPassword: 'a-new-long-password' },
  changePassword: { currentPassword: PASSWORD, newPassword: 'a-new-long-password' },
  sendVerificationEmail: { email: 'ada@acme.example', callbackURL: '/app' },
  revokeSession: { token: 'a-session-token-from-list-sessions' },
  switchWorkspace: { organizationId: 'org-id-from-list-workspaces' },
  inviteMember: { email: 'grace@acme.example', role: 'member' },
  acceptInvitation: { invitationId: 'invitation-id-from-the-email' },
  cancelInvitation: { invitationId: 'invitation-id-from-list-members' },
  updateMemberRole: { memberId: 'member-id-from-list-members', role: 'admin' },
  removeMember: { memberIdOrEmail: 'grace@acme.example' },
  leaveWorkspace: { organizationId: 'org-id-from-list-workspaces' },
  // Public (the widget)
  submitLead: {
    values: { name: 'Lee Chen', email: 'lee@acme.example', company: 'Acme' },
    touchpoints: [
      {
        url: 'https://www.example.org/pricing?utm_source=google&utm_medium=cpc',
        occurredAt: '2026-11-25T18:50:00.000Z',
      },
    ],
    visitorId: 'v_8f3a2c1d9e7b',
    fillMs: 5400,
  },
  // Forms
  createForm: { name: 'Contact sales', fields: FIELDS, allowedOrigins: ['https://www.example.org'] },
  updateForm: { name: 'Talk to sales' },
  // Webhook endpoints
  createWebhookEndpoint: { url: 'https://hooks.example.org/inlet', topics: ['lead.created', 'lead.assigned'] },
  updateWebhookEndpoint: { description: 'CRM sync', enabled: true },
  // Leads
  assignLeads: { ids: [id('lead'), id('lead', 1)], repId: id('rep'), note: 'Ada covers EMEA this week' },
  recordLeadEvent: { type: 'contacted', channel: 'phone', note: 'Left a voicemail' },
  assignLead: { repId: id('rep'), note: 'Existing customer of Ada' },
  // Teams and reps
  createTeam: { name: 'Sales', email: 'sales@acme.example' },
  updateTeam: { name: 'Sales EMEA' },
  createRep: { teamId: id('team'), name: 'Ada Lovelace', email: 'ada@acme.example', weight: 2 },
  updateRep: { active: false },
  // Routing
  createRoutingRule: {
    name: 'Acme accounts',
    condition: CONDITION,
    action: { teamId: id('team'), strategy: 'round_robin' },
  },
  reorderRoutingRules: { ids: [id('rule', 1), id('rule')] },
  updateRoutingRule: { enabled: false },
  setRoutingFallback: { teamId: id('team'), strategy: 'least_open' },
  simulateRouting: { lead: { values: { email: 'lee@acme.example', company: 'Acme' } } },
  // Business hours, SLA and capacity
  createBusinessHours: { name: 'New York office', calendar: CALENDAR },
  updateBusinessHours: { name: 'NYC office' },
  createSlaPolicy: {
    name: 'Enterprise',
    condition: CONDITION,
    targets: { firstResponseMinutes: 30, clock: 'calendar' },
  },
  reorderSlaPolicies: { ids: [id('sla', 1), id('sla')] },
  updateSlaPolicy: { targets: { firstResponseMinutes: 15, clock: 'calendar' } },
  createCapacityPolicy: {
    name: 'Demo slots',
    formIds: [id('frm')],
    policy: { limit: { count: 50, per: 'week' }, whenFull: { action: 'waitlist' } },
  },
  updateCapacityPolicy: { name: 'Demo slots (winter)' },
  // Pipeline and revenue
  createPipelineStage: { name: 'Demo booked', kind: 'open', countsAsQualified: true, stallDays: 14 },
  reorderPipelineStages: { ids: [id('stg', 1), id('stg')] },
  updatePipelineStage: { stallDays: 7 },
  recordRevenue: { leadId: id('lead'), kind: 'payment', amount: '1200.00', currency: 'EUR' },
  connectStripe: { signingSecret: 'whsec_0123456789abcdefABCDEF' },
  // Keys and workspace
  createApiKey: { name: 'CRM sync', scopes: ['leads:read', 'reports:read'] },
  updateWorkspace: { name: 'Acme Inc.', timeZone: 'Europe/Paris' },
};
