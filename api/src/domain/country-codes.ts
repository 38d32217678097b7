/**
 * Reading a country out of what a visitor typed or picked: an ISO 3166-1 alpha-2 code (`de`, `UK`)
 * or an English name (`Germany`, `Côte d'Ivoire`, `USA`).
 *
 * The names come from the runtime's own CLDR data (`Intl.DisplayNames`) rather than a table shipped
 * in the bundle: the Workers runtime and Node both carry full ICU, the data stays current with the
 * runtime, and the map is built once, lazily, on the first lead that has a country name.
 */

// Regions that CLDR names but that are not countries a lead can live in (or are not ISO 3166-1).
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA']);

// Common English names CLDR does not use (it says "Czechia", "Türkiye", "Congo - Kinshasa" …).
const NAME_ALIASES: Readonly<Record<string, string>> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  holland: 'NL',
  'the netherlands': 'NL',
  'czech republic': 'CZ',
  turkey: 'TR',
  'ivory coast': 'CI',
  'russian federation': 'RU',
  korea: 'KR',
  'republic of korea': 'KR',
  macedonia: 'MK',
  swaziland: 'SZ',
  burma: 'MM',
  'east timor': 'TL',
  'cabo verde': 'CV',
  uae: 'AE',
  'democratic republic of the congo': 'CD',
  'dr congo': 'CD',
  'republic of the congo': 'CG',
  vatican: 'VA',
};

/** A forgiving key for names: no accents, no punctuation, `&` and `and` alike, `st.` as `saint`. */
function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\bst\b/g, 'saint')
    .trim();
}

let englishNames: Intl.DisplayNames | null = null;
// Intl.Locale costs microseconds per call; there are only 676 two-letter codes, so remember each answer.
const canonicalCodes = new Map<string, string | null>();

/** The current code for a region subtag (`UK` → `GB`, `DD` → `DE`), or null if it is not a country. */
function canonicalCode(code: string): string | null {
  let answer = canonicalCodes.get(code);
  if (answer === undefined) {
    answer = resolveRegion(code);
    canonicalCodes.set(code, answer);
  }
  return answer;
}

function resolveRegion(code: string): string | null {
  let region: string | undefined;
  try {
    region = new Intl.Locale(Intl.getCanonicalLocales(`und-${code}`)[0] ?? '').region;
  } catch {
    return null;
  }
  if (!region || !/^[A-Z]{2}$/.test(region) || NOT_COUNTRIES.has(region)) return null;
  englishNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  // CLDR has no name for unassigned codes (AA, QM …) and echoes the code back.
  return englishNames.of(region) === region ? null : region;
}

let namesToCodes: Map<string, string> | null = null;

function buildNameMap(): Map<string, string> {
  const names = new Map<string, string>();
  const long = new Intl.DisplayNames(['en'], { type: 'region' });
  const short = new Intl.DisplayNames(['en'], { type: 'region', style: 'short' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // Deprecated codes (DD, SU, YU …) canonicalize to another code; only canonical ones name countries.
      if (canonicalCode(code) !== code) continue;
      for (const name of [long.of(code), short.of(code)]) {
        if (!name || name === code) continue;
        names.set(nameKey(name), code);
        const withoutNote = name.replace(/\s*\(.*\)\s*$/, ''); // "Myanmar (Burma)" is also "Myanmar"
        if (withoutNote !== name) names.set(nameKey(withoutNote), code);
      }
    }
  }
  for (const [alias, code] of Object.entries(NAME_ALIASES)) names.set(nameKey(alias), code);
  return names;
}

/**
 * The ISO 3166-1 alpha-2 code for a code or English country name, or null when unrecognized.
 * @example countryCode('de') // 'DE'
 * @example countryCode('United Kingdom') // 'GB'
 * @example countryCode('Narnia') // null
 */
export function countryCode(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length < 2 || trimmed.length > 80) return null;
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = canonicalCode(trimmed.toUpperCase());
    if (code) return code;
  }
  namesToCodes ??= buildNameMap();
  return namesToCodes.get(nameKey(trimmed)) ?? null;
}
