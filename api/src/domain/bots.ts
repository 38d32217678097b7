/**
 * Self-declared crawlers and link previewers, by user agent. A view they make is not a visitor
 * seeing the form, so it is left out of the capacity report's views. Bots that pose as browsers
 * are not caught here; this only keeps the honest ones from inflating demand.
 */
const BOT = new RegExp(
  [
    // Crawlers say so, usually with a page about themselves: "(compatible; Googlebot/2.1; +http://…)".
    String.raw`\+https?://`,
    'compatible;[^)]*(bot|crawler|spider)',
    // Link previewers and well-known crawlers that do not.
    'googlebot|bingbot|bingpreview|duckduckbot|baiduspider|yandexbot|applebot|slurp|petalbot|ahrefsbot|semrushbot',
    'facebookexternalhit|twitterbot|linkedinbot|slackbot|discordbot|telegrambot|whatsapp|skypeuripreview|pinterestbot|embedly',
    // Tools, not people.
    'chrome-lighthouse|pagespeed|^curl/|^wget/|python-requests|go-http-client',
  ].join('|'),
  'i',
);

/**
 * @example isKnownBot('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)') // true
 * @example isKnownBot('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15') // false
 */
export function isKnownBot(userAgent: string | undefined | null): boolean {
  return !!userAgent && BOT.test(userAgent);
}
