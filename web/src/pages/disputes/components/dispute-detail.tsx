/**
 * One dispute (京医保发〔2021〕30号 第四十六条, 第三十九条): what was objected to, its steps as a timeline, the
 * evidence both sides uploaded, and the steps this user may take now — the server's allowedEvents, each
 * asking for what its step needs (办理情况; 复议/诉讼 and 案号; 处理结果). An overturned 中止 / 解除 may
 * be reversed by the agency through the agreement's own event.
 */
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { disputeApi, disputeStageLabel, disputeStateColor, type Dispute, type DisputeEventBody, type DisputeFile } from '../../../api/dispute-endpoints';
import { agreementLifeApi } from '../../../api/agreement-life-endpoints';
import { describeError } from '../../../api/error-display';
import { saveDownload } from '../../../api/download';
import { useRequest } from '../../../hooks/use-request';
import { chinaTime } from '../../../utils/china-date';

const NOTE_LABEL: Record<string, string> = { negotiate: '协商情况', refer: '提请协调事项', coordinate: '协调情况', close: '处理结果说明' };

export function DisputeDetail({ dispute: d, onChanged }: { dispute: Dispute; onChanged: () => void }) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState<{ event: string; label: string } | null>(null);
  const [form] = Form.useForm();
  const [uploaded, setUploaded] = useState(0);
  const files = useRequest(() => disputeApi.files(d.id), [d.id, d.version, uploaded]);
  const items: DisputeFile[] = files.data?.items ?? [];

  const run = async () => {
    if (!asking) return;
    const v = (await form.validateFields()) as Record<string, string>;
    const body = { ...v, type: asking.event, version: d.version } as DisputeEventBody;
    try {
      await disputeApi.step(d.id, body);
      message.success(`已${asking.label}`);
      setAsking(null);
      onChanged();
    } catch (e) {
      message.error(describeError(e));
    }
  };
  const reverse = async () => {
    try {
      const life = await agreementLifeApi.life(d.agreementId);
      await disputeApi.reverse(d.id, life.version);
      message.success('已据争议处理结果恢复协议');
      onChanged();
    } catch (e) {
      message.error(describeError(e));
    }
  };

  const steps = [
    { key: 'raised', color: 'blue', content: <><Typography.Text strong>提出争议</Typography.Text> <Typography.Text type="secondary">{d.raisedOn}</Typography.Text><div>{d.text}</div></> },
    ...d.notes.map((n, i) => ({
      key: `${n.stage}-${i}`, color: n.stage === 'close' ? 'green' : n.stage === 'refer' || n.stage === 'coordinate' ? 'orange' : 'blue',
      content: <><Typography.Text strong>{disputeStageLabel[n.stage] ?? n.stage}</Typography.Text> <Typography.Text type="secondary">{n.on}</Typography.Text><div>{n.text}</div></>,
    })),
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dispute-detail">
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="医药机构">{d.institutionName}</Descriptions.Item>
        <Descriptions.Item label="协议编号">{d.agreementNumber}</Descriptions.Item>
        <Descriptions.Item label="争议事项">{d.subjectLabel}</Descriptions.Item>
        <Descriptions.Item label="状态"><Tag color={disputeStateColor[d.state]} data-testid="dispute-state">{d.stateLabel}</Tag></Descriptions.Item>
        <Descriptions.Item label="提出日期">{d.raisedOn}</Descriptions.Item>
        <Descriptions.Item label="办结日期">{d.closedOn ?? '—'}</Descriptions.Item>
        {d.review && <Descriptions.Item label={d.review.kind === 'litigation' ? '行政诉讼' : '行政复议'} span={2}>{d.review.reference}</Descriptions.Item>}
        {d.outcome && <Descriptions.Item label="处理结果" span={2}>{d.outcomeLabel}{d.outcomeReference ? `（${d.outcomeReference}）` : ''}{d.reversedOn ? `；已于 ${d.reversedOn} 恢复协议` : ''}</Descriptions.Item>}
      </Descriptions>
      <Typography.Text type="secondary">依据：京医保发〔2021〕30号 第四十六条（协商，协商不成提请行政部门协调，或依法申请行政复议、提起行政诉讼）{d.subject === 'agency_breach' ? '、第三十九条（经办机构违反协议）' : ''}</Typography.Text>
      <Timeline items={steps} data-testid="dispute-timeline" />

      <Typography.Title level={5} style={{ margin: 0 }}>争议材料</Typography.Title>
      <Table<DisputeFile>
        rowKey="id" size="small" pagination={false} dataSource={items} locale={{ emptyText: '尚无材料' }}
        columns={[
          { title: '文件', dataIndex: 'fileName', render: (v: string, f) => <Typography.Link onClick={() => void saveDownload(disputeApi.fileUrl(d.id, f.id), v).catch((e: unknown) => message.error(describeError(e)))}>{v}</Typography.Link> },
          { title: '提供方', dataIndex: 'sideLabel' },
          { title: '大小', dataIndex: 'size', render: (v: number) => `${Math.max(1, Math.round(v / 1024))} KB` },
          { title: '上传时间', dataIndex: 'at', render: (v: string) => chinaTime(v) },
        ]}
      />
      {d.state !== 'closed' && (
        <Upload
          showUploadList={false}
          beforeUpload={async (file) => {
            try {
              await disputeApi.upload(d.id, file);
              message.success(`已上传「${file.name}」`);
              setUploaded((x) => x + 1);
            } catch (e) {
              message.error(describeError(e));
            }
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>上传材料（PDF/JPEG/PNG，10MB以内）</Button>
        </Upload>
      )}

      {d.allowedEvents.length > 0 && (
        <Space wrap>
          {d.allowedEvents.map((e) => (
            <Button key={e.event} type={e.event === 'close' || e.event === 'negotiate' || e.event === 'coordinate' ? 'primary' : 'default'}
              onClick={() => { form.resetFields(); setAsking(e); }}>
              {e.label}
            </Button>
          ))}
        </Space>
      )}
      {d.mayReverse && d.allowedEvents.length === 0 && (
        <Alert type="warning" showIcon message="争议处理结果为撤销中止或解除决定" action={<Button size="small" onClick={() => void reverse()}>据此恢复协议</Button>} />
      )}

      <Modal open={!!asking} title={asking?.label} okText="确定" cancelText="取消" onCancel={() => setAsking(null)} onOk={() => void run()} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          {asking?.event === 'seek_review' && (
            <>
              <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择行政复议或行政诉讼' }]}>
                <Radio.Group options={[{ value: 'reconsideration', label: '行政复议' }, { value: 'litigation', label: '行政诉讼' }]} />
              </Form.Item>
              <Form.Item name="reference" label="复议/诉讼案号" rules={[{ required: true, whitespace: true, message: '请填写案号' }]}><Input maxLength={200} /></Form.Item>
            </>
          )}
          {asking?.event === 'close' && (
            <>
              <Form.Item name="outcome" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
                <Radio.Group options={[{ value: 'upheld', label: '维持' }, { value: 'overturned', label: '撤销' }, { value: 'settled', label: '和解' }]} />
              </Form.Item>
              <Form.Item name="reference" label="文书或案号（可选）"><Input maxLength={200} /></Form.Item>
            </>
          )}
          {asking && asking.event !== 'seek_review' && (
            <Form.Item name="note" label={NOTE_LABEL[asking.event] ?? '办理情况'} rules={[{ required: true, whitespace: true, message: `请填写${NOTE_LABEL[asking.event] ?? '办理情况'}` }]}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
