import path from 'node:path';

export interface RuntimeConfig { databaseUrl?: string; dataDir: string }

export function runtimeConfig(opts: { dataDir?: string }): RuntimeConfig {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  return { databaseUrl, dataDir: path.resolve(opts.dataDir ?? process.env.SHEQUN_DATA_DIR ?? './.shequn') };
}
