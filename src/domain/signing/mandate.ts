/**
 * 授权委托书 as a rule (云医保〔2022〕6号 第十八条: 由双方法定代表人或法定代表人授权委托人签订).
 * A mandate counts only when its principal is the institution's registered 法定代表人 (by person,
 * never by a typed name), its agent is the person who holds the signing account, it is active
 * (granted online by the legal representative, or a paper one verified by the agency), not revoked
 * and inside its validity. Pure: the caller loads the facts.
 */
import type { RuleReason } from '../errors';


export type MandateStatus = 'pending' | 'active' | 'rejected' | 'revoked';

export interface MandateFacts {
  status: MandateStatus;
  source: 'online' | 'paper';
  userId: string;
  principalPersonId: string | null;
  principalName: string;
  agentPersonId: string | null;
  validFrom: string | null;
  validTo: string | null;
  rejectReason?: string | null;
}

export interface SignerFacts {
  userId: string;
  /** users.person_id of the signing account */
  personId: string | null;
  /** the institution's current registered 法定代表人 */
  legalReps: { personId: string; name: string }[];
  /** China date */
  today: string;
}



/**
 * Every reason the mandate does not let this account sign today; empty when it does. `citation`:
 * the signing article under the application's profile (the caller resolves it — 云医保〔2022〕6号
 * 第十八条 in Yunnan, never another region's).
 */
export function mandateRefusals(m: MandateFacts, s: SignerFacts, citation: string): RuleReason[] {
  const reason = (ruleId: string, message: string): RuleReason => ({ ruleId, citation, message });
  const out: RuleReason[] = [];
  const reps = s.legalReps.map((r) => r.name).join('、') || '未登记';
  if (!m.principalPersonId || !s.legalReps.some((r) => r.personId === m.principalPersonId)) {
    out.push(reason('mandate.principal', `授权委托书的委托人（${m.principalName}）不是本机构登记的法定代表人（${reps}）`));
  }
  if (!s.personId) {
    out.push(reason('mandate.agent-person', '您的账号未关联登记的本人身份（身份证号），不能作为授权委托人签署'));
  } else if (m.userId !== s.userId || m.agentPersonId !== s.personId) {
    out.push(reason('mandate.agent', '该授权委托书的受托人不是您本人'));
  }
  if (m.status === 'pending') out.push(reason('mandate.unverified', '纸质授权委托书尚未经经办机构核验，核验通过后方可签署'));
  if (m.status === 'rejected') out.push(reason('mandate.rejected', `授权委托书核验未通过${m.rejectReason ? `：${m.rejectReason}` : ''}`));
  if (m.status === 'revoked') out.push(reason('mandate.revoked', '授权委托已由法定代表人撤销'));
  if (m.validFrom && s.today < m.validFrom) out.push(reason('mandate.validity', `授权委托自${m.validFrom}起生效，今日尚未生效`));
  if (m.validTo && s.today > m.validTo) out.push(reason('mandate.validity', `授权委托已于${m.validTo}到期`));
  return out;
}

/** The statement an online grant stands for; its SHA-256 takes the place of a scan's. */
export function grantStatement(g: {
  agreementId: string; agreementNumber: string; principalPersonId: string; principalName: string;
  agentPersonId: string; agentName: string; validFrom: string; validTo: string; grantedAt: string;
}): string {
  return [
    'dingdian-mandate/v1',
    `委托人（法定代表人）: ${g.principalName} [${g.principalPersonId}]`,
    `受托人: ${g.agentName} [${g.agentPersonId}]`,
    `委托事项: 签订医疗保障服务协议 ${g.agreementNumber} [${g.agreementId}]`,
    `有效期: ${g.validFrom} 至 ${g.validTo}`,
    `授权时间: ${g.grantedAt}`,
  ].join('\n');
}
