import fs from 'node:fs';
import type { Database } from '../../src/db/client.js';

/**
 * CPU seconds spent by this process plus, for a PostgreSQL server on this machine, by the server
 * processes serving the benchmark's database. On a shared box wall time stretches with other people's
 * load while CPU time per event mostly does not, so the two together tell a slow path from a busy box.
 */
export interface CpuMeter {
  /** Seconds used since the meter started; server part null when it could not be read. */
  stop(): Promise<{ process: number; server: number | null }>;
}

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux build Node supports

export async function startCpuMeter(database: Database, serverIsLocal: boolean): Promise<CpuMeter> {
  const readServer = database.kind === 'postgres' && serverIsLocal && fs.existsSync('/proc/self/stat') ? () => backendTicks(database) : null;
  const before = readServer ? await readServer() : null;
  const start = process.cpuUsage();
  return {
    async stop() {
      const used = process.cpuUsage(start);
      const processSeconds = (used.user + used.system) / 1e6;
      if (!readServer || !before) return { process: processSeconds, server: null };
      const after = await readServer();
      if (!after) return { process: processSeconds, server: null };
      let ticks = 0;
      // A connection opened during the pass started from zero; one closed during it is lost (rare: the
      // pool keeps busy connections open), which can only make the server figure smaller.
      for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
      return { process: processSeconds, server: ticks / TICKS_PER_SECOND };
    },
  };
}

/** utime+stime of every backend connected to this database, by pid; null when /proc cannot tell. */
async function backendTicks(database: Database): Promise<Map<number, number> | null> {
  const rows = await database.withSession((run) => run('SELECT pid FROM pg_stat_activity WHERE datname = current_database()', []));
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the ")" that ends the command name: state is field 3, utime 14 and stime 15.
      const stat = fs.readFileSync(`/proc/${Number(pid)}/stat`, 'utf8');
      if (!stat.includes('(postgres')) return null; // same pid, other process: the server is not in our process table
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(pid), Number(fields[11]) + Number(fields[12]));
    } catch {
      return null; // not our machine's process table (a server elsewhere, or in a container)
    }
  }
  return ticks;
}
