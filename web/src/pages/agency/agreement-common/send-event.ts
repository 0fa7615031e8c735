/**
 * Sends one step of the agreement's life with the version the user saw, and says how it went:
 * success names the new state and the notices issued; a stale version (409) is 「已被他人处理，请刷新」
 * and the page reloads; a rule refusal (422) lists every reason with its article (the one reasons
 * display); anything else as the client would show it.
 */
import { createElement } from 'react';
import { App } from 'antd';
import { ApiError } from '../../../api/client';
import { ReasonList, describeError } from '../../../api/error-display';
import { agreementLifeApi } from '../../../api/agreement-life-endpoints';
import type { AgreementEventPayloads, AgreementEventResult, AgreementLife } from '../../../api/agreement-life-types';
import { lifeStateOptions } from './life-state-tag';

export type SendEvent = <E extends keyof AgreementEventPayloads>(event: E, label: string, payload: AgreementEventPayloads[E]) => Promise<AgreementEventResult | null>;

export function useSendEvent(d: AgreementLife | undefined, reload: () => void): SendEvent {
  const { message, notification } = App.useApp();
  return async (event, label, payload) => {
    if (!d) return null;
    try {
      const r = await agreementLifeApi.event(d.agreement.id, event, d.version, payload);
      const state = lifeStateOptions.find((o) => o.value === r.lifeState)?.label ?? r.lifeState;
      const docs = r.documents.map((x) => `${x.title}（${x.number}）`).join('、');
      const cascaded = r.cascaded?.length ? `；其他统筹区协议同时办理 ${r.cascaded.map((c) => c.number).join('、')}` : '';
      message.success(`已办理：${label}。协议状态：${state}${docs ? `；已出具 ${docs}` : ''}${cascaded}`);
      reload();
      return r;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning({ content: '已被他人处理，请刷新', key: 'agreement-stale' });
        reload();
      } else if (e instanceof ApiError && e.reasons.length > 0) {
        notification.error({ title: e.message, description: createElement(ReasonList, { err: e }), duration: 0 });
      } else if (e instanceof ApiError && e.status === 403) {
        message.error(`无权操作：${e.message}`);
      } else {
        message.error(describeError(e));
      }
      return null;
    }
  };
}
