import { describe, expect, it } from 'vitest';
import { countryCode } from '../../api/src/domain/country-codes';
import { deriveFacts, emailFacts, isFreeMailDomain, type DeriveFactsInput } from '../../api/src/domain/derive-facts';
import type { TouchFacts } from '../../api/src/domain/lead-facts';

const touch: TouchFacts = {
  channel: 'paid_search',
  source: 'google',
  medium: 'cpc',
  campaign: 'q3',
  term: null,
  content: null,
  landingPage: '/',
  referrer: null,
};
const input = (over: Partial<DeriveFactsInput>): DeriveFactsInput => ({
  formId: 'frm_1',
  values: {},
  fields: [],
  firstTouch: null,
  lastTouch: null,
  ...over,
});

describe('deriveFacts: email', () => {
  it('reads the first email-typed field, lower-cased and trimmed, and splits the domain', () => {
    const facts = deriveFacts(
      input({
        values: { contact: 'not-an-email', work: '  Ada.Lovelace@Analytical.Engines.CO.UK ', home: 'ada@gmail.com' },
        fields: [
          { key: 'contact', type: 'text' },
          { key: 'work', type: 'email' },
          { key: 'home', type: 'email' },
        ],
      }),
    );
    expect(facts.email).toEqual({
      address: 'ada.lovelace@analytical.engines.co.uk',
      domain: 'analytical.engines.co.uk',
      isFree: false,
    });
  });

  it('skips an email field left blank and takes the next one', () => {
    const facts = deriveFacts(
      input({
        values: { work: '  ', home: 'Ada@GMail.com' },
        fields: [
          { key: 'work', type: 'email' },
          { key: 'home', type: 'email' },
        ],
      }),
    );
    expect(facts.email).toEqual({ address: 'ada@gmail.com', domain: 'gmail.com', isFree: true });
  });

  it('ignores a field named email that is not email-typed', () => {
    const facts = deriveFacts(input({ values: { email: 'ada@acme.com' }, fields: [{ key: 'email', type: 'text' }] }));
    expect(facts.email).toEqual({ address: null, domain: null, isFree: null });
  });

  it.each(['ada', '@acme.com', 'ada@', 'ada@localhost', 'ada @acme.com', 'ada@.com'])(
    'leaves every email fact null for the non-address %j',
    (value) => {
      expect(emailFacts(value)).toEqual({ address: null, domain: null, isFree: null });
    },
  );

  it('splits at the last @ and drops a trailing dot of the domain', () => {
    expect(emailFacts('"a@b"@Acme.com.')).toEqual({ address: '"a@b"@acme.com.', domain: 'acme.com', isFree: false });
  });
});

describe('isFreeMailDomain', () => {
  it.each([
    'gmail.com',
    'googlemail.com',
    'outlook.com',
    'hotmail.com',
    'hotmail.co.uk',
    'hotmail.fr',
    'live.com',
    'yahoo.com',
    'yahoo.co.jp',
    'yahoo.com.br',
    'icloud.com',
    'me.com',
    'aol.com',
    'proton.me',
    'protonmail.com',
    'gmx.de',
    'gmx.net',
    'web.de',
    'yandex.ru',
    'mail.ru',
    'qq.com',
    '163.com',
    'zoho.com',
  ])('knows %s as free mail', (domain) => expect(isFreeMailDomain(domain)).toBe(true));

  it.each(['acme.com', 'gmail.acme.com', 'yahoo.example.org', 'mygmail.com', 'hotmail-support.com', 'stanford.edu'])(
    'treats %s as a business domain',
    (domain) => {
      expect(isFreeMailDomain(domain)).toBe(false);
    },
  );
});

describe('deriveFacts: country', () => {
  it.each([
    ['DE', 'DE'],
    ['de', 'DE'],
    [' at ', 'AT'],
    ['UK', 'GB'],
    ['Germany', 'DE'],
    ['germany', 'DE'],
    ['United Kingdom', 'GB'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['United States of America', 'US'],
    ["Cote d'Ivoire", 'CI'],
    ['Côte d’Ivoire', 'CI'],
    ['Bosnia and Herzegovina', 'BA'],
    ['Bosnia & Herzegovina', 'BA'],
    ['Saint Lucia', 'LC'],
    ['St. Lucia', 'LC'],
    ['Czech Republic', 'CZ'],
    ['Czechia', 'CZ'],
    ['Turkey', 'TR'],
    ['South Korea', 'KR'],
    ['Hong Kong', 'HK'],
    ['Myanmar', 'MM'],
    ['Kosovo', 'XK'],
  ])('reads %j as %s', (value, code) => {
    expect(countryCode(value)).toBe(code);
  });

  it.each(['Narnia', 'ZZ', 'AA', 'EU', 'European Union', 'Unknown Region', 'x', '', 'D E'])(
    'reads %j as no country',
    (value) => {
      expect(countryCode(value)).toBeNull();
    },
  );

  it('takes the country field, or country_code when country is absent or unrecognized', () => {
    expect(deriveFacts(input({ values: { country: 'France', country_code: 'DE' } })).country).toBe('FR');
    expect(deriveFacts(input({ values: { country_code: 'de' } })).country).toBe('DE');
    expect(deriveFacts(input({ values: { country: 'Atlantis', country_code: 'ch' } })).country).toBe('CH');
    expect(deriveFacts(input({ values: { country: 42 } })).country).toBeNull();
    expect(deriveFacts(input({ values: { land: 'DE' } })).country).toBeNull();
  });
});

describe('deriveFacts: the rest', () => {
  it('passes form, values, touches and team through, dropping undefined values', () => {
    const facts = deriveFacts(
      input({
        formId: 'frm_9',
        values: { a: 1, b: undefined, c: null },
        firstTouch: touch,
        lastTouch: touch,
        teamId: 'team_1',
      }),
    );
    expect(facts).toEqual({
      formId: 'frm_9',
      values: { a: 1, c: null },
      firstTouch: touch,
      lastTouch: touch,
      email: { address: null, domain: null, isFree: null },
      country: null,
      teamId: 'team_1',
    });
    expect(Object.hasOwn(facts.values, 'b')).toBe(false);
  });

  it('defaults the team to null before routing', () => {
    expect(deriveFacts(input({})).teamId).toBeNull();
  });
});
