/**
 * 系统管理 · 系统对接（结算订阅） (decision 0033): the receivers of the settlement side (医保支付系统,
 * 贯标平台, 数据仓库) that follow 协议生效／中止／恢复／解除 by signed webhooks; the secret and the pull
 * feed's token are shown once at creation; deliveries by state, retrying a dead one, pausing.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, SendOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { webhookApi, type CreatedWebhook, type CreateWebhookBody, type WebhookRow } from '../../../api/webhook-endpoints';
import { describeError } from '../../../api/error-display';
import { useRequest } from '../../../hooks/use-request';
import { Deliveries } from './deliveries';
import { chinaTimeOrDash as fmt } from '../../../utils/china-date';


function CreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: CreatedWebhook) => void }) {
  const [form] = Form.useForm<CreateWebhookBody>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const topics = useRequest(() => (open ? webhookApi.topics() : null), [open]);
  const submit = async (v: CreateWebhookBody) => {
    setSaving(true);
    setError(null);
    try {
      const created = await webhookApi.create({ ...v, regionPrefix: v.regionPrefix || null }, { quiet: true });
      form.resetFields();
      onCreated(created);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title="新增结算订阅" open={open} onCancel={onClose} onOk={() => form.submit()} okText="创建" confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ topics: [] }}>
        <Form.Item name="name" label="订阅名称" rules={[{ required: true, whitespace: true, message: '请输入订阅名称' }, { max: 100, message: '不能超过100个字符' }]}>
          <Input placeholder="如：医保支付系统、贯标平台、数据仓库" />
        </Form.Item>
        <Form.Item
          name="url"
          label="接收地址"
          rules={[{ required: true, message: '请输入接收地址' }, { pattern: /^https?:\/\//, message: '须为 http:// 或 https:// 网址' }]}
        >
          <Input placeholder="https://settlement.example/hooks/dingdian" />
        </Form.Item>
        <Form.Item name="topics" label="订阅主题" tooltip="不选则接收全部主题">
          <Select mode="multiple" allowClear placeholder="全部主题" options={(topics.data ?? []).map((t) => ({ value: t.topic, label: `${t.label}（${t.topic}）` }))} />
        </Form.Item>
        <Form.Item name="regionPrefix" label="区划前缀" tooltip="只接收该区划（前缀）的事件，如 5301 为昆明市；不填则全部" rules={[{ pattern: /^\d{2,6}$/, message: '应为2–6位数字' }]}>
          <Input style={{ width: 160 }} placeholder="如 5301" />
        </Form.Item>
      </Form>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
    </Modal>
  );
}

export default function WebhooksPage() {
  const { message, modal } = App.useApp();
  const { data, loading, reload } = useRequest(() => webhookApi.list(), []);
  const [creating, setCreating] = useState(false);
  const [secretShown, setSecretShown] = useState<CreatedWebhook | null>(null);
  const [selected, setSelected] = useState<WebhookRow | null>(null);

  const toggle = async (r: WebhookRow) => {
    await webhookApi.setActive(r.id, !r.active, r.version);
    message.success(r.active ? '已暂停，不再投递' : '已恢复投递');
    reload();
  };
  const test = async (r: WebhookRow) => {
    const out = await webhookApi.test(r.id);
    if (out.ok) message.success(`测试事件已送达（HTTP ${out.status}）`);
    else modal.error({ title: '测试事件未送达', content: out.error ?? `HTTP ${out.status}` });
  };
  const deliverNow = async () => {
    const r = await webhookApi.deliverNow();
    message.info(`本次投递：送达 ${r.delivered} 条，待重试 ${r.retrying} 条，失败 ${r.dead} 条`);
    reload();
  };

  const columns: ColumnsType<WebhookRow> = [
    {
      title: '订阅名称',
      dataIndex: 'name',
      render: (v: string, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {v} {r.active ? <Tag color="green">投递中</Tag> : <Tag>已暂停</Tag>}
          </span>
          <Typography.Text type="secondary" copyable>
            {r.url}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '订阅主题', dataIndex: 'topics', render: (t: string[]) => (t.length ? t.map((x) => <Tag key={x}>{x}</Tag>) : '全部') },
    { title: '区划前缀', dataIndex: 'regionPrefix', render: (v: string | null) => v ?? '全部' },
    {
      title: '投递',
      key: 'counts',
      render: (_: unknown, r) => (
        <Space>
          <Tag color="blue">待投递 {r.pending}</Tag>
          <Tag color={r.dead ? 'red' : 'default'}>失败 {r.dead}</Tag>
          <Tag color="green">已送达 {r.delivered}</Tag>
        </Space>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', render: fmt },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, r) => (
        <Space wrap>
          <Button type="link" onClick={() => setSelected(r)}>
            投递记录
          </Button>
          <Button type="link" icon={<SendOutlined />} onClick={() => void test(r)}>
            发送测试事件
          </Button>
          <Popconfirm title={r.active ? '暂停后不再向该地址投递（事件保留，恢复后继续）。确定暂停？' : '确定恢复投递？'} onConfirm={() => toggle(r)}>
            <Button type="link" danger={r.active}>
              {r.active ? '暂停' : '恢复'}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="系统对接（结算订阅）"
      extra={
        <Space>
          <Button icon={<ThunderboltOutlined />} onClick={() => void deliverNow()}>
            立即投递一次
          </Button>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新增订阅
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        协议生效、中止、恢复履行、解除／终止等须由结算端跟进的变化，随业务办理写入事件流，并以签名的 HTTP 回调（HMAC-SHA256）至少送达一次；同一协议的事件按顺序送达。
        接收方也可凭订阅令牌按游标拉取：GET /api/feeds/agreement-events?after=…（Authorization: Bearer 令牌）。
      </Typography.Paragraph>
      <Table<WebhookRow> rowKey="id" loading={loading} dataSource={data?.items ?? []} columns={columns} pagination={false} locale={{ emptyText: '暂无订阅' }} />
      {selected && <Deliveries subscription={selected} onChanged={reload} />}
      <CreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          setSecretShown(c);
          reload();
        }}
      />
      <Modal title="请立即保存：签名密钥和拉取令牌只显示这一次" open={!!secretShown} onOk={() => setSecretShown(null)} onCancel={() => setSecretShown(null)} cancelButtonProps={{ style: { display: 'none' } }} okText="已保存">
        <Alert type="warning" showIcon message="关闭后无法再次查看；遗失须新建订阅。" style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          签名密钥（接收方用以校验 X-Dingdian-Signature）：
          <Typography.Text code copyable>
            {secretShown?.secret}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          拉取令牌（Authorization: Bearer …）：
          <Typography.Text code copyable>
            {secretShown?.token}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
