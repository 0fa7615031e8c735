/**
 * The agency's decisions on an agreement, one drawer each: the situations the region's texts provide
 * are the choices, each with its article (`situations` of the life payload — a Yunnan officer never
 * sees a Beijing article); facts, rectification requirements and days where the decision needs them.
 */
import { Alert, Checkbox, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import type { AgreementEventType, AgreementLife } from '../../../../api/agreement-life-types';
import { required, text, type LifeEventForm } from '../../agreement-common/event-drawer';

const vertical = { display: 'flex', flexDirection: 'column' as const, gap: 8 };

function situationChoice(label: string, citation: string, note?: string) {
  return (
    <span>
      {label}
      <Typography.Text type="secondary">（依据：{citation}）</Typography.Text>
      {note && <Typography.Text type="warning"> {note}</Typography.Text>}
    </span>
  );
}

const factsField = (label = '事实与理由') => (
  <Form.Item name="facts" label={label} rules={required(`请填写${label}`)}>
    <Input.TextArea rows={4} maxLength={5000} showCount />
  </Form.Item>
);

function requestSummary(d: AgreementLife) {
  const r = d.life?.request;
  if (!r) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={`${r.kind === 'suspend' ? '中止' : '解除'}协议申请：${r.receivedOn} 收到，申请 ${r.effectiveOn} 生效${r.days ? `，中止 ${r.days} 日` : ''}`}
      description={
        <>
          <div>申请理由：{r.reason}</div>
          {r.shortNotice && <div>未按规定提前足额告知（依据：{d.rules.requestEffect.citation}）</div>}
          {r.publicWarned && <div>公立医疗机构已确认「原则上不得主动提出」的提示（依据：{d.rules.publicRequest.citation}）</div>}
        </>
      }
    />
  );
}

