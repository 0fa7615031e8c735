/**
 * 变更申请 (institution): choose what changes (old value prefilled from the registry), give the new
 * value, the authority's approval document and date, see the rules before submitting (major or
 * general here, the 30 工作日 due date computed on the working-day calendar), save as a draft,
 * attach the approval document, submit. Below: the institution's own requests.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Space, Table, Tag, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { changeRequestApi, type ChangeField, type ChangeRequest } from '../../../api/change-request-endpoints';
import { describeError } from '../../../api/error-display';
import { useRequest } from '../../../hooks/use-request';
import { ChangeTable } from '../components/change-table';
import { ChangeDetail } from '../components/change-detail';

const PERSON: readonly string[] = ['legal_rep', 'principal', 'controller'];

export default function MyChangeRequestsPage() {
  const { message } = App.useApp();
  const [approvalDate, setApprovalDate] = useState<string | undefined>();
  const [docNo, setDocNo] = useState('');
  const [chosen, setChosen] = useState<Record<string, { to: string; name?: string; idNumber?: string }>>({});
  const [draft, setDraft] = useState<ChangeRequest | null>(null);
  const [refresh, setRefresh] = useState(0);
  const rules = useRequest(() => changeRequestApi.rules(approvalDate), [approvalDate]);
  const r = rules.data;
  const fields = Object.keys(chosen) as ChangeField[];
  const major = r ? fields.some((f) => r.fields.find((x) => x.field === f)?.major) : false;

  const save = async () => {
    try {
      const created = await changeRequestApi.create({
        changes: fields.map((f) => (PERSON.includes(f)
          ? { field: f, to: chosen[f]!.name ?? '', person: { name: chosen[f]!.name ?? '', idNumber: chosen[f]!.idNumber ?? '' } }
          : { field: f, to: chosen[f]!.to })),
        approvalDocNo: docNo || null, approvalDate: approvalDate ?? null,
      });
      setDraft(created);
      message.success('已保存草稿，请上传批准文件后提交');
    } catch (e) {
      message.error(describeError(e));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="变更申请">
        {r && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={
            <>
              重大信息变更应自有关部门批准之日起{r.filingWorkdays}个工作日内提出（{r.filingCitation}）
              {r.filingDue && <>，本次截止日：<b>{r.filingDue}</b>{r.lateIfSubmittedToday && <Tag color="orange" style={{ marginLeft: 8 }}>今天提交将记为逾期申请</Tag>}</>}
              {r.handlingWorkdays !== null && <>；经办机构{r.handlingWorkdays}个工作日内办理（{r.handlingCitation}）</>}
              {r.forwardToCity && <>；由区经办机构报市经办机构办理</>}
              。其他一般信息变更书面告知即可。
            </>
          } />
        )}
        <Form layout="vertical">
          <Table
            rowKey="field" size="small" pagination={false} dataSource={r?.fields ?? []} loading={rules.loading}
            columns={[
              {
                title: '变更', dataIndex: 'field', width: 70,
                render: (f: string, row) => <Checkbox checked={!!chosen[f]} onChange={(e) => setChosen((c) => {
                  const n = { ...c };
                  if (e.target.checked) n[f] = { to: row.current ?? '' }; else delete n[f];
                  return n;
                })} />,
              },
              { title: '事项', dataIndex: 'label', render: (v: string, row) => <Space>{v}{row.major && <Tag color="red">重大</Tag>}</Space> },
              { title: '现登记内容', dataIndex: 'currentLabel' },
              {
                title: '变更后', dataIndex: 'field',
                render: (f: string) => !chosen[f] ? '—' : PERSON.includes(f) ? (
                  <Space>
                    <Input placeholder="姓名" value={chosen[f].name} onChange={(e) => setChosen((c) => ({ ...c, [f]: { ...c[f]!, name: e.target.value } }))} />
                    <Input placeholder="身份证号" value={chosen[f].idNumber} onChange={(e) => setChosen((c) => ({ ...c, [f]: { ...c[f]!, idNumber: e.target.value } }))} />
                  </Space>
                ) : <Input value={chosen[f].to} onChange={(e) => setChosen((c) => ({ ...c, [f]: { to: e.target.value } }))} />,
              },
            ]}
          />
          <Space style={{ marginTop: 16 }} wrap>
            <Form.Item label="有关部门批准文件文号" required={major}><Input value={docNo} onChange={(e) => setDocNo(e.target.value)} style={{ width: 240 }} /></Form.Item>
            <Form.Item label="批准日期" required={major}>
              <DatePicker onChange={(d: Dayjs | null) => setApprovalDate(d ? d.format('YYYY-MM-DD') : undefined)} />
            </Form.Item>
          </Space>
          <div>
            <Tag color={major ? 'red' : 'blue'}>{fields.length === 0 ? '请选择变更事项' : major ? '重大信息变更' : '一般信息变更'}</Tag>
            <Button type="primary" disabled={fields.length === 0} onClick={() => void save()}>保存草稿</Button>
          </div>
        </Form>
      </Card>
      {draft && (
        <Card title="草稿：上传材料并提交">
          <Upload
            showUploadList={false}
            beforeUpload={async (file) => {
              try {
                await changeRequestApi.upload(draft.id, file);
                setDraft(await changeRequestApi.get(draft.id));
              } catch (e) {
                message.error(describeError(e));
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>上传批准文件（PDF/JPEG/PNG，10MB以内）</Button>
          </Upload>
          <div style={{ marginTop: 16 }}>
            <ChangeDetail request={draft} onChanged={(d) => { setDraft(d.state === 'draft' ? d : null); setRefresh((x) => x + 1); }} />
          </div>
        </Card>
      )}
      <Card title="本机构的变更申请">
        <ChangeTable refreshKey={refresh} />
      </Card>
    </Space>
  );
}
