/**
 * Cost of the business-hours clock: `addBusinessMinutes` for budgets from 30 minutes to a month,
 * against plain calendar addition (`start + minutes`) timed in the same run.
 * The clock skips whole holiday-free weeks, so its cost should grow with the number of weeks and
 * holidays crossed, not with the number of minutes.
 */
import { BusinessCalendar, addBusinessMinutes, businessMinutesBetween } from '../api/src/domain/business-hours';
import { timePerCall, type BenchReport } from './lib';

const officeDay = [
  { start: '09:00', end: '12:30' },
  { start: '13:30', end: '18:00' },
];
const newYorkOffice = BusinessCalendar.parse({
  timeZone: 'America/New_York',
  mode: 'business',
  weekly: { mon: officeDay, tue: officeDay, wed: officeDay, thu: officeDay, fri: officeDay },
  holidays: [
    { date: '2026-01-01' },
    { date: '2026-01-19' },
    { date: '2026-02-16' },
    { date: '2026-05-25' },
    { date: '2026-07-03' },
    { date: '2026-09-07' },
    { date: '2026-11-26' },
    { from: '2026-12-24', to: '2026-12-31' },
  ],
});

const BUDGETS: Array<[label: string, minutes: number]> = [
  ['30 min', 30],
  ['8 h', 8 * 60],
  ['1 week (10,080 min)', 7 * 24 * 60],
  ['1 month (43,200 min)', 30 * 24 * 60],
  ['100,000 min', 100_000],
];

// Friday afternoon in winter, so even short budgets cross a weekend; long ones cross both DST changes.
const start = new Date('2026-01-16T20:00:00Z');
let sink = 0;

export async function run(): Promise<BenchReport> {
  const rows: BenchReport['rows'] = [];
  for (const [label, minutes] of BUDGETS) {
    const baseline = timePerCall(() => {
      sink += new Date(start.getTime() + minutes * 60_000).getTime();
    });
    const clock = timePerCall(() => {
      sink += addBusinessMinutes(newYorkOffice, start, minutes).getTime();
    });
    const due = addBusinessMinutes(newYorkOffice, start, minutes);
    const measure = timePerCall(() => {
      sink += businessMinutesBetween(newYorkOffice, start, due);
    });
    rows.push({
      budget: label,
      'due (UTC)': due.toISOString().slice(0, 16),
      'baseline ns/call': Math.round(baseline),
      'addBusinessMinutes ns/call': Math.round(clock),
      'vs baseline': `${(clock / baseline).toFixed(0)}x`,
      'businessMinutesBetween ns/call': Math.round(measure),
    });
  }
  return {
    title: 'business-hours clock: addBusinessMinutes vs plain calendar addition',
    rows,
    notes: [
      'Calendar: America/New_York, Mon–Fri 09:00–12:30 and 13:30–18:00, 8 holidays incl. a 2026-12-24..31 range; start Fri 2026-01-16 15:00 EST.',
      'Baseline: new Date(start + minutes * 60 000), timed in the same run. Each call re-reads the calendar (no caching of parsed calendars).',
      `(sink ${sink > 0 ? 'ok' : 'empty'})`,
    ],
  };
}