export function decisionForm(event: AgreementEventType, d: AgreementLife): LifeEventForm {
  const max = d.rules.suspensionMaxDays.value;
  switch (event) {
    case 'activate':
      return { hint: <p>开通医保支付，协议自此生效（协议期限 {d.agreement.termFrom} 至 {d.agreement.termTo}）。</p>, payload: () => ({}) };
    case 'approve_request':
      return {
        hint: requestSummary(d),
        fields: (
          <Form.Item name="note" label="审核意见（可选）">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ),
        payload: (v) => (text(v.note) ? { note: text(v.note) } : {}),
      };
    case 'reject_request':
      return {
        hint: requestSummary(d),
        fields: (
          <Form.Item name="reason" label="不同意的理由" rules={required('请填写理由')}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        ),
        payload: (v) => ({ reason: text(v.reason) }),
        danger: true,
      };
    case 'request_takes_effect':
      return { hint: requestSummary(d), payload: () => ({}) };
    case 'impose_suspension':
      return {
        hint: (
          <Alert
            type="warning" showIcon style={{ marginBottom: 12 }}
            title={`中止时间原则上不得超过 ${max} 日（依据：${d.rules.suspensionMaxDays.citation}）；医保结算自今日暂停，出具中止协议通知书`}
            description={d.life && d.life.suspensionsInTerm > 0 ? `本协议有效期内已中止 ${d.life.suspensionsInTerm} 次；再次中止即属「协议有效期内累计2次及以上被中止」，应当解除医保协议，系统将提出解除建议。` : undefined}
          />
        ),
        initial: { days: max },
        fields: (
          <>
            <Form.Item name="situation" label="中止情形" rules={[{ required: true, message: '请选择中止情形' }]}>
              <Radio.Group style={vertical}>
                {d.situations.suspension.map((s) => (
                  <Radio key={s.code} value={s.code}>
                    {situationChoice(s.label, s.citation, s.documentsWithinDays ? `须在 ${s.documentsWithinDays} 日内提供资料` : undefined)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            {factsField('查明的事实')}
            <Form.Item name="rectification" label="整改要求" rules={required('请填写整改要求')}>
              <Input.TextArea rows={3} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item name="days" label="中止天数" extra={`1 至 ${max} 日`}>
              <InputNumber min={1} max={max} precision={0} suffix="日" style={{ width: 200 }} />
            </Form.Item>
          </>
        ),
        payload: (v) => ({ situation: String(v.situation), facts: text(v.facts), rectification: text(v.rectification), ...(v.days ? { days: Number(v.days) } : {}) }),
        danger: true,
      };
    case 'resume': {
      const imposed = d.life?.suspension && d.life.suspension.mode !== 'requested';
      return {
        hint: d.life?.suspension ? (
          <p>
            协议自 {d.life.suspension.from} 起中止{d.life.suspension.rectification ? `；整改要求：${d.life.suspension.rectification}` : ''}
            {d.life.suspension.resumptionRequestedOn ? `；医药机构已于 ${d.life.suspension.resumptionRequestedOn} 申请恢复履行` : ''}。
          </p>
        ) : null,
        fields: (
          <>
            <Form.Item
              name="rectificationVerified"
              valuePropName="checked"
              rules={imposed ? [{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error('经办机构主动中止的，须核实整改到位后方可恢复履行'))) }] : []}
            >
              <Checkbox>已核实整改到位</Checkbox>
            </Form.Item>
            <Form.Item name="note" label="核实情况" rules={required('请填写核实情况')}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </>
        ),
        payload: (v) => ({ rectificationVerified: !!v.rectificationVerified, note: text(v.note) }),
      };
    }
    case 'terminate':
      return {
        hint: (
          <Alert
            type="error" showIcon style={{ marginBottom: 12 }}
            title="解除协议后医保结算停止，出具解除协议通知书；机构列入解除协议名单，依规定期限内不得再次申请"
            description={d.agreement.proposal ? `系统建议：${d.agreement.proposal.label}（依据：${d.agreement.proposal.citation}）` : undefined}
          />
        ),
        initial: d.agreement.proposal ? { situation: d.agreement.proposal.situation } : {},
        fields: (
          <>
            <Form.Item name="situation" label="解除情形" rules={[{ required: true, message: '请选择解除情形' }]}>
              <Radio.Group style={vertical}>
                {d.situations.termination.map((s) => (
                  <Radio key={s.code} value={s.code} disabled={!!s.dualChannelOnly && !d.agreement.dualChannel}>
                    {situationChoice(s.label, s.citation, s.dualChannelOnly ? '仅适用于"双通道"协议' : undefined)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            {factsField('查明的事实')}
          </>
        ),
        payload: (v) => ({ situation: String(v.situation), facts: text(v.facts) }),
        danger: true,
      };
    case 'close':
      return {
        hint: <p>医药机构停业、歇业、关闭，或执业许可证被吊销、注销的，协议终止，医保结算停止。</p>,
        fields: (
          <>
            <Form.Item name="cause" label="终止原因" rules={[{ required: true, message: '请选择终止原因' }]}>
              <Radio.Group>
                <Space orientation="vertical">
                  <Radio value="closure">停业、歇业或关闭</Radio>
                  <Radio value="licence_revoked">执业许可证被吊销、注销</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            {factsField('查明的事实')}
          </>
        ),
        payload: (v) => ({ cause: v.cause as 'closure' | 'licence_revoked', facts: text(v.facts) }),
        danger: true,
      };
    case 'record_unreported_change':
      return {
        hint: <p>记录发现的重大信息变更未按规定申报；系统据此提出解除协议建议（有此情形的，经办机构应当解除医保协议），经办机构核实后作出解除决定。</p>,
        fields: factsField('发现的未申报变更'),
        payload: (v) => ({ facts: text(v.facts) }),
      };
    case 'reverse_decision':
      return {
        hint: <p>中止或解除决定经协商、行政复议或行政诉讼被撤销的，协议恢复生效，医保结算恢复。</p>,
        fields: (
          <>
            <Form.Item name="outcome" label="争议处理结果" rules={[{ required: true, message: '请选择争议处理结果' }]}>
              <Radio.Group>
                <Space orientation="vertical">
                  <Radio value="协商解决，撤销原决定">协商解决，撤销原决定</Radio>
                  <Radio value="行政复议决定撤销">行政复议决定撤销</Radio>
                  <Radio value="人民法院判决撤销">人民法院判决撤销</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="reference" label="文书编号（复议决定书、判决书等）" rules={required('请填写文书编号')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ),
        payload: (v) => ({ outcome: String(v.outcome), reference: text(v.reference) }),
      };
    default:
      return { payload: () => ({}) };
  }
}

/** The agency's events, in the order their buttons appear. */
export const AGENCY_EVENTS: AgreementEventType[] = [
  'activate', 'approve_request', 'reject_request', 'request_takes_effect', 'resume', 'impose_suspension',
  'record_unreported_change', 'terminate', 'close', 'reverse_decision',
];
export const DANGER_EVENTS: AgreementEventType[] = ['reject_request', 'impose_suspension', 'terminate', 'close'];
