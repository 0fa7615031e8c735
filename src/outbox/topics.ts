import { PAYMENT_TOPICS } from '../domain/agreement/lifecycle';

/**
 * The topics a subscription may choose, with what the settlement side does on each (labels for the
 * administrator). Later producers (settlement.person_suspended …) add theirs here.
 */
export const TOPIC_LABEL: Readonly<Record<string, string>> = {
  'agreement.payment_opened': '协议生效：开通医保结算',
  'agreement.payment_paused': '协议中止：暂停医保结算',
  'agreement.payment_resumed': '恢复履行：恢复医保结算',
  'agreement.payment_shut': '协议解除／终止：关闭医保结算',
  'settlement.person_suspended': '相关人员暂停医保支付资格',
  'settlement.department_suspended': '科室暂停医保结算',
  'settlement.restriction_lifted': '人员／科室恢复医保结算',
  'settlement.restriction_ended': '人员／科室终止医保结算',
};
export const KNOWN_TOPICS: readonly string[] = [...new Set([...PAYMENT_TOPICS, ...Object.keys(TOPIC_LABEL)])];
