/** A fixed-interval schedule: due once per slot of `everySeconds`, slots aligned to the Unix epoch. */
export interface IntervalSchedule { everySeconds: number }

/** The start of the slot `now` falls in; used as the run's identity so two schedulers never double-run. */
export function slotStart(schedule: IntervalSchedule, now: Date): Date {
  const ms = schedule.everySeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** Pure: is a run owed, given when it last ran? A missed slot runs once, not once per missed slot. */
export function isDue(schedule: IntervalSchedule, lastRunAt: Date | null, now: Date): boolean {
  if (schedule.everySeconds <= 0) throw new Error('everySeconds must be positive');
  if (!lastRunAt) return true;
  return slotStart(schedule, now).getTime() > lastRunAt.getTime();
}
