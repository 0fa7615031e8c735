/**
 * 协议争议 (institution; 京医保发〔2021〕30号 第四十六条, 第三十九条): raise an objection to a decision on one of its
 * agreements (中止 / 解除 / 暂停人员科室结算, or the agency's own breach of the agreement) with its grounds, then
 * follow it — 协商, 提请行政部门协调, 行政复议/行政诉讼 — and add evidence.
 */
import { Form, Input, Select } from 'antd';
import { agreementLifeApi } from '../../../api/agreement-life-endpoints';
import { disputeApi, disputeSubjectOptions, type RaiseDisputeBody } from '../../../api/dispute-endpoints';
import { useRequest } from '../../../hooks/use-request';
import { SubmitAndList } from '../../../components/submit-and-list';
import { DisputeTable } from '../components/dispute-table';

export default function MyDisputesPage() {
  const [form] = Form.useForm<RaiseDisputeBody>();
  const agreements = useRequest(() => agreementLifeApi.mine(), []);
  return (
    <SubmitAndList
      formTitle="提出协议争议" form={form} submitLabel="提出争议" success="争议已提出，经办机构将与本机构协商"
      intro="对经办机构作出的中止、解除协议或暂停人员/科室医保结算决定有异议，或认为经办机构违反协议的，可提出争议。双方先行协商；协商不成的，可提请医疗保障行政部门协调，或依法申请行政复议、提起行政诉讼（京医保发〔2021〕30号 第四十六条、第三十九条）。"
      onSubmit={(v) => disputeApi.raise(v)}
      listTitle="本机构的争议" list={(refreshKey) => <DisputeTable refreshKey={refreshKey} showInstitution={false} />}
    >
      <Form.Item name="agreementId" label="协议" rules={[{ required: true, message: '请选择协议' }]}>
        <Select placeholder="选择本机构的医保服务协议" loading={agreements.loading}
          options={(agreements.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.number}（${a.termFrom} 至 ${a.termTo}）` }))} />
      </Form.Item>
      <Form.Item name="subject" label="争议事项" rules={[{ required: true, message: '请选择争议事项' }]}>
        <Select placeholder="对哪一项决定或行为有异议" options={disputeSubjectOptions.map((o) => ({ ...o }))} />
      </Form.Item>
      <Form.Item name="text" label="异议内容及理由" rules={[{ required: true, whitespace: true, message: '请填写异议内容及理由' }]}>
        <Input.TextArea rows={5} maxLength={4000} showCount placeholder="写明所针对的决定（文号、日期）、事实和理由；证据材料可在提出后上传" />
      </Form.Item>
    </SubmitAndList>
  );
}
