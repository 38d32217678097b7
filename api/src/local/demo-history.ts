/**
 * The demo workspace's history, built without I/O (demo-write.ts writes it): about 200 leads of the
 * last 60 days from varied channels and campaigns, every one already settled (answered, or breached
 * at its due time), so the scheduler finds nothing to escalate or announce about it.
 */
import type { leadEvents, leads, touchpoints } from '../db/schema';
import type { SlaPolicyInput } from '../db/queries/sla-policies';
import { ALWAYS_OPEN, addBusinessMinutes, isOpenAt, type BusinessCalendar } from '../domain/business-hours';
import type { IdKind } from '../domain/ids';
import type { RoutingDecision } from '../domain/routing';
import { responseTimes } from '../domain/sla';
import { parseTouch } from '../domain/touchpoints';
import type { DemoRefs } from './demo-seed';

export interface SeededRep {
  id: string;
  teamId: string;
  workingHours: BusinessCalendar | null;
}

export interface SeededSla {
  id: string;
  name: string;
  targets: SlaPolicyInput['targets'];
  calendar: BusinessCalendar | null;
  /** The team whose leads it measures; null for every other lead. */
  teamId: string | null;
}

export interface HistoryInput {
  tenantId: string;
  now: Date;
  refs: DemoRefs;
  reps: SeededRep[];
  rules: { id: string; name: string }[];
  sla: SeededSla[];
  makeId(kind: IdKind, at: Date): string;
  /** Number of leads (default 200) and the PRNG seed (the same seed builds the same history). */
  count?: number;
  seed?: number;
}

export interface DemoHistory {
  leads: (typeof leads.$inferInsert)[];
  touchpoints: (typeof touchpoints.$inferInsert)[];
  events: (typeof leadEvents.$inferInsert)[];
  openLeadsByRep: Map<string, number>;
}

/** mulberry32: a small, well-spread PRNG, so the history is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dev', 'Elif', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Leo'];
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Patel', 'Yilmaz', 'Adeyemi', 'Novak', 'Sato', 'Garcia', 'Berg'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Soylent'];
const SIZES = ['1-10', '11-50', '11-50', '51-200', '200+'];
/** Where leads came from: landing URL with UTM tags and a referrer (channel, source and campaign derive from them). */
const SOURCES: { q: string; referrer: string | null; weight: number }[] = [
  { q: 'utm_source=google&utm_medium=cpc&utm_campaign=brand-search', referrer: 'https://www.google.com/', weight: 5 },
  {
    q: 'utm_source=google&utm_medium=cpc&utm_campaign=competitor-terms',
    referrer: 'https://www.google.com/',
    weight: 3,
  },
  {
    q: 'utm_source=linkedin&utm_medium=paid_social&utm_campaign=q4-abm',
    referrer: 'https://www.linkedin.com/',
    weight: 4,
  },
  { q: 'utm_source=newsletter&utm_medium=email&utm_campaign=launch', referrer: null, weight: 3 },
  { q: '', referrer: 'https://www.google.com/', weight: 5 },
  { q: '', referrer: 'https://news.ycombinator.com/', weight: 2 },
  {
    q: 'utm_source=partner-blog&utm_medium=referral&utm_campaign=integrations',
    referrer: 'https://blog.partner.test/',
    weight: 2,
  },
  { q: '', referrer: null, weight: 3 },
];
const PAGES = ['/', '/pricing', '/product/routing', '/customers'];
const LOST_REASONS = ['No budget this year', 'Chose a competitor', 'No reply after three attempts'];

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * ~200 leads over the last 60 days, each routed as the rules would (the desk for the demo site and
 * paid traffic, enterprise for big companies when someone there is at work), with a first response
 * that was on time (most), late, or never came (breached at its due time). Nothing is left running:
 * a lead whose due time has not passed yet is answered in time.
 */
