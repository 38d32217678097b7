import { describe, expect, it } from 'vitest';
import { classifyChannel, parseTouch, siteName } from '../../api/src/domain/touchpoints';

const at = new Date('2026-11-25T12:00:00Z');
const touch = (url: string, referrer: string | null = null) => parseTouch({ url, referrer, occurredAt: at });

describe('parseTouch', () => {
  it('extracts every UTM parameter and keeps the landing page and time', () => {
    const t = touch(
      'https://shop.example/?utm_source=Newsletter&utm_medium=email&utm_campaign=launch&utm_term=crm&utm_content=hero',
    );
    expect(t).toMatchObject({
      source: 'Newsletter',
      medium: 'email',
      campaign: 'launch',
      term: 'crm',
      content: 'hero',
      channel: 'email',
    });
    expect(t.landingPage).toBe(
      'https://shop.example/?utm_source=Newsletter&utm_medium=email&utm_campaign=launch&utm_term=crm&utm_content=hero',
    );
    expect(t.occurredAt).toBe(at);
  });

  it.each([
    ['gclid', 'paid_search', 'google'],
    ['msclkid', 'paid_search', 'bing'],
    ['li_fat_id', 'paid_social', null],
    ['ttclid', 'paid_social', null],
    ['fbclid', 'organic_social', null],
  ])('classifies the %s click id as %s', (param, channel, source) => {
    const t = touch(`https://shop.example/?${param}=abc123`);
    expect(t.clickIds).toEqual({ [param]: 'abc123' });
    expect(t.channel).toBe(channel);
    expect(t.source).toBe(source);
  });

  it('reads the source from an external referrer when there are no UTM tags', () => {
    expect(touch('https://shop.example/', 'https://www.google.co.uk/')).toMatchObject({
      channel: 'organic_search',
      source: 'google',
    });
    expect(touch('https://shop.example/', 'https://l.facebook.com/l.php')).toMatchObject({
      channel: 'organic_social',
      source: 'facebook',
    });
    expect(touch('https://shop.example/', 'https://t.co/abc')).toMatchObject({
      channel: 'organic_social',
      source: 't',
    });
    expect(touch('https://shop.example/', 'https://mail.google.com/mail/u/0/')).toMatchObject({ channel: 'email' });
    expect(touch('https://shop.example/', 'https://blog.partner.io/review')).toMatchObject({
      channel: 'referral',
      source: 'partner',
    });
  });

  it('treats a referrer on the same site as navigation, not a source', () => {
    expect(touch('https://shop.example/pricing', 'https://shop.example/')).toMatchObject({
      channel: 'direct',
      source: null,
    });
  });

  it('is direct with no referrer and no tags, and survives an unparseable URL', () => {
    expect(touch('https://shop.example/').channel).toBe('direct');
    expect(touch('').channel).toBe('direct');
    expect(touch('not a url', 'also not').channel).toBe('direct');
  });

  it('lets explicit UTM values from a headless client win over the URL', () => {
    const t = parseTouch({
      url: 'https://shop.example/?utm_source=a',
      occurredAt: at,
      utm: { source: 'b', medium: 'cpc' },
    });
    expect(t).toMatchObject({ source: 'b', medium: 'cpc', channel: 'paid_search' });
  });

  it('clips very long values', () => {
    const t = touch(`https://shop.example/?utm_campaign=${'x'.repeat(5000)}`);
    expect(t.campaign!.length).toBe(2048);
  });
});

describe('classifyChannel', () => {
  const c = (source: string | null, medium: string | null, referrerHost: string | null = null) =>
    classifyChannel({ source, medium, clickIds: {}, referrerHost });
  it.each([
    ['google', 'cpc', 'paid_search'],
    ['bing', 'ppc', 'paid_search'],
    ['linkedin', 'cpc', 'paid_social'],
    ['facebook', 'paid', 'paid_social'],
    ['partner', 'paid_social', 'paid_social'],
    ['twitter', 'social', 'organic_social'],
    ['google', 'organic', 'organic_search'],
    ['newsletter', 'email', 'email'],
    ['newsletter', null, 'email'],
    ['duckduckgo', null, 'organic_search'],
    ['reddit', null, 'organic_social'],
    ['producthunt', null, 'referral'],
    ['partner', 'referral', 'referral'],
  ])('source %s, medium %s → %s', (source, medium, channel) => expect(c(source, medium)).toBe(channel));

  it('is case-insensitive', () => expect(c('LinkedIn', 'CPC')).toBe('paid_social'));
});

describe('siteName', () => {
  it.each([
    ['www.google.com', 'google'],
    ['google.co.uk', 'google'],
    ['news.ycombinator.com', 'ycombinator'],
    ['www.bbc.co.uk', 'bbc'],
    ['t.co', 't'],
    ['localhost', 'localhost'],
  ])('%s → %s', (host, name) => expect(siteName(host)).toBe(name));
});
