/** An application's state as a coloured tag (labels from the API answer, or the enums for raw states). */
import { Tag } from 'antd';
import { useEnums } from '../../../meta/enums';
import { PIPELINE_ENUM, pipelineStateColor } from '../../../locale/pipeline';

export function StateTag({ state, label }: { state: string; label?: string }) {
  const enums = useEnums();
  return <Tag color={pipelineStateColor[state] ?? 'default'}>{label ?? enums.label(PIPELINE_ENUM.state, state)}</Tag>;
}
