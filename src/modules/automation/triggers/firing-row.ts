/** A firing as the run tick reads it. */
export interface FiringRow {
  id: string;
  ruleId: string;
  memberId: string | null;
  communityId: string | null;
  occurrence: string;
  occurredAt: Date;
  seq: number;
  scheduledAt: Date;
  context: Record<string, unknown>;
}
