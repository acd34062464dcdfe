import type { Channel } from '../tracking/event-contract.js';
import { DAY_MS, chinaMidnightOnOrBefore } from './china-time.js';

export interface SimulationOptions {
  /** Number of groups. */
  communities: number;
  /** Number of customer members (each community also gets one host account on top of these). */
  members: number;
  /** Length of the simulated window in days. */
  days: number;
  seed: number;
  /** First instant of the window. Default: `days` days before the last Asia/Shanghai midnight at or before `now`. */
  start?: Date;
  /** Only used to place the default start; pass it in tests so the window is fixed. Default: the current time. */
  now?: Date;
  /**
   * Nothing at or after this instant is emitted: the day it falls in is cut short there. The demo seed
   * uses it to run through today up to the moment of seeding, so "today" is not an empty day. Default: no cut.
   */
  until?: Date;
  /** Channel written on every community and member ref. Default: sandbox. */
  channel?: Channel;
  /** Events per yielded batch. Default: 1000, the intake's batch limit. */
  batchSize?: number;
  /** Start of every event id, so a re-run of the same simulation is deduplicated by the intake. Default: `sim<seed>`. */
  idPrefix?: string;
}

export interface ResolvedOptions {
  communities: number;
  members: number;
  days: number;
  seed: number;
  startMs: number;
  untilMs: number;
  channel: Channel;
  batchSize: number;
  idPrefix: string;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Checks the options and fills in the defaults; throws RangeError on nonsense such as 0 communities. */
export function resolveOptions(opts: SimulationOptions): ResolvedOptions {
  const days = positiveInteger('days', opts.days);
  if (!Number.isFinite(opts.seed)) throw new RangeError(`seed must be a finite number, got ${opts.seed}`);
  let startMs: number;
  if (opts.start) {
    startMs = opts.start.getTime();
    if (!Number.isFinite(startMs)) throw new RangeError('start is not a valid date');
  } else {
    const nowMs = (opts.now ?? new Date()).getTime();
    if (!Number.isFinite(nowMs)) throw new RangeError('now is not a valid date');
    // The window ends at the last midnight in China, so a default run never writes events in the future.
    startMs = chinaMidnightOnOrBefore(nowMs) - days * DAY_MS;
  }
  const untilMs = opts.until ? opts.until.getTime() : Number.POSITIVE_INFINITY;
  if (Number.isNaN(untilMs)) throw new RangeError('until is not a valid date');
  const idPrefix = opts.idPrefix ?? `sim${opts.seed}`;
  if (idPrefix.length === 0 || idPrefix.length > 100) throw new RangeError('idPrefix must be 1 to 100 characters');
  return {
    communities: positiveInteger('communities', opts.communities),
    members: positiveInteger('members', opts.members),
    days,
    seed: opts.seed,
    startMs,
    untilMs,
    channel: opts.channel ?? 'sandbox',
    batchSize: positiveInteger('batchSize', opts.batchSize ?? 1000),
    idPrefix,
  };
}
