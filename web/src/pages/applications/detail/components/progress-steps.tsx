/**
 * Where the application stands in the procedure (云医保〔2022〕6号 第九条至第十九条): 填报 → 受理 →
 * 评估 → 公示 → 协商谈判 → 签订协议 → 备案开通, with the current step marked and an ended
 * application's end shown as an error at the step where it ended. At 待签署, each party's
 * signature or who signs where (from the server's `signing`).
 */
import { Alert, Space, Steps, Typography } from 'antd';
import type { ApplicationDetail } from '../../../../api/pipeline-types';

const STEPS = ['填报申请', '受理', '评估', '公示', '协商谈判', '签订协议', '备案与开通'] as const;

/** state → [step index, status] */
const AT: Record<string, [number, 'process' | 'error' | 'finish']> = {
  draft: [0, 'process'], withdrawn: [0, 'error'],
  submitted: [1, 'process'], screening_refused: [1, 'process'], under_review: [1, 'process'], needs_supplement: [1, 'process'],
  supplemented: [1, 'process'], refused: [1, 'error'],
  accepted: [2, 'process'], batched: [2, 'process'], evaluating: [2, 'process'], evaluated_pass: [2, 'process'], evaluated_fail: [2, 'process'],
  rectifying: [2, 'process'], reevaluation_requested: [2, 'process'], banned: [2, 'error'],
  in_publicity: [3, 'process'], negotiation_cancelled: [3, 'error'],
  negotiating: [4, 'process'], not_signed: [4, 'error'],
  agreement_study: [5, 'process'], signing: [5, 'process'], abandoned: [5, 'error'],
  signed: [6, 'process'], filed: [6, 'process'], activated: [6, 'finish'],
};

export function ProgressSteps({ d }: { d: ApplicationDetail }) {
  const [current, status] = AT[d.state] ?? [0, 'process'];
  // a withdrawn application ended at the step it was withdrawn from
  const from = d.state === 'withdrawn' ? (d.data as { withdrawnFrom?: string }).withdrawnFrom : undefined;
  const [at] = from && AT[from] ? AT[from] : [current];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8} data-testid="progress-steps">
      <Steps
        size="small"
        current={at}
        status={status}
        responsive
        items={STEPS.map((title, i) => ({ title, ...(i === at ? { content: d.stateLabel } : {}) }))}
      />
      {d.signing && (
        <Alert
          type="info"
          showIcon
          title={`协议签订${d.signing.signBy ? `（须于 ${d.signing.signBy} 前签订，云医保〔2022〕6号 第十八条）` : ''}`}
          description={
            <Space orientation="vertical" size={0}>
              <Typography.Text>医药机构：{d.signing.institution.where}</Typography.Text>
              <Typography.Text>经办机构：{d.signing.agency.where}</Typography.Text>
            </Space>
          }
        />
      )}
    </Space>
  );
}
