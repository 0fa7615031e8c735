/**
 * Forms of the steps after the evaluation: the result notice and re-evaluation, publicity and
 * complaints, negotiation, agreement study and signing, filing, activation, withdrawal.
 */
import { Alert, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { negotiationFormLabel, signerCapacityLabel } from '../../../../locale/pipeline';
import { isoDay, lines, type EventForm, type EventFormContext } from './event-form-types';

const req = (message: string) => [{ required: true, message }];
const text = (message: string) => [{ required: true, whitespace: true, message }];
const opts = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
const trimmed = (v: unknown) => String(v ?? '').trim();

const signForm = (who: 'institution' | 'agency'): EventForm => ({
  hint: (ctx) => (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title="在线签署协议文本"
      description={`协议文本摘要（SM3）：${ctx.d.data.agreement?.textHash ?? '—'}；签署期限：${ctx.d.data.agreement?.signBy ?? '未规定'}`}
    />
  ),
  initial: (ctx) => ({ signer: ctx.user.displayName, capacity: 'legal_rep' }),
  fields: (ctx) => (
    <>
      <Form.Item name="capacity" label="签署身份" rules={req('请选择签署身份')}>
        <Radio.Group options={who === 'institution' ? opts(signerCapacityLabel) : [{ value: 'legal_rep', label: '经办机构负责人' }]} />
      </Form.Item>
      <Form.Item name="signer" label="签署人姓名" rules={text('请填写签署人')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.capacity !== b.capacity}>
        {({ getFieldValue }) =>
          getFieldValue('capacity') === 'authorised_agent' ? (
            <Form.Item
              name="authorisationFileId"
              label="授权委托书（先在“申请材料”中上传）"
              rules={req('委托代理人签署须附授权委托书')}
            >
              <Select options={ctx.d.materials.map((m) => ({ value: m.id, label: m.fileName }))} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </>
  ),
  payload: (v, ctx) => ({
    signer: trimmed(v.signer),
    capacity: v.capacity,
    ...(v.capacity === 'authorised_agent' ? { authorisationFileId: v.authorisationFileId } : {}),
    online: true,
    textHash: ctx.d.data.agreement?.textHash ?? '',
  }),
});

const openComplaints = (ctx: EventFormContext) => (ctx.d.data.publicity?.complaints ?? []).filter((c) => !c.outcome);

export const LATER_FORMS: Record<string, EventForm> = {
  serve_result_notice: {
    initial: () => ({ servedOn: dayjs() }),
    fields: () => (
      <Form.Item name="servedOn" label="评估结果告知书送达日期" rules={req('请选择送达日期')}>
        <DatePicker />
      </Form.Item>
    ),
    payload: (v) => ({ servedOn: isoDay(v.servedOn) }),
  },
  request_reevaluation: { hint: '整改期满后申请再次评估。' },
  publish_publicity: {
    hint: '评估合格的，在公开网站公示拟签订协议的医药机构名单，接受社会举报投诉。',
    fields: () => (
      <Form.Item name="complaintPhone" label="举报投诉电话（写入公示）">
        <Input maxLength={50} />
      </Form.Item>
    ),
    payload: (v) => (trimmed(v.complaintPhone) ? { complaintPhone: trimmed(v.complaintPhone) } : {}),
  },
  file_complaint: {
    fields: () => (
      <>
        <Form.Item name="summary" label="举报内容" rules={text('请填写举报内容')}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="contact" label="举报人联系方式" rules={text('请填写联系方式')}>
          <Input maxLength={200} />
        </Form.Item>
      </>
    ),
    payload: (v) => ({ summary: trimmed(v.summary), contact: trimmed(v.contact) }),
  },
  resolve_complaint: {
    hint: '举报属实的，取消该机构协商谈判资格。',
    initial: (ctx) => ({ complaintId: openComplaints(ctx)[0]?.id, foundTrue: false }),
    fields: (ctx) => (
      <>
        <Form.Item name="complaintId" label="举报投诉" rules={req('请选择举报')}>
          <Select options={openComplaints(ctx).map((c) => ({ value: c.id, label: `${c.receivedOn} ${c.summary.slice(0, 40)}` }))} />
        </Form.Item>
        <Form.Item name="foundTrue" label="调查结论" rules={req('请选择')}>
          <Radio.Group options={[{ value: false, label: '不属实' }, { value: true, label: '属实（取消协商谈判资格）' }]} />
        </Form.Item>
        <Form.Item name="finding" label="调查核实结果" rules={text('请填写调查核实结果')}>
          <Input.TextArea rows={4} maxLength={5000} showCount />
        </Form.Item>
      </>
    ),
    payload: (v) => ({ complaintId: v.complaintId, foundTrue: !!v.foundTrue, finding: trimmed(v.finding) }),
  },
  end_publicity: { hint: '公示期满且举报均已办结，转入协商谈判。' },
  record_negotiation: {
    hint: '协商谈判记录在案：参加人员及对服务内容、支付方式、结算标准等提出的意见（自治区医保局〔2025〕征求意见稿 一(二)）。',
    // 云医保〔2022〕6号 第十六条: a meeting is dated on or after the day negotiation opened (and not after today, checked by the server's clock)
    initial: (ctx) => {
      const opensOn = (ctx.d.data as { negotiation?: { opensOn?: string } }).negotiation?.opensOn;
      return { on: opensOn && dayjs(opensOn).isAfter(dayjs(), 'day') ? dayjs(opensOn) : dayjs(), form: 'meeting' };
    },
    fields: () => (
      <>
        <Space size="large" wrap>
          <Form.Item name="on" label="协商日期" rules={req('请选择日期')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="form" label="协商形式" rules={req('请选择形式')}>
            <Radio.Group options={opts(negotiationFormLabel)} />
          </Form.Item>
        </Space>
        <Form.Item name="participants" label="参加人员" rules={[{ required: true, type: 'array', min: 1, message: '须填写参加人员' }]}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="servicePopulation" label="服务人群">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="serviceScope" label="服务内容">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="priceStandard" label="价格标准">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="paymentMethod" label="支付方式">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="settlementStandard" label="结算标准">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="other" label="其他">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    ),
    payload: (v) => {
      const points = Object.fromEntries(
        (['servicePopulation', 'serviceScope', 'priceStandard', 'paymentMethod', 'settlementStandard', 'other'] as const).filter((k) => trimmed(v[k])).map((k) => [k, trimmed(v[k])]),
      );
      return { meeting: { on: isoDay(v.on), form: v.form, participants: lines(v.participants), points } };
    },
  },
  negotiation_agreed: { hint: '双方协商一致，组织协议学习后签订协议。' },
  negotiation_failed: {
    danger: true,
    hint: '协商谈判未达成一致的，不予签订协议。',
    fields: () => (
      <Form.Item name="reason" label="未达成一致的原因" rules={text('请填写原因')}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    ),
    payload: (v) => ({ reason: trimmed(v.reason) }),
  },
  complete_study: {
    hint: '组织医药机构学习协议文本；协议文本固定后进入签订。',
    fields: () => (
      <>
        <Form.Item name="attendees" label="参加人员" rules={[{ required: true, type: 'array', min: 1, message: '须填写参加人员' }]}>
          <Select mode="tags" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="templateId" label="协议范本" rules={text('请填写协议范本')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="templateVersion" label="范本版本" rules={text('请填写范本版本')}>
            <Input maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item name="textHash" label="协议文本摘要" rules={text('请填写协议文本摘要')}>
          <Input maxLength={200} />
        </Form.Item>
      </>
    ),
    payload: (v) => ({ attendees: lines(v.attendees), templateId: trimmed(v.templateId), templateVersion: trimmed(v.templateVersion), textHash: trimmed(v.textHash) }),
  },
  institution_sign: signForm('institution'),
  agency_sign: signForm('agency'),
  file_signing: { hint: '协议签订后报医疗保障行政部门备案。' },
  activate_payment: { hint: '确认已开通医保支付结算系统。' },
  withdraw: {
    danger: true,
    hint: '定点申请自愿提出，撤回后本申请终止。',
    fields: () => (
      <Form.Item name="reason" label="撤回理由" rules={text('请填写撤回理由')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    ),
    payload: (v) => ({ reason: trimmed(v.reason) }),
  },
};
