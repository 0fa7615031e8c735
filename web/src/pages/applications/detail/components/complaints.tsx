/**
 * 举报投诉 on this application, for the agency: content and contact as filed on the public site
 * (plain text), and the form recording the investigation (属实 cancels the negotiation, 吉医保规〔2023〕1号 第十九条).
 */
import { useState } from 'react';
import { App, Button, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { complaintApi } from '../../../../api/pipeline-endpoints';
import type { ApplicationDetail, ComplaintRow } from '../../../../api/pipeline-types';
import { useRequest } from '../../../../hooks/use-request';
import { catching } from '../../../../utils/catching';
import { chinaTime } from '../../../../utils/china-date';

export function Complaints({ d, onDone }: { d: ApplicationDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const { data, reload } = useRequest(() => complaintApi.list({ pageSize: 100 }), [d.id, d.version]);
  const [target, setTarget] = useState<ComplaintRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ foundTrue: boolean; finding: string }>();
  const rows = (data?.items ?? []).filter((c) => c.applicationId === d.id);
  if (rows.length === 0) return null;

  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await complaintApi.resolve(target!.id, { foundTrue: v.foundTrue, finding: v.finding.trim(), version: d.version });
      message.success('已办结举报投诉');
      setTarget(null);
      reload();
      onDone();
    } catch {
      // shown by the error sink
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={5}>举报投诉（仅经办机构可见联系人信息）</Typography.Title>
      <List
        bordered
        size="small"
        dataSource={rows}
        renderItem={(c) => (
          <List.Item
            actions={c.status === 'open' && d.state === 'in_publicity'
              ? [<Button key="r" size="small" type="primary" onClick={() => { form.setFieldsValue({ foundTrue: false, finding: '' }); setTarget(c); }}>登记调查结果</Button>]
              : []}
          >
            <Space orientation="vertical" size={0}>
              <span>{c.content}</span>
              <Typography.Text type="secondary">{chinaTime(c.receivedAt)} · {c.contactName} {c.phone}{c.email ? ` ${c.email}` : ''}</Typography.Text>
              {c.status === 'resolved'
                ? <span><Tag color={c.foundTrue ? 'red' : 'green'}>{c.foundTrue ? '属实' : '不属实'}</Tag>{c.finding}</span>
                : <Tag color="orange">调查核实中</Tag>}
            </Space>
          </List.Item>
        )}
      />
      <Modal open={!!target} title="登记调查结果" okText="确认登记调查结果" confirmLoading={busy} onCancel={() => setTarget(null)} onOk={catching(send)}>
        <Form form={form} layout="vertical">
          <Form.Item name="foundTrue" label="调查结论" rules={[{ required: true, message: '请选择是否属实' }]}>
            <Radio.Group options={[{ value: false, label: '不属实' }, { value: true, label: '属实（取消协商谈判资格）' }]} />
          </Form.Item>
          <Form.Item name="finding" label="调查核实情况" rules={[{ required: true, whitespace: true, message: '请填写调查核实情况' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
