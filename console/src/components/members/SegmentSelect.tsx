import { Select } from 'antd';
import { api, LIFECYCLE_STAGES, SEGMENT_LEVELS, SEGMENT_ROLES } from '../../api.js';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';

/** Lifecycle stage, role or engagement level, with how many members each holds now. */
export function SegmentSelect({ value, communityId, onChange }: {
  value?: string; communityId?: string; onChange: (segment: string | undefined) => void;
}) {
  const { t, te } = useI18n();
  // One trend week: only the counts are wanted here, and each extra week is more work on the server.
  const { data } = useRequest(() => api.segments({ communityId, weeks: 1 }), [communityId]);
  const count = new Map(data?.segments.map((s) => [s.segment, s.members]));
  const option = (segment: string, label: string) => {
    const n = count.get(segment);
    return { value: segment, label: n === undefined ? label : `${label} (${n})` };
  };
  return (
    <Select
      allowClear
      value={value}
      onChange={(v?: string) => onChange(v)}
      placeholder={t('members.segmentPlaceholder')}
      style={{ width: 240 }}
      data-testid="segment-select"
      options={[
        { label: t('members.segmentGroup.lifecycle'), options: LIFECYCLE_STAGES.map((s) => option(`lifecycle:${s}`, te('lifecycle', s))) },
        { label: t('members.segmentGroup.role'), options: SEGMENT_ROLES.map((r) => option(`role:${r}`, te('segmentRole', r))) },
        { label: t('members.segmentGroup.level'), options: SEGMENT_LEVELS.map((l) => option(`level:${l}`, `L${l} ${te('level', String(l))}`)) },
      ]}
    />
  );
}
