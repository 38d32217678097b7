/** The notification templates and mail helpers: pure, so checked directly. */
import { describe, expect, it } from 'vitest';
import { mailLinks, providerRequest } from '../../api/src/domain/mail-provider';
import {
  assignmentMail,
  escapeHtml,
  leadDisplayName,
  slaMail,
  subjectPart,
  type MailLead,
} from '../../api/src/domain/notification-mail';

const lead = (values: MailLead['values'], over: Partial<MailLead> = {}): MailLead => ({
  id: 'lead_01',
  values,
  email: 'grace@example.com',
  campaign: null,
  source: null,
  ...over,
});

describe('notification mail', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('keeps a subject part to one bounded line', () => {
    expect(subjectPart('a\r\nBcc: x@y\u2028z\u0000')).toBe('a Bcc: x@y z');
    expect(subjectPart('x'.repeat(200))).toHaveLength(80);
  });

  it('names a lead by its name fields, else its email, else its id', () => {
    expect(leadDisplayName(lead({ name: ' Grace ' }))).toBe('Grace');
    expect(leadDisplayName(lead({ first_name: 'Grace', last_name: 'Hopper' }))).toBe('Grace Hopper');
    expect(leadDisplayName(lead({ size: 5 }))).toBe('grace@example.com');
    expect(leadDisplayName(lead({}, { email: null }))).toBe('Lead lead_01');
  });

  it('escapes every typed value in the HTML of both templates', () => {
    const hostile = '<script>alert(1)</script>';
    const l = lead({ name: hostile, company: hostile }, { campaign: hostile, source: hostile });
    const a = assignmentMail({
      publicUrl: 'https://inlet.example/',
      lead: l,
      repName: hostile,
      teamName: hostile,
      rule: hostile,
    });
    const s = slaMail({
      publicUrl: 'https://inlet.example',
      event: 'breached',
      lead: l,
      phase: 'first_response',
      dueAt: new Date('2026-12-01T11:00:00Z'),
      repName: hostile,
      teamName: hostile,
    });
    for (const m of [a, s]) {
      expect(m.html).not.toContain('<script>');
      expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(m.text).toContain('https://inlet.example/app/leads/lead_01');
    }
    expect(s.subject).toBe('SLA breached: <script>alert(1)</script> got no first response in time');
  });

  it('finds each absolute link once, from the text and the HTML', () => {
    expect(
      mailLinks('Go to https://a.example/x?t=1. Or http://b.example/y)', '<a href="https://a.example/z?a=1&amp;b=2">'),
    ).toEqual(['https://a.example/x?t=1', 'http://b.example/y', 'https://a.example/z?a=1&b=2']);
  });

  it("builds Resend's request with the message id as idempotency key", () => {
    const req = providerRequest(
      { provider: 'resend', apiKey: 're_1', from: 'Inlet <m@inlet.example>', apiUrl: 'https://api.resend.com/' },
      { to: 'ada@example.com', subject: 'Hi', text: 'Hello', html: null },
      'msg_1',
    );
    expect(req.url).toBe('https://api.resend.com/emails');
    expect(req.headers).toMatchObject({ authorization: 'Bearer re_1', 'idempotency-key': 'inlet-mail/msg_1' });
    expect(JSON.parse(req.body)).toEqual({
      from: 'Inlet <m@inlet.example>',
      to: ['ada@example.com'],
      subject: 'Hi',
      text: 'Hello',
    });
  });
});
