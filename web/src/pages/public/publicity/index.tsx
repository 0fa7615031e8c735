/**
 * 公示: institutions that passed the evaluation, listed for 7 工作日 (云医保〔2022〕6号 第十五条), with
 * the 投诉举报 form (吉医保规〔2023〕1号 第十九条). Complaints are stored and shown as plain text.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Result, Spin, Table, Tag } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import type { ComplaintBody, ComplaintReceipt, PublicityItem } from '../../../api/pipeline-types';
import { ApiError } from '../../../api/client';
import { describeError } from '../../../api/error-display';
import { useRequest } from '../../../hooks/use-request';
import { useEnums } from '../../../meta/enums';

function ComplaintForm({ target, onClose }: { target: PublicityItem; onClose: () => void }) {
  const [form] = Form.useForm<ComplaintBody>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<ComplaintReceipt | null>(null);

  const send = async (v: ComplaintBody) => {
    setSending(true);
    setError(null);
    try {
      setReceipt(await publicApi.complain({ ...v, applicationId: target.applicationId, institutionName: target.name }));
    } catch (e) {
      // the server names the field (body.phone …): mark it, and say it above the button too
      const field = e instanceof ApiError ? e.field?.replace(/^body\./, '') : undefined;
      if (field && ['content', 'contactName', 'phone', 'email'].includes(field)) {
        form.setFields([{ name: field as keyof ComplaintBody, errors: [describeError(e).replace(/^字段 \S+：/, '')] }]);
      }
      setError(describeError(e));
    } finally {
      setSending(false);
    }
  };

  if (receipt) {
    return (
      <Result
        status="success"
        title="举报投诉已受理"
        subTitle={`受理编号 ${receipt.number}。请记下此编号：经办机构调查核实后，可凭受理编号和联系电话在“投诉办理查询”中查看处理结果。`}
        extra={<Button onClick={onClose}>关闭</Button>}
      />
    );
  }
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void send(v)}>
      <Form.Item label="被举报机构">{target.name}</Form.Item>
      <Form.Item name="content" label="举报内容" rules={[{ required: true, whitespace: true, message: '举报内容不能为空' }, { max: 2000, message: '举报内容不能超过2000个字' }]}>
        <Input.TextArea rows={5} showCount maxLength={2000} />
      </Form.Item>
      <Form.Item name="contactName" label="联系人姓名" rules={[{ required: true, whitespace: true, message: '联系人姓名为必填项' }, { max: 50, message: '联系人姓名不能超过50个字' }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="phone"
        label="联系电话"
        rules={[
          { required: true, message: '联系电话为必填项' },
          { pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/, message: '联系电话格式错误（手机号或带区号的固定电话）' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="email" label="电子邮箱（选填）" rules={[{ type: 'email', message: '电子邮箱格式错误' }]}>
        <Input />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={sending}>
        提交举报投诉
      </Button>
    </Form>
  );
}

export default function PublicPublicityPage() {
  const enums = useEnums();
  const [page, setPage] = useState(1);
  const [target, setTarget] = useState<PublicityItem | null>(null);
  const { data, loading, error } = useRequest(() => publicApi.publicity({ page, pageSize: 20 }), [page]);

  return (
    <Card title="拟签订医保协议的医药机构名单公示">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="公示期间，任何单位和个人均可对公示机构举报投诉，请留下真实的联系人和联系电话以便核实。"
      />
      <Table<PublicityItem>
        rowKey="applicationId"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: data || error ? '当前没有正在公示的机构' : <Spin /> }}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 家` }}
        columns={[
          { title: '机构名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', render: (v: string) => enums.label('institutionKind', v) },
          { title: '地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
          { title: '地址', dataIndex: 'address' },
          { title: '申请类别', dataIndex: 'categories', render: (v: string[]) => v.map((c) => <Tag key={c}>{enums.label('paymentCategory', c)}</Tag>) },
          { title: '公示期', key: 'period', render: (_, r) => `${r.from ?? '—'} 至 ${r.to ?? '—'}` },
          { title: '', key: 'op', render: (_, r) => <Button size="small" onClick={() => setTarget(r)}>投诉举报</Button> },
        ]}
      />
      <Modal open={!!target} title="投诉举报" footer={null} onCancel={() => setTarget(null)} destroyOnHidden width={640}>
        {target && <ComplaintForm target={target} onClose={() => setTarget(null)} />}
      </Modal>
    </Card>
  );
}
