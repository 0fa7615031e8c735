/**
 * 我的协议: the institution's agreements (its main one and a pharmacy's 双通道 one, and earlier terms),
 * each with its number, term and state; a row opens the agreement's page (timeline, notices, requests).
 */
import { Link, useNavigate } from 'react-router-dom';
import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { ApiError } from '../../../api/client';
import { describeError, ReasonList } from '../../../api/error-display';
import type { ColumnsType } from 'antd/es/table';
import { agreementLifeApi } from '../../../api/agreement-life-endpoints';
import type { AgreementItem } from '../../../api/agreement-life-types';
import { useRequest } from '../../../hooks/use-request';
import { renewalApi, type MyRenewal } from '../../../api/renewal-endpoints';
import { AgreementTags } from '../../agency/agreement-common/life-state-tag';
import { agreementApi } from '../../../api/pipeline-endpoints';
import { MandatePanel } from '../../../components/mandate-panel';

type RenewalRow = MyRenewal['items'][number];
const DECIDED_COLOR: Record<string, string> = { renew: 'green', defer: 'gold', not_renew: 'red' };

/**
 * 续签情况: the agency's renewal decision on each agreement, with the reason and every rule that fired
 * with its article once decided (decision 0041); until then 「经办机构核定中」 and the day it is due.
 */
/**
 * 云医保〔2022〕6号 第十八条 for the renewed agreement: who signs (legal representative or agent) and under which
 * mandate; the legal representative grants (or revokes) mandates here as on the designation's signing page.
 */
