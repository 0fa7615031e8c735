/** An agreement's life state as a coloured tag, and its 双通道 / proposal / request markers. */
import { Space, Tag, Tooltip } from 'antd';
import type { AgreementItem, LifeState } from '../../../api/agreement-life-types';

export const lifeStateColor: Record<LifeState, string> = {
  pending: 'default',
  in_force: 'success',
  suspended: 'warning',
  terminated: 'error',
  ended: 'default',
};

/** Labels of the states, for filters (the rows carry the server's own label). */
export const lifeStateOptions: { value: LifeState; label: string }[] = [
  { value: 'pending', label: '待生效' },
  { value: 'in_force', label: '生效' },
  { value: 'suspended', label: '中止' },
  { value: 'terminated', label: '解除' },
  { value: 'ended', label: '终止' },
];

export function LifeStateTag({ state, label }: { state: LifeState | null; label: string }) {
  return <Tag color={state ? lifeStateColor[state] : 'default'} data-testid="life-state">{label || '—'}</Tag>;
}

/** The state, then 双通道, 建议解除 (with its situation and article) and a pending request, as tags. */
export function AgreementTags({ a }: { a: AgreementItem }) {
  return (
    <Space size={4} wrap>
      <LifeStateTag state={a.lifeState} label={a.lifeStateLabel} />
      {a.dualChannel && <Tag color="cyan">双通道</Tag>}
      {a.proposal && (
        <Tooltip title={`${a.proposal.label}（自 ${a.proposal.since}；依据：${a.proposal.citation}）`}>
          <Tag color="red">建议解除</Tag>
        </Tooltip>
      )}
      {a.pendingRequest && (
        <Tooltip title={`${a.pendingRequest.receivedOn} 收到，申请 ${a.pendingRequest.effectiveOn} 生效`}>
          <Tag color="orange">{a.pendingRequest.kind === 'suspend' ? '申请中止' : '申请解除'}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
