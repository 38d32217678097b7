/**
 * Won deals as the ad platforms' offline-conversion upload files, so their bidding learns which
 * clicks became revenue. Columns as each platform's upload documents them (looked up 2026-12):
 * - Google Ads, "conversions from clicks" import template: Google Click ID, Conversion Name,
 *   Conversion Time (`yyyy-MM-dd HH:mm:ss+0000`), Conversion Value, Conversion Currency.
 * - Microsoft Advertising, offline conversion record: Microsoft Click Id, Conversion Name,
 *   Conversion Time, Conversion Value, Conversion Currency Code.
 * - Meta, Conversions API offline events: event_name, event_time (Unix seconds), action_source,
 *   fbc (`fb.1.<click time ms>.<fbclid>`), value, currency, order_id.
 */
import { currencyExponent } from './money';
import { csvCell } from './csv';

export const AD_PLATFORMS = ['google_ads', 'meta', 'microsoft_ads'] as const;
export type AdPlatform = (typeof AD_PLATFORMS)[number];

export const CLICK_ID_OF: Record<AdPlatform, 'gclid' | 'fbclid' | 'msclkid'> = {
  google_ads: 'gclid',
  meta: 'fbclid',
  microsoft_ads: 'msclkid',
};

export interface WonConversion {
  leadId: string;
  clickId: string;
  /** When the click's touch was recorded (Meta's fbc carries it). */
  clickedAt: Date;
  wonAt: Date;
  amountMinor: number;
  currency: string;
}

/** Minor units as the decimal the platforms read: 3333 USD → `33.33`, 1500 JPY → `1500`. */
export function majorDecimal(minor: number, currency: string): string {
  const e = currencyExponent(currency);
  if (e === 0) return String(minor);
  const digits = String(minor).padStart(e + 1, '0');
  return `${digits.slice(0, -e)}.${digits.slice(-e)}`;
}

const googleTime = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')}+0000`;

export function offlineConversionsCsv(
  platform: AdPlatform,
  rows: readonly WonConversion[],
  conversionName: string,
): string {
  const table: string[][] = (() => {
    switch (platform) {
      case 'google_ads':
        return [
          ['Google Click ID', 'Conversion Name', 'Conversion Time', 'Conversion Value', 'Conversion Currency'],
          ...rows.map((r) => [
            r.clickId,
            conversionName,
            googleTime(r.wonAt),
            majorDecimal(r.amountMinor, r.currency),
            r.currency,
          ]),
        ];
      case 'microsoft_ads':
        return [
          ['Microsoft Click Id', 'Conversion Name', 'Conversion Time', 'Conversion Value', 'Conversion Currency Code'],
          ...rows.map((r) => [
            r.clickId,
            conversionName,
            `${r.wonAt.toISOString().slice(0, 19)}Z`,
            majorDecimal(r.amountMinor, r.currency),
            r.currency,
          ]),
        ];
      case 'meta':
        return [
          ['event_name', 'event_time', 'action_source', 'fbc', 'value', 'currency', 'order_id'],
          ...rows.map((r) => [
            conversionName,
            String(Math.floor(r.wonAt.getTime() / 1000)),
            'system_generated',
            `fb.1.${r.clickedAt.getTime()}.${r.clickId}`,
            majorDecimal(r.amountMinor, r.currency),
            r.currency,
            r.leadId,
          ]),
        ];
    }
  })();
  return `${table.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