function RenewalSignForm({ agreementId, termTo, form }: {
  agreementId: string; termTo: string; form: ReturnType<typeof Form.useForm<{ capacity: 'legal_rep' | 'authorised_agent'; mandateId?: string; password: string }>>[0];
}) {
  const sc = useRequest(() => agreementApi.mandates(agreementId), [agreementId]);
  const usable = (sc.data?.mandates ?? []).filter((m) => m.usableByMe);
  const isLegalRep = sc.data?.me.isLegalRep ?? false;
  // someone who is not the registered legal representative can only sign as an agent
  useEffect(() => { if (sc.data && !isLegalRep) form.setFieldsValue({ capacity: 'authorised_agent' }); }, [sc.data, isLegalRep, form]);
  return (
    <>
      {sc.data && <MandatePanel agreementId={agreementId} sc={sc.data} canReview={false} editable onChange={() => sc.reload()} />}
      <Form form={form} layout="vertical" initialValues={{ capacity: 'legal_rep' }}>
        <Form.Item name="capacity" label="签署身份">
          <Radio.Group options={[{ value: 'legal_rep', label: '法定代表人' }, { value: 'authorised_agent', label: '授权委托人' }]} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.capacity !== b.capacity}>
          {({ getFieldValue }) => getFieldValue('capacity') === 'authorised_agent' && (
            <Form.Item
              name="mandateId" label="授权委托" rules={[{ required: true, message: '请选择授权委托' }]}
              extra={usable.length === 0 ? `暂无可用于您本人签署的授权委托（有效期至 ${termTo} 前须由法定代表人线上授权，或上传经经办机构核验的纸质授权委托书）` : undefined}
            >
              <Select
                data-testid="renewal-mandate" placeholder="选择法定代表人对本协议的授权委托"
                options={usable.map((m) => ({ value: m.id, label: `${m.source === 'online' ? '线上授权' : '纸质委托书'}：${m.principalName} 授权，${m.validFrom ?? ''} 至 ${m.validTo ?? ''}` }))}
              />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="password" label="登录密码（签署前重新验证身份）" rules={[{ required: true, message: '请输入登录密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
    </>
  );
}

function RenewalStatus() {
  const { data, reload } = useRequest(() => renewalApi.mine(), []);
  const { message, notification } = App.useApp();
  const [signing, setSigning] = useState<RenewalRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ capacity: 'legal_rep' | 'authorised_agent'; mandateId?: string; password: string }>();
  // 「签署续签协议」 (decision 0045): the legal representative (or an agent with a mandate) signs online with SM2
  const sign = async () => {
    const v = await form.validateFields();
    const a = signing?.renewal;
    if (!a) return;
    setBusy(true);
    try {
      await renewalApi.signRenewal(a.agreementId, { mode: 'online', capacity: v.capacity, password: v.password, version: a.version, ...(v.mandateId ? { mandateId: v.mandateId } : {}) });
      message.success('已签署续签协议，待经办机构签署');
      setSigning(null);
      form.resetFields();
      reload();
    } catch (e) {
      if (e instanceof ApiError && e.reasons.length > 0) notification.error({ title: e.message, description: <ReasonList err={e} />, duration: 0 });
      else message.error(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  if (!data || data.items.length === 0) return null;
  const columns: ColumnsType<RenewalRow> = [
    { title: '续签工作', dataIndex: 'campaignTitle' },
    { title: '协议编号', dataIndex: 'agreementNumber' },
    { title: '协议期满', dataIndex: 'termTo' },
    { title: '续签情况', key: 'status', render: (_, r) => (r.decided ? <Tag color={DECIDED_COLOR[r.decided]}>{r.status}</Tag> : <Typography.Text type="secondary">{r.status}（核定截止 {r.decideBy}）</Typography.Text>) },
    {
      title: '续签协议', key: 'renewal',
      render: (_, r) => (r.renewal ? (
        <Space orientation="vertical" size={0}>
          <Link to={`/institution/agreements/${r.renewal.agreementId}`}>{r.renewal.number}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.renewal.formLabel}，{r.renewal.termFrom} 至 {r.renewal.termTo}，{r.renewal.statusLabel}</Typography.Text>
          {r.renewal.status === 'fixed' && !r.renewal.institutionSigned && <Button size="small" type="primary" onClick={() => setSigning(r)} data-testid="sign-renewal">签署续签协议</Button>}
        </Space>
      ) : '—'),
    },
  ];
  return (
    <Card title="续签情况" style={{ marginTop: 16 }} data-testid="my-renewal">
      <Table<RenewalRow>
        rowKey="id" size="small" columns={columns} dataSource={data.items} pagination={false}
        expandable={{
          rowExpandable: (r) => !!r.decided,
          expandedRowRender: (r) => (
            <>
              {r.reason && <Typography.Paragraph>核定理由：{r.reason}</Typography.Paragraph>}
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {r.reasons.map((x) => <li key={x.ruleId + x.message}>{x.message}<Typography.Text type="secondary">（{x.citation}）</Typography.Text></li>)}
                {r.reasons.length === 0 && <li>未触发缓签或不再签订的情形</li>}
              </ul>
            </>
          ),
        }}
      />
      <Modal
        title={`签署续签协议 ${signing?.renewal?.number ?? ''}`} open={!!signing} okText="签署" confirmLoading={busy}
        onOk={() => void sign()} onCancel={() => setSigning(null)} destroyOnHidden
      >
        <Typography.Paragraph>
          协议期限 {signing?.renewal?.termFrom} 至 {signing?.renewal?.termTo}，自原协议期满次日起履行，前后不留空档。签署即以您的电子签名（SM2）对协议文本签名；请先点击协议编号阅读全文。
        </Typography.Paragraph>
        {signing?.renewal && <RenewalSignForm agreementId={signing.renewal.agreementId} termTo={signing.renewal.termTo} form={form} />}
      </Modal>
    </Card>
  );
}

export default function MyAgreementsPage() {
  const { data, loading, reload } = useRequest(() => agreementLifeApi.mine(), []);
  const navigate = useNavigate();
  const link = (r: AgreementItem) => `/institution/agreements/${r.id}`;
  const columns: ColumnsType<AgreementItem> = [
    { title: '协议编号', dataIndex: 'number', render: (v: string, r) => <Link to={link(r)}>{v}</Link> },
    { title: '协议期限', key: 'term', render: (_, r) => `${r.termFrom} 至 ${r.termTo}` },
    { title: '状态', key: 'state', render: (_, r) => <AgreementTags a={r} /> },
    { title: '当前状态起始', dataIndex: 'lifeSince', render: (v: string | null) => v ?? '—' },
    { title: '统筹地区', dataIndex: 'regionName', render: (v: string | null, r) => v ?? r.regionCode },
    { title: '操作', key: 'op', render: (_, r) => <Link to={link(r)}>查看 / 申请</Link> },
  ];
  return (
    <Card
      title="我的协议"
      extra={
        <>
          <Space>
            <Button onClick={() => navigate('/institution/change-requests')}>申请变更</Button>
            <Button onClick={reload}>刷新</Button>
          </Space>
        </>
      }
    >
      <Typography.Paragraph type="secondary">
        本机构与医保经办机构签订的医保服务协议。点击协议编号查看履行记录和通知书，并可申请中止、解除或恢复履行协议；机构名称、法定代表人、地址等重大信息变更请通过「申请变更」办理。
      </Typography.Paragraph>
      <Table<AgreementItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '本机构尚无医保服务协议' }}
      />
      <RenewalStatus />
    </Card>
  );
}