export function demoHistory(input: HistoryInput): DemoHistory {
  const { tenantId, now, refs, makeId } = input;
  const rnd = prng(input.seed ?? 20261202);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const totalWeight = SOURCES.reduce((s, x) => s + x.weight, 0);
  const pickSource = () => {
    let r = rnd() * totalWeight;
    for (const s of SOURCES) if ((r -= s.weight) < 0) return s;
    return SOURCES[0]!;
  };
  const teamReps = (teamId: string) => input.reps.filter((r) => r.teamId === teamId);
  const turn = new Map<string, number>();
  const out: DemoHistory = { leads: [], touchpoints: [], events: [], openLeadsByRep: new Map() };
  const count = input.count ?? 200;
  const times = Array.from({ length: count }, () => now.getTime() - 2 * 3_600_000 - rnd() * 58 * DAY - 2 * DAY);
  // Oldest first, so ids and rotation follow time as they would have.
  times.sort((a, b) => a - b);

  for (const [i, t] of times.entries()) {
    const createdAt = new Date(t);
    const formId = rnd() < 0.5 ? refs.forms.demo : rnd() < 0.7 ? refs.forms.enterprise : refs.forms.partners;
    const src = pickSource();
    const path = pick(PAGES);
    const touch = parseTouch({
      url: `https://www.demo-company.test${path}${src.q ? `?${src.q}` : ''}`,
      referrer: src.referrer,
      occurredAt: new Date(t - Math.floor(rnd() * 20) * MINUTE),
    });
    const [first, last, company] = [pick(FIRST), pick(LAST), pick(COMPANIES)];
    const email = `${first.toLowerCase().replace(/[^a-z]/g, '')}.${last.toLowerCase()}.${i}@${company.toLowerCase()}.test`;
    const size = pick(SIZES);
    const values = {
      name: `${first} ${last}`,
      email,
      company: `${company} ${pick(['Inc.', 'GmbH', 'Ltd', 'SAS'])}`,
      team_size: size,
    };

    // Which rule matches (the order of demoRules) and who was at work to take it.
    const big = size === '51-200' || size === '200+';
    const paid = touch.channel === 'paid_search' || touch.channel === 'paid_social';
    const ruleIndex = formId === refs.forms.demo ? 0 : big ? 1 : paid ? 2 : -1;
    const wanted = ruleIndex === 1 ? refs.teams.enterprise : refs.teams.inbound;
    const attempts: RoutingDecision['attempts'] = [];
    let repId: string | null = null;
    for (const teamId of wanted === refs.teams.enterprise ? [wanted, refs.teams.inbound] : [wanted]) {
      const members = teamReps(teamId);
      const start = turn.get(teamId) ?? 0;
      const order = members.map((_, k) => members[(start + k) % members.length]!);
      const chosen = order.find((r) => !r.workingHours || isOpenAt(r.workingHours, createdAt)) ?? null;
      if (chosen) turn.set(teamId, start + 1);
      attempts.push({
        teamId,
        strategy: teamId === wanted && ruleIndex === 1 ? 'weighted_round_robin' : 'round_robin',
        overflow: teamId !== wanted,
        counter: start + 1,
        considered: members.map((r) => ({
          repId: r.id,
          outcome:
            r === chosen
              ? 'chosen'
              : r.workingHours && !isOpenAt(r.workingHours, createdAt)
                ? 'outside_working_hours'
                : 'available',
        })),
        chosenRepId: chosen?.id ?? null,
      });
      if (chosen) {
        repId = chosen.id;
        break;
      }
    }
    const last_ = attempts.at(-1)!;
    const rule = ruleIndex >= 0 ? input.rules[ruleIndex] : undefined;
    const decision: RoutingDecision = {
      source: rule ? { kind: 'rule', ruleId: rule.id, ruleName: rule.name } : { kind: 'fallback' },
      rulesEvaluated: ruleIndex >= 0 ? ruleIndex + 1 : input.rules.length,
      owner: null,
      attempts,
      overflow: repId ? (attempts.length > 1 ? 'next_team' : 'none') : 'unassigned',
      strategy: repId ? last_.strategy : null,
      teamId: last_.teamId,
      repId,
    };

    // The SLA: the desk's own policy, else the business-hours one.
    const policy = input.sla.find((p) => p.teamId === decision.teamId) ?? input.sla.find((p) => p.teamId === null)!;
    const cal = policy.targets.clock === 'calendar' ? null : policy.calendar;
    const clock = cal ?? ALWAYS_OPEN;
    const dueAt = addBusinessMinutes(clock, createdAt, policy.targets.firstResponseMinutes);
    const notifiedAt = new Date(t + 2000 + Math.floor(rnd() * 8000));
    const roll = rnd();
    const settledBy = dueAt.getTime() < now.getTime() - MINUTE;
    // 72 % on time, 18 % late, 10 % never answered; a due time still ahead is answered on time.
    const outcome = !settledBy || roll < 0.72 ? 'on_time' : roll < 0.9 ? 'late' : 'never';
    const span = dueAt.getTime() - t;
    const answeredAt =
      outcome === 'on_time'
        ? new Date(t + Math.max(MINUTE, span * (0.15 + rnd() * 0.75)))
        : outcome === 'late'
          ? new Date(Math.min(now.getTime() - MINUTE, dueAt.getTime() + (10 + rnd() * 300) * MINUTE))
          : null;
    const times_ = responseTimes(clock, {
      createdAt,
      assignedAt: createdAt,
      notifiedAt,
      firstResponseAt: answeredAt,
      pauses: [],
    });
    // Older leads have mostly closed; recent ones are still open with their owner.
    const age = (now.getTime() - t) / DAY;
    const close = rnd();
    const status =
      answeredAt && age > 10 && close < 0.35 ? 'won' : answeredAt && age > 10 && close < 0.75 ? 'lost' : 'open';
    const closedAt =
      status === 'open'
        ? null
        : new Date(Math.min(now.getTime() - MINUTE, answeredAt!.getTime() + (1 + rnd() * 8) * DAY));
    if (status === 'open' && repId) out.openLeadsByRep.set(repId, (out.openLeadsByRep.get(repId) ?? 0) + 1);

    const id = makeId('lead', createdAt);
    const storedTouch = { ...touch, occurredAt: touch.occurredAt.toISOString() };
    out.leads.push({
      id,
      tenantId,
      formId,
      visitorId: null,
      values,
      status,
      intake: 'accepted',
      firstTouch: storedTouch,
      lastTouch: storedTouch,
      firstChannel: touch.channel,
      lastChannel: touch.channel,
      email,
      emailDomain: email.split('@')[1]!,
      teamId: decision.teamId,
      ownerRepId: repId,
      assignedAt: repId ? createdAt : null,
      firstResponseAt: answeredAt,
      closedAt,
      wonAmountMinor: status === 'won' ? (5 + Math.floor(rnd() * 40)) * 100_000 : null,
      currency: status === 'won' ? 'EUR' : null,
      notifiedAt,
      slaPolicyId: policy.id,
      slaPhase: 'first_response',
      slaState: outcome === 'on_time' ? 'met' : 'breached',
      slaDueAt: dueAt,
      slaWarnAt: null,
      slaNextCheckAt: null,
      slaBreachedAt: outcome === 'on_time' ? null : dueAt,
      slaPauses: [],
      firstResponseBusinessMinutes: times_.businessMinutes,
      firstResponseCalendarMinutes: times_.calendarMinutes,
      firstResponseMet: answeredAt ? outcome === 'on_time' : null,
      // DELETE /v1/demo-data removes exactly the rows so marked (db/schema/columns.ts demoFlag).
      demo: true,
      createdAt,
      updatedAt: closedAt ?? answeredAt ?? dueAt,
    });
    out.touchpoints.push({ id: makeId('touchpoint', createdAt), tenantId, leadId: id, formId, position: 0, ...touch });
    const event = (type: string, at: Date, data: Record<string, unknown>, actor = 'system') =>
      out.events.push({ id: makeId('event', at), tenantId, leadId: id, type, data, actor, occurredAt: at });
    event('lead.created', createdAt, { formId, status: 'open', touchpoints: 1 }, 'visitor');
    event('lead.routed', createdAt, { ...decision });
    event('lead.sla_started', createdAt, {
      policyId: policy.id,
      policy: policy.name,
      dueAt: dueAt.toISOString(),
      warnAt: null,
    });
    if (outcome !== 'on_time')
      event('lead.sla_breached', dueAt, {
        phase: 'first_response',
        dueAt: dueAt.toISOString(),
        answeredAt: answeredAt?.toISOString() ?? null,
      });
    if (answeredAt) event('lead.contacted', answeredAt, { channel: pick(['email', 'phone', 'meeting']) }, 'demo');
    const won = out.leads.at(-1)!.wonAmountMinor;
    if (status === 'won') event('lead.won', closedAt!, { amount: won! / 100, currency: 'EUR' }, 'demo');
    if (status === 'lost') event('lead.lost', closedAt!, { reason: pick(LOST_REASONS) }, 'demo');
  }
  return out;
}
