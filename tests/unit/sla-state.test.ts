import { describe, expect, it } from 'vitest';
import { slaViewState, type SlaClockFacts } from '../../api/src/domain/sla-state';

const now = new Date('2026-11-02T16:00:00Z');
const min = (m: number) => new Date(now.getTime() + m * 60_000);
const lead = (over: Partial<SlaClockFacts>): SlaClockFacts => ({
  status: 'open',
  slaPolicyId: 'slap_1',
  slaPhase: 'first_response',
  slaState: 'running',
  slaDueAt: min(30),
  slaWarnAt: min(15),
  firstResponseAt: null,
  ...over,
});

describe('a lead’s SLA state at an instant', () => {
  it('is null without a policy', () => {
    expect(slaViewState(lead({ slaPolicyId: null, slaState: null }), now)).toBeNull();
  });
  it('runs, then is due soon from the warning time, then overdue from the due time (to the millisecond)', () => {
    expect(slaViewState(lead({}), now)).toBe('running');
    expect(slaViewState(lead({ slaWarnAt: now }), now)).toBe('due_soon');
    expect(slaViewState(lead({ slaWarnAt: min(-1), slaDueAt: new Date(now.getTime() + 1) }), now)).toBe('due_soon');
    expect(slaViewState(lead({ slaDueAt: now }), now)).toBe('overdue');
    expect(slaViewState(lead({ slaWarnAt: null, slaDueAt: min(5) }), now)).toBe('running');
  });
  it('stays overdue once the sweep marked it breached, until it is answered or closed', () => {
    expect(slaViewState(lead({ slaState: 'breached', slaDueAt: min(-5) }), now)).toBe('overdue');
    expect(slaViewState(lead({ slaState: 'breached', slaDueAt: min(-5), firstResponseAt: min(-1) }), now)).toBe(
      'breached',
    );
    expect(slaViewState(lead({ slaState: 'breached', slaDueAt: min(-5), status: 'lost' }), now)).toBe('breached');
  });
  it('counts a pending follow-up as unanswered', () => {
    expect(slaViewState(lead({ slaPhase: 'follow_up', firstResponseAt: min(-60), slaDueAt: min(-1) }), now)).toBe(
      'overdue',
    );
  });
  it('says met, paused, and stopped for a lead closed while its clock ran', () => {
    expect(slaViewState(lead({ slaState: 'met', firstResponseAt: min(-1) }), now)).toBe('met');
    expect(slaViewState(lead({ slaState: 'paused', slaDueAt: min(-10) }), now)).toBe('paused');
    expect(slaViewState(lead({ status: 'won' }), now)).toBe('stopped');
    expect(slaViewState(lead({ status: 'won', slaDueAt: min(-10) }), now)).toBe('stopped');
  });
});
