/**
 * Which evaluation standard the application is held against (自治区医保局〔2025〕征求意见稿 一(一); decision 0043):
 * the standard its 市 (统筹地区) or county (县（区）实施细则) published, in force on the day the application was
 * created, with its layer, 文号 and 生效日期; where none was published, the province profile's scoring sheets.
 */
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ApplicationDetail } from '../../../../api/pipeline-types';

const LAYER: Record<string, { color: string; name: string }> = {
  local: { color: 'blue', name: '统筹地区' },
  county: { color: 'purple', name: '县（区）实施细则' },
};

export function EvaluationStandard({ d }: { d: ApplicationDetail }) {
  const s = d.evaluationStandard;
  if (!s) {
    return (
      <Space wrap data-testid="evaluation-standard">
        <Tag color="default">省级政策</Tag>
        <span>{d.workflowProfile} 的评分表</span>
        <Typography.Text type="secondary">（本地区未发布本地评估标准）</Typography.Text>
      </Space>
    );
  }
  const layer = LAYER[s.layer] ?? { color: 'default', name: s.layer };
  const items = s.items.map((i) => `${i.label}${i.weight !== null ? `（${i.weight}）` : ''}`).join('；');
  return (
    <Space wrap data-testid="evaluation-standard">
      <Tag color={layer.color}>{layer.name}</Tag>
      <Tooltip title={<>评估项目：{items || '—'}<br />评估流程：{s.process}</>}>
        <span>{s.title}</span>
      </Tooltip>
      <span>{s.docNo}</span>
      <Typography.Text type="secondary">自 {s.effectiveFrom} 起施行；依据 {s.citation}</Typography.Text>
    </Space>
  );
}
