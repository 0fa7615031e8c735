/**
 * The agreement's head: number, institution, term, state since, 双通道, where it came from; then what
 * is open on it — the suspension and its last day, the pending request, the termination the system
 * proposes (建议解除), the grounds not to renew, how it was terminated or ended.
 */
import { Alert, Descriptions, Space } from 'antd';
import type { AgreementLife } from '../../../api/agreement-life-types';
import { useEnums } from '../../../meta/enums';
import { AgreementTags } from './life-state-tag';

const MODE: Record<string, string> = { requested: '依申请中止', imposed: '经办机构中止', cascade: '随其他统筹区同时中止' };
const END_CAUSE: Record<string, string> = {
  expiry: '协议期满未续签', suspension_max: '中止期满未申请恢复履行', closure: '停业、歇业或关闭', licence_revoked: '执业许可证被吊销、注销',
};

export function AgreementOverview({ d }: { d: AgreementLife }) {
  const enums = useEnums();
  const a = d.agreement;
  const life = d.life;
  const situationLabel = (code: string | null) =>
    code ? (d.situations.suspension.find((s) => s.code === code)?.label ?? d.situations.termination.find((s) => s.code === code)?.label ?? code) : null;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label="协议编号">{a.number}</Descriptions.Item>
        <Descriptions.Item label="医药机构">{a.institutionName}</Descriptions.Item>
        <Descriptions.Item label="状态"><AgreementTags a={a} /></Descriptions.Item>
        <Descriptions.Item label="协议期限">{a.termFrom} 至 {a.termTo}</Descriptions.Item>
        <Descriptions.Item label="当前状态起始">{a.lifeSince ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="机构类别">{enums.label('institutionKind', a.kind)}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{a.uscc}</Descriptions.Item>
        <Descriptions.Item label="医保编码">{a.ybCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="统筹地区">{a.regionName ?? a.regionCode}</Descriptions.Item>
        <Descriptions.Item label="协议来源">{a.source === 'import' ? '存量协议导入' : '定点申请签订'}</Descriptions.Item>
        <Descriptions.Item label="医保支付类别" span={2}>
          {a.paymentCategories?.length ? a.paymentCategories.map((c) => enums.label('paymentCategory', c)).join('、') : '—'}
        </Descriptions.Item>
      </Descriptions>
      {life?.suspension && (
        <Alert
          type="warning"
          showIcon
          title={`协议中止中（${MODE[life.suspension.mode] ?? life.suspension.mode}）：自 ${life.suspension.from} 起，最长至 ${life.suspension.maxUntil}`}
          description={
            <>
              {life.suspension.situation && <div>中止情形：{situationLabel(life.suspension.situation)}</div>}
              {life.suspension.rectification && <div>整改要求：{life.suspension.rectification}</div>}
              {life.suspension.documentsDueOn && <div>须于 {life.suspension.documentsDueOn} 前提供有关资料</div>}
              <div>
                {life.suspension.resumptionRequestedOn
                  ? `已于 ${life.suspension.resumptionRequestedOn} 申请恢复履行`
                  : d.rules.afterMaxSuspension.value === 'ends'
                    ? `中止超过 ${d.rules.suspensionMaxDays.value} 日仍未申请恢复履行的，协议终止（依据：${d.rules.afterMaxSuspension.citation}）`
                    : `中止超过 ${d.rules.suspensionMaxDays.value} 日的，为不予续签情形（依据：${d.rules.afterMaxSuspension.citation}）`}
              </div>
            </>
          }
        />
      )}
      {life?.request && (
        <Alert
          type="info"
          showIcon
          data-testid="pending-request"
          title={`${life.request.kind === 'suspend' ? '中止' : '解除'}协议申请：${life.request.receivedOn} 收到，申请 ${life.request.effectiveOn} 生效${life.request.days ? `，中止 ${life.request.days} 日` : ''}`}
          description={
            <>
              <div>申请理由：{life.request.reason}</div>
              <div>{life.request.approvedOn ? `经办机构已于 ${life.request.approvedOn} 同意，届时生效` : '待经办机构审核'}</div>
              {life.request.shortNotice && <div>未按规定提前足额告知（依据：{d.rules.requestEffect.citation}）</div>}
              {life.request.publicWarned && <div>公立医疗机构已确认「原则上不得主动提出」的提示（依据：{d.rules.publicRequest.citation}）</div>}
            </>
          }
        />
      )}
      {a.proposal && (
        <Alert
          type="error"
          showIcon
          data-testid="proposal"
          title={`建议解除协议：${a.proposal.label}`}
          // the lists (京医保发〔2021〕30号 第四十三条, 令第2号 第三十九条, the 2025 draft 三(三)) say 应(当)解除: not discretionary —
          // the agency verifies the facts and decides, the system does not terminate by itself
          description={`自 ${a.proposal.since}；依据：${a.proposal.citation}（有此情形的，经办机构应当解除医保协议）。请核实情形后作出解除决定。`}
        />
      )}
      {life?.noRenewalGrounds.map((g) => (
        <Alert key={g.code} type="warning" showIcon title={`不予续签情形：${g.code === 'suspension_over_180' ? '中止超过180日' : g.code}（自 ${g.since}）`} />
      ))}
      {life?.terminated && (
        <Alert type="error" showIcon title={`协议已于 ${life.terminated.on} 解除：${life.terminated.onRequest ? '医药机构申请解除' : (situationLabel(life.terminated.situation) ?? '')}`} />
      )}
      {life?.ended && <Alert type="error" showIcon title={`协议已于 ${life.ended.on} 终止：${END_CAUSE[life.ended.cause] ?? life.ended.cause}`} />}
    </Space>
  );
}
