/**
 * The demo workspace's setup, built without I/O (demo-write.ts writes it): what a RevOps person would
 * make (two teams, reps in three zones, rules, business hours, SLA and capacity policies). Its
 * history of leads is demo-history.ts.
 */
import type { CreateRepInput } from '../contracts/reps';
import type { RoutingRuleInput } from '../db/queries/routing-rules';
import type { SlaPolicyInput } from '../db/queries/sla-policies';
import type { BusinessCalendar } from '../domain/business-hours';
import type { FormField } from '../domain/fields';

export const DEMO_FIELDS: FormField[] = [
  { key: 'name', label: 'Full name', type: 'text', required: true },
  { key: 'email', label: 'Work email', type: 'email', required: true },
  { key: 'company', label: 'Company', type: 'text', required: false },
  {
    key: 'team_size',
    label: 'Team size',
    type: 'select',
    required: false,
    options: [
      { value: '1-10', label: '1–10' },
      { value: '11-50', label: '11–50' },
      { value: '51-200', label: '51–200' },
      { value: '200+', label: 'More than 200' },
    ],
  },
  { key: 'message', label: 'What are you looking for?', type: 'textarea', required: false },
];

/** The forms the history arrived through besides the demo site's own form. */
export const DEMO_EXTRA_FORMS = [
  { key: 'enterprise', name: 'Enterprise demo request', title: 'Book an enterprise demo' },
  { key: 'partners', name: 'Partner enquiry', title: 'Become a partner' },
] as const;

type RepSeed = Omit<CreateRepInput, 'teamId' | 'position'>;
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const hours = (timeZone: string, days: readonly string[], start: string, end: string, holidays: string[] = []) => ({
  timeZone,
  weekly: Object.fromEntries(WEEK.map((d) => [d, days.includes(d) ? [{ start, end }] : []])) as Record<
    (typeof WEEK)[number],
    { start: string; end: string }[]
  >,
  holidays: holidays.map((date) => ({ date })),
});
const rep = (name: string, email: string, extra: Omit<Partial<RepSeed>, 'emailNotifications'>): RepSeed => ({
  name,
  email,
  weight: 1,
  active: true,
  workingHours: null,
  outOfOffice: [],
  maxOpenLeads: null,
  slackWebhookUrl: null,
  emailNotifications: 'immediate',
  ...extra,
});

/** Christmas Day and New Year's Day around `now`, the closures every calendar here knows. */
function holidaysAround(now: Date): string[] {
  const y = now.getUTCFullYear();
  return [`${y - 1}-12-25`, `${y}-01-01`, `${y}-12-25`, `${y + 1}-01-01`];
}

/**
 * Two teams. The inbound desk follows the sun: Sydney, Berlin and Los Angeles each work 08:00–18:00
 * every day, which between them covers every hour of the week in every DST combination, so a lead
 * from the demo site finds someone at any hour. The enterprise team keeps office hours in two zones.
 */
export function demoTeams(now: Date): { key: 'inbound' | 'enterprise'; name: string; reps: RepSeed[] }[] {
  const ooo = new Date(now.getTime() + 3 * 86_400_000);
  return [
    {
      key: 'inbound',
      name: 'Inbound desk (24/7)',
      reps: [
        rep('Mia Chen', 'mia.chen@demo.inlet.test', {
          workingHours: hours('Australia/Sydney', WEEK, '08:00', '18:00'),
        }),
        rep('Lukas Weber', 'lukas.weber@demo.inlet.test', {
          workingHours: hours('Europe/Berlin', WEEK, '08:00', '18:00'),
        }),
        rep('Sam Rivera', 'sam.rivera@demo.inlet.test', {
          workingHours: hours('America/Los_Angeles', WEEK, '08:00', '18:00'),
        }),
      ],
    },
    {
      key: 'enterprise',
      name: 'Enterprise sales',
      reps: [
        rep('Grace Kim', 'grace.kim@demo.inlet.test', {
          weight: 2,
          maxOpenLeads: 25,
          workingHours: hours('America/New_York', WEEK.slice(0, 5), '09:00', '17:00', holidaysAround(now)),
        }),
        rep('Tom Fischer', 'tom.fischer@demo.inlet.test', {
          maxOpenLeads: 20,
          workingHours: hours('Europe/London', WEEK.slice(0, 5), '09:00', '17:30', holidaysAround(now)),
          outOfOffice: [
            {
              from: ooo.toISOString(),
              to: new Date(ooo.getTime() + 4 * 86_400_000).toISOString(),
              note: 'Conference in Lisbon',
            },
          ],
        }),
      ],
    },
  ];
}

