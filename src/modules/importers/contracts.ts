import { z } from 'zod';
import { checkTimeZone } from './local-time.js';
import type { ImportFormat } from './types.js';

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/** The query of POST /imports; the formats offered are those a parser is registered for. */
export function uploadQuerySchema(formats: readonly ImportFormat[]) {
  return z.object({
    fileName: z.string().trim().min(1).max(255),
    format: z.enum(['auto', ...formats] as [string, ...string[]]).default('auto'),
    community: z.string().trim().min(1).max(200).optional(),
    timeZone: z.string().trim().min(1).max(64).refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Shanghai)').optional(),
  });
}
export type UploadQuery = z.infer<ReturnType<typeof uploadQuerySchema>>;

function isTimeZone(zone: string): boolean {
  try {
    checkTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}

export const importProgressSchema = z.object({ bytesRead: z.number(), bytesTotal: z.number(), records: z.number(), stored: z.number() });

const problemSchema = z.object({ line: z.number(), file: z.string().optional(), text: z.string(), reason: z.string() });

/** The importer's ImportSummary (src/modules/importers/run-import.ts), as stored on the row. */
export const importSummarySchema = z.object({
  format: z.string(),
  detection: z.object({ auto: z.boolean(), confidence: z.number() }),
  chats: z.number(), records: z.number(), messages: z.number(), joins: z.number(), leaves: z.number(),
  stored: z.number(), duplicates: z.number(), unparsed: z.number(), rejected: z.number(),
  samples: z.array(problemSchema), bytes: z.number(), seconds: z.number(),
});

export const importSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  sizeBytes: z.number(),
  /** As asked for: 'auto' or a format. The format used is summary.format. */
  format: z.string(),
  community: z.string().nullable(),
  timeZone: z.string(),
  status: z.enum(IMPORT_STATUSES),
  progress: importProgressSchema.nullable(),
  summary: importSummarySchema.nullable(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type ImportRow = z.infer<typeof importSchema>;

export const listImportsQuery = z.object({ status: z.enum(IMPORT_STATUSES).optional() });
