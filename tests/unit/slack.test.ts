import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, slackMessage, type SlackBlock } from '../../api/src/domain/slack';

const lead = {
  leadId: 'lead_01JD3Q5V7X9K2M4N6P8R0S2T4V',
  formId: 'frm_01JD3Q5V7X9K2M4N6P8R0S2T4V',
  values: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000' },
};
const objects = (blocks: SlackBlock[]) =>
  blocks.flatMap((b) => (b.type === 'context' ? b.elements : [...(b.text ? [b.text] : []), ...(b.fields ?? [])]));
const allText = (blocks: SlackBlock[]) =>
  objects(blocks)
    .map((t) => t.text)
    .join('\n');
const mrkdwnText = (blocks: SlackBlock[]) =>
  objects(blocks)
    .filter((t) => t.type === 'mrkdwn')
    .map((t) => t.text)
    .join('\n');
const plainText = (blocks: SlackBlock[]) =>
  objects(blocks)
    .filter((t) => t.type === 'plain_text')
    .map((t) => t.text);

describe('Slack messages', () => {
  it('announces an assignment with the rep, team, contact details, rule and deadline', () => {
    const m = slackMessage('lead.assigned', {
      ...lead,
      repName: 'Grace Hopper',
      repEmail: 'grace@acme.test',
      teamName: 'EMEA',
      rule: 'Enterprise',
      dueAt: '2026-11-25T14:30:00Z',
    });
    expect(m.text).toBe(':inbox_tray: New lead for *Grace Hopper* (EMEA)');
    expect(m.blocks[1]).toEqual({ type: 'section', text: { type: 'plain_text', text: 'Ada Lovelace', emoji: false } });
    expect(m.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: m.text } });
    const text = allText(m.blocks);
    expect(plainText(m.blocks)).toContain('Email: ada@example.com');
    expect(text).toContain('*Rule*\nEnterprise');
    expect(text).toContain('*Respond by*\n<!date^1795617000^{date_short_pretty} at {time}|2026-11-25T14:30:00Z>');
    expect(text).toContain('Lead `lead_01JD3Q5V7X9K2M4N6P8R0S2T4V` · Form `frm_01JD3Q5V7X9K2M4N6P8R0S2T4V`');
  });

  it('names the team when the lead went to a team without a rep', () => {
    expect(slackMessage('lead.assigned', { ...lead, teamName: 'Sales' }).text).toBe(
      ':inbox_tray: New lead for the *Sales* team',
    );
  });

  it('says when nobody is available', () => {
    const m = slackMessage('lead.unassigned', { ...lead, teamName: 'Sales', reason: 'nobody available' });
    expect(m.text).toBe(':warning: A lead is waiting: nobody in *Sales* is available to take it');
    expect(allText(m.blocks)).toContain('*Reason*\nnobody available');
  });

  it('has a line for SLA warnings and breaches', () => {
    const due = '2026-11-25T14:30:00Z';
    expect(slackMessage('lead.sla_warning', { ...lead, repName: 'Grace', dueAt: due }).text).toMatch(
      /^:hourglass_flowing_sand: A lead needs a first response by <!date\^/,
    );
    const breached = slackMessage('lead.sla_breached', {
      ...lead,
      repName: 'Grace',
      teamName: 'EMEA',
      dueAt: due,
      escalatedTo: 'Linus',
    });
    expect(breached.text).toMatch(/^:rotating_light: The first response to a lead is overdue \(was due <!date\^\d+\^/);
    expect(allText(breached.blocks)).toContain('*Escalated to*\nLinus');
  });

  it('has a line for capacity changes', () => {
    expect(slackMessage('capacity.threshold', { policyName: 'Onboarding slots', used: 8, limit: 10 }).text).toBe(
      ':bar_chart: *Onboarding slots* is at 8 of 10 (80%)',
    );
    expect(slackMessage('capacity.closed', { policyName: 'Onboarding slots', state: 'waitlist' }).text).toBe(
      ':no_entry: *Onboarding slots* is full: the form is waitlisting',
    );
    expect(
      slackMessage('capacity.closed', { policyName: 'Sales team', formIds: ['form_A', 'form_B'], state: 'closed' })
        .text,
    ).toBe(':no_entry: *Sales team* is full: its 2 forms are closed');
    expect(slackMessage('capacity.reopened', { formName: 'Demo request' }).text).toBe(
      ':white_check_mark: *Demo request* has room again: the form is open',
    );
  });

  it('falls back to the event type for other topics', () => {
    expect(slackMessage('lead.won', { leadId: lead.leadId, amount: 1200 }).text).toBe(':bell: lead.won');
    expect(slackMessage('lead.created', lead).text).toBe(':bell: lead.created');
  });

  it('keeps what visitors typed out of mrkdwn and the fallback: plain text only, shown as typed', () => {
    const name = 'Verify at https://evil.example *bold* ~strike~ <!channel> <https://evil.example|click me> & co';
    const hostile = {
      ...lead,
      values: { name, email: 'x@example.com', company: '<@U123> *Acme*' },
      repName: '<@U456>',
    };
    for (const topic of [
      'lead.assigned',
      'lead.unassigned',
      'lead.sla_warning',
      'lead.sla_breached',
      'lead.stalled',
      'lead.created',
    ]) {
      const m = slackMessage(topic, hostile);
      for (const ours of [m.text, mrkdwnText(m.blocks)])
        expect(ours, topic).not.toMatch(/evil|bold|strike|<!channel>|U123|Acme/);
      expect(plainText(m.blocks), topic).toContain(name);
      expect(plainText(m.blocks), topic).toContain('Company: <@U123> *Acme*');
    }
    // Names customers gave things stay in mrkdwn, escaped.
    expect(slackMessage('lead.assigned', hostile).text).toContain('*&lt;@U456&gt;*');
  });

  it('cuts long values and builds the name from first and last name when there is no name field', () => {
    const m = slackMessage('lead.assigned', {
      values: { first_name: 'Ada', last_name: 'Lovelace', company: 'x'.repeat(500) },
    });
    expect(plainText(m.blocks)).toContain('Ada Lovelace');
    const company = plainText(m.blocks)
      .find((l) => l.startsWith('Company: '))!
      .slice('Company: '.length);
    expect(company.length).toBe(200);
    expect(company.endsWith('…')).toBe(true);
  });

  it('escapes exactly the three mrkdwn control characters', () => {
    expect(escapeMrkdwn('a & b < c > d * _ ~')).toBe('a &amp; b &lt; c &gt; d * _ ~');
  });
});
