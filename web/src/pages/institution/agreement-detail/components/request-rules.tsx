/**
 * The rules that apply to the institution's own request, shown before it submits — all from the
 * agreement's region (`rules` of the life payload, each with its article): when a request takes effect
 * (on receipt in 云南, after months of notice elsewhere) and the earliest effective date, a public
 * institution's restriction, the longest suspension and what happens after it.
 */
import { Alert, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { AgreementRules } from '../../../../api/agreement-life-types';

/** The earliest day a request filed today (the procedure clock's day) may take effect. */
export function earliestEffective(rules: AgreementRules, today: string): string {
  const r = rules.requestEffect;
  if (r.mode === 'on_receipt' || !r.months) return today;
  return dayjs(today).add(r.months, 'month').format('YYYY-MM-DD');
}

export function RequestRules({ rules, today, kind }: { rules: AgreementRules; today: string; kind: 'suspend' | 'terminate' }) {
  const what = kind === 'suspend' ? '中止' : '解除';
  const r = rules.requestEffect;
  const earliest = earliestEffective(rules, today);
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }} data-testid="request-rules">
      {r.mode === 'on_receipt' ? (
        <Alert
          type="warning"
          showIcon
          title={`经办机构收到申请之日即${what}协议`}
          description={`提交后立即生效，无需等待审核，医保结算${kind === 'suspend' ? '随即暂停' : '随即停止'}。依据：${r.citation}`}
        />
      ) : (
        <Alert
          type="info"
          showIcon
          title={`应提前 ${r.months ?? 3} 个月向经办机构提出申请，经经办机构同意后于申请的日期生效`}
          description={
            <>
              {r.shortNotice === 'refuse'
                ? `生效日期早于提前期的申请不予受理。`
                : `生效日期不足提前期的，申请将标注为「未提前足额告知」，由经办机构审核。`}
              依据：{r.citation}
            </>
          }
        />
      )}
      <Typography.Text strong data-testid="earliest-effective">最早生效日期：{earliest ?? '…'}</Typography.Text>
      {rules.publicRequest.value === 'refuse' && (
        <Alert type="error" showIcon title={`公立医疗机构不得主动提出${what}医保协议`} description={`民营医药机构不受此限。依据：${rules.publicRequest.citation}`} />
      )}
      {rules.publicRequest.value === 'warn' && (
        <Alert
          type="warning"
          showIcon
          title={`公立医疗机构原则上不得主动提出中止或解除医保协议`}
          description={`确需申请的，请在下方勾选确认；经办机构审核时可见此确认。依据：${rules.publicRequest.citation}`}
        />
      )}
      {kind === 'suspend' && (
        <Alert
          type="info"
          showIcon
          title={`中止时间原则上不得超过 ${rules.suspensionMaxDays.value} 日（依据：${rules.suspensionMaxDays.citation}）`}
          description={
            rules.afterMaxSuspension.value === 'ends'
              ? `中止期满前须申请恢复履行；超过 ${rules.suspensionMaxDays.value} 日仍未申请的，协议终止。依据：${rules.afterMaxSuspension.citation}`
              : `中止超过 ${rules.suspensionMaxDays.value} 日的，为不予续签情形，协议至期满终止。依据：${rules.afterMaxSuspension.citation}`
          }
        />
      )}
      {kind === 'terminate' && (
        <Alert type="error" showIcon title="协议解除后医保结算停止，如需再次定点须重新申请" />
      )}
    </Space>
  );
}
