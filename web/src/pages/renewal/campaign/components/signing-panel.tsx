/**
 * 续签协议 (decision 0045): generate the renewed agreements of the items decided 续签 (a job: its progress
 * polled), the online-signing rate per region and overall (the 2025 draft 一(四) target only where the
 * campaign's profile sets it), and the head's bulk counter-signing confirmed by count, with the password.
 */
import { useEffect, useState } from 'react';
import { App, Alert, Button, Card, Col, Form, Input, Modal, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import { ApiError } from '../../../../api/client';
import { describeError } from '../../../../api/error-display';
import { downloadSigning, renewalApi, type RenewalSigning } from '../../../../api/renewal-endpoints';
import { DownloadOutlined } from '@ant-design/icons';
import { useRequest } from '../../../../hooks/use-request';
import { useSession } from '../../../../session/session';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
type RegionRow = RenewalSigning['regions'][number];

export function SigningPanel({ campaignId, open: campaignOpen }: { campaignId: string; open: boolean }) {
  const { access } = useSession();
  const { message } = App.useApp();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const s = useRequest(() => renewalApi.signing(campaignId, regionCode), [campaignId, regionCode]);
  const [signOpen, setSignOpen] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  const running = s.data?.generation?.state === 'running';
  useEffect(() => {
    if (!running) return undefined;
    const t = setTimeout(() => s.reload(), 1000);
    return () => clearTimeout(t);
  }, [running, s.data]);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409) message.warning(e.message || '已变化，请刷新');
    else message.error(describeError(e));
    s.reload();
  };
  const generate = async () => {
    try {
      await renewalApi.generate(campaignId);
      message.success('已开始生成续签协议');
      s.reload();
    } catch (e) {
      fail(e);
    }
  };
  const countersign = async () => {
    const fresh = await renewalApi.signing(campaignId, regionCode);
    if (fresh.awaitingCountersign === 0) return void message.info('没有待经办机构签署的续签协议');
    setSignOpen(fresh.awaitingCountersign);
  };
  const doSign = async () => {
    const { password } = await form.validateFields();
    setBusy(true);
    try {
      const r = await renewalApi.countersign(campaignId, signOpen!, password, regionCode);
      message.success(`已签署 ${r.signed} 份续签协议`);
      setSignOpen(null);
      form.resetFields();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
      s.reload();
    }
  };

  const d = s.data;
  const g = d?.generation;
  return (
    <Card title="续签协议生成与签署" data-testid="renewal-signing">
      <Space wrap style={{ marginBottom: 12 }}>
        {access.canRunRenewal && campaignOpen && (
          <Button type="primary" disabled={running || (d?.toGenerate ?? 0) === 0} onClick={() => void generate()} data-testid="generate-renewals">
            生成续签协议{d ? `（待生成 ${d.toGenerate} 份）` : ''}
          </Button>
        )}
        {access.canCountersignRenewals && (
          <Button disabled={(d?.awaitingCountersign ?? 0) === 0} onClick={() => void countersign().catch(fail)} data-testid="countersign-renewals">
            批量签署（待经办机构签署 {d?.awaitingCountersign ?? 0} 份）
          </Button>
        )}
        {regionCode && <Button onClick={() => setRegionCode(undefined)}>全部统筹区</Button>}
        <Button onClick={s.reload}>刷新</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadSigning(campaignId).catch(fail)}>导出签订情况</Button>
      </Space>
      {g && (
        <div style={{ marginBottom: 12 }} data-testid="generation-progress">
          <Progress percent={g.total === 0 ? 100 : Math.round((g.done / g.total) * 100)} status={g.state === 'failed' ? 'exception' : g.state === 'running' ? 'active' : 'success'} />
          <Typography.Text type="secondary">
            {g.state === 'running' ? '生成中' : g.state === 'done' ? '生成完成' : `生成中断：${g.error ?? ''}`}：已处理 {g.done} / {g.total}，生成 {g.generated} 份{g.failed ? `，未能生成 ${g.failed} 份` : ''}
          </Typography.Text>
          {g.failures.length > 0 && (
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {g.failures.map((f) => <li key={f.itemId}>{f.institutionName}：{f.message}</li>)}
            </ul>
          )}
        </div>
      )}
      {d && (
        <>
          <Row gutter={16} data-testid="signing-rate">
            <Col span={4}><Statistic title="应签订" value={d.overall.toSign} /></Col>
            <Col span={4}><Statistic title="机构已签署" value={d.overall.institutionSigned} /></Col>
            <Col span={4}><Statistic title="双方已签订" value={d.overall.signed} /></Col>
            <Col span={4}><Statistic title="其中线上签订" value={d.overall.online} /></Col>
            <Col span={4}><Statistic title="网签率（线上签订/应签订）" value={pct(d.overall.rate)} /></Col>
          </Row>
          {d.target && (
            <Alert
              style={{ marginTop: 12 }} type={d.target.meets ? 'success' : 'warning'} showIcon
              title={`协议网签率目标 ≥ ${Math.round(d.target.ratio * 100)}%（${d.target.citation}）：${d.target.meets === null ? '尚无应签订的协议' : d.target.meets ? '已达到' : '尚未达到'}`}
            />
          )}
          <Table<RegionRow>
            style={{ marginTop: 12 }} rowKey="regionCode" size="small" pagination={false} dataSource={d.regions}
            onRow={(r) => ({ onClick: () => setRegionCode(r.regionCode), style: { cursor: 'pointer' } })}
            columns={[
              { title: '统筹区', dataIndex: 'regionName' },
              { title: '应签订', dataIndex: 'toSign' },
              { title: '待机构签署', dataIndex: 'awaitingInstitution' },
              { title: '双方已签订', dataIndex: 'signed' },
              { title: '线上签订', dataIndex: 'online' },
              { title: '线下签订', dataIndex: 'offline' },
              { title: '网签率', key: 'rate', render: (_, r) => pct(r.rate) },
            ]}
          />
        </>
      )}
      <Modal
        title={`批量签署 ${signOpen ?? 0} 份续签协议？`} open={signOpen !== null} okText={`签署 ${signOpen ?? 0} 份`} confirmLoading={busy}
        onOk={() => void doSign()} onCancel={() => setSignOpen(null)} destroyOnHidden
      >
        <Typography.Paragraph>
          将以您的电子签名（SM2）逐份签署{regionCode ? '所选统筹区' : '本次续签工作'}中医药机构已签署的 {signOpen} 份续签协议。双方签订后，新协议自原协议期满次日起生效。
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="password" label="登录密码（签署前重新验证身份）" rules={[{ required: true, message: '请输入登录密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