/** The office the business-hours SLA is measured against. */
export function demoCalendar(now: Date): { name: string; calendar: BusinessCalendar } {
  const h = hours('Europe/Berlin', WEEK.slice(0, 5), '09:00', '17:00', holidaysAround(now));
  return { name: 'Sales office (Berlin)', calendar: { ...h, mode: 'business' } };
}

export interface DemoRefs {
  forms: { demo: string; enterprise: string; partners: string };
  teams: { inbound: string; enterprise: string };
  calendarId: string;
}

/** Three rules and a fallback; the first sends every lead of the demo site to the 24/7 desk. */
export function demoRules(refs: DemoRefs): { rules: RoutingRuleInput[]; fallback: RoutingRuleInput['action'] } {
  return {
    rules: [
      {
        name: 'Demo site → inbound desk (24/7)',
        condition: { field: 'form', op: 'eq', value: refs.forms.demo },
        action: { teamId: refs.teams.inbound, strategy: 'round_robin', overflow: { kind: 'unassigned' } },
        enabled: true,
      },
      {
        name: 'Companies over 50 people → enterprise sales',
        condition: { field: 'values.team_size', op: 'in', value: ['51-200', '200+'] },
        action: {
          teamId: refs.teams.enterprise,
          strategy: 'weighted_round_robin',
          ownerMatching: true,
          overflow: { kind: 'next_team', teamId: refs.teams.inbound },
        },
        enabled: true,
      },
      {
        name: 'Paid campaigns → inbound desk, least busy first',
        condition: { field: 'firstTouch.channel', op: 'in', value: ['paid_search', 'paid_social'] },
        action: { teamId: refs.teams.inbound, strategy: 'least_open', overflow: { kind: 'unassigned' } },
        enabled: true,
      },
    ],
    fallback: { teamId: refs.teams.inbound, strategy: 'round_robin', overflow: { kind: 'unassigned' } },
  };
}

/** A 30-minute clock for the 24/7 desk, two business hours (Berlin office) for everyone else. */
export function demoSlaPolicies(refs: DemoRefs): { teamId: string | null; input: SlaPolicyInput }[] {
  const inbound: SlaPolicyInput = {
    name: 'Inbound desk: 30 minutes, around the clock',
    condition: { field: 'team', op: 'eq', value: refs.teams.inbound },
    targets: { firstResponseMinutes: 30, clock: 'calendar', warnAtFraction: 0.75 },
    calendarId: null,
    escalation: { notifyOwner: true, notifyTeam: false, reassign: false },
    pauseStages: [],
    enabled: true,
  };
  const office: SlaPolicyInput = {
    name: 'Everyone else: 2 business hours',
    condition: { all: [] },
    targets: { firstResponseMinutes: 120, clock: 'business', warnAtFraction: 0.75 },
    calendarId: refs.calendarId,
    escalation: { notifyOwner: true, notifyTeam: true, reassign: false },
    pauseStages: [],
    enabled: true,
  };
  return [
    { teamId: refs.teams.inbound, input: inbound },
    { teamId: null, input: office },
  ];
}

export function demoCapacity(refs: DemoRefs) {
  return {
    name: 'Enterprise demo slots',
    formIds: [refs.forms.enterprise],
    teamId: null,
    policy: {
      limit: { count: 40, per: 'week' as const },
      whenFull: { action: 'waitlist' as const, message: 'Our demo calendar is full this week: we will write to you.' },
      softThreshold: 0.8,
    },
    enabled: true,
  };
}
