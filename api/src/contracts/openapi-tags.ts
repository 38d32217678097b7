/**
 * The document's tags: one per resource, in the order the reference lists them. SDK generators group
 * methods by tag (`client.leads.listLeads`), so a tag name is as stable as an operationId. An
 * operation naming a tag that is not here fails `npm run lint:openapi` (operation-tag-defined).
 */
export const OPENAPI_TAGS = [
  {
    name: 'Public',
    description: 'What the widget calls from the browser: no key, the form’s allowed origins instead.',
  },
  { name: 'Leads', description: 'Leads as submitted and routed: list, filter, read, assign, record what happened.' },
  { name: 'Forms', description: 'Forms, their fields and the origins allowed to embed them.' },
  {
    name: 'Teams',
    description: 'Teams receive routed leads; each has reps, and optionally a Slack channel and an inbox.',
  },
  { name: 'Reps', description: 'The people leads are assigned to: rotation weight, working hours, out-of-office.' },
  {
    name: 'Routing rules',
    description: 'Ordered rules that send each lead to a team or rep, the fallback, and a dry-run simulation.',
  },
  { name: 'Business hours', description: 'Calendars that SLA clocks count open time in.' },
  { name: 'SLA policies', description: 'Response-time targets per kind of lead, and their escalations.' },
  {
    name: 'Capacity policies',
    description: 'How many leads a form or team takes per window, and what happens when full.',
  },
  { name: 'Pipeline', description: 'The stages a lead moves through after first response.' },
  { name: 'Revenue', description: 'Payments and refunds credited to leads (by hand or from Stripe).' },
  { name: 'Reports', description: 'SLA, capacity, pipeline, attribution and retention figures.' },
  { name: 'Exports', description: 'Offline conversions for ad platforms.' },
  { name: 'Integrations', description: 'Stripe: the connection and the webhook it posts events to.' },
  { name: 'Webhook endpoints', description: 'Where Inlet posts signed events, and the deliveries made to them.' },
  { name: 'API keys', description: 'Secret keys for servers, `full` or scoped.' },
  { name: 'Workspace', description: 'The workspace’s name, time zone and demo data.' },
  { name: 'Accounts', description: 'People, sessions and workspace membership (the dashboard’s sign-in).' },
];
