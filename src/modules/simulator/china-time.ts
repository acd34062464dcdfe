import type { Rng } from './rng.js';

/**
 * Clock helpers. Communities in the simulation live in China: Asia/Shanghai is UTC+8 all year (no daylight
 * saving), so a fixed offset is exact and avoids Intl in the hot path.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

export function chinaMidnightOnOrBefore(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** 0 = Monday ... 6 = Sunday, for the China calendar day that contains ms. */
export function chinaWeekday(ms: number): number {
  const day = Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
  // 1970-01-01 was a Thursday (index 3 when Monday is 0).
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * Relative chat volume per China hour: quiet at night, a morning peak on the commute and first coffee
 * (8-10), lunch (12-13) and the evening phone hours (20-23) when most group buying happens.
 */
const CHAT_BY_HOUR = [
  0.6, 0.3, 0.15, 0.1, 0.1, 0.2, 0.6, 1.6, 3.2, 3.6, 2.6, 2.4, 3.4, 3.2, 2.0, 1.8, 1.9, 2.0, 2.2, 2.8, 3.8, 4.2, 4.0, 2.4,
];
/** Check-ins cluster on waking up, with a second smaller wave before bed. */
const CHECK_IN_BY_HOUR = [
  0.1, 0, 0, 0, 0, 0.3, 2.5, 4.5, 4.0, 2.0, 1.0, 0.6, 0.5, 0.4, 0.3, 0.3, 0.3, 0.3, 0.4, 0.6, 1.0, 1.6, 1.8, 0.8,
];

export type Rhythm = 'chat' | 'checkIn';

/** Cumulative hour weights, so picking an hour is one float and a short scan. */
function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}
const RHYTHMS: Record<Rhythm, Float64Array> = { chat: cumulative(CHAT_BY_HOUR), checkIn: cumulative(CHECK_IN_BY_HOUR) };

/**
 * Maps a simulated day onto wall-clock instants. Day d covers [startMs + d days, startMs + d+1 days); the
 * start need not be a China midnight, so China hours are converted to an offset inside that span.
 */
export class DayClock {
  readonly start: number;
  readonly end: number;
  private readonly chinaOffsetOfStart: number;

  constructor(windowStartMs: number, day: number) {
    this.start = windowStartMs + day * DAY_MS;
    this.end = this.start + DAY_MS;
    this.chinaOffsetOfStart = (((this.start + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  }

  /** The instant in this day at the given China time of day (in ms since China midnight). */
  atChinaTime(msOfChinaDay: number): number {
    const offset = (((msOfChinaDay - this.chinaOffsetOfStart) % DAY_MS) + DAY_MS) % DAY_MS;
    return this.start + offset;
  }

  /** A random instant whose China hour follows the given daily rhythm. */
  sample(rng: Rng, rhythm: Rhythm = 'chat'): number {
    const sums = RHYTHMS[rhythm];
    const r = rng.float() * sums[sums.length - 1]!;
    let hour = 0;
    while (sums[hour]! <= r) hour++;
    return this.atChinaTime(hour * HOUR_MS + Math.floor(rng.float() * HOUR_MS));
  }

  /** A random instant between two China times of day (hours, fractional allowed). */
  between(rng: Rng, fromHour: number, toHour: number): number {
    return this.atChinaTime(Math.floor(rng.range(fromHour, toHour) * HOUR_MS));
  }

  /** Keeps follow-up happenings (a reaction, a welcome) inside the day so one day can be sorted alone. */
  clamp(ms: number): number {
    return ms < this.start ? this.start : ms >= this.end ? this.end - 1 : Math.floor(ms);
  }
}
