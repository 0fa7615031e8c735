/** An application's state as a coloured tag (labels from the API answer, or the locale map for raw states). */
import { Tag } from 'antd';
import { pipelineStateColor, pipelineStateLabel } from '../../../locale/pipeline';

export function StateTag({ state, label }: { state: string; label?: string }) {
  return <Tag color={pipelineStateColor[state] ?? 'default'}>{label ?? pipelineStateLabel[state] ?? state}</Tag>;
}
