/**
 * 服务协议: the agency generates the text (范本 + 地方补充条款), records 协议学习 (which fixes the text),
 * then both parties sign online (SM2; the login password is asked again). An institution's agent
 * signs under a mandate of the registered 法定代表人 — granted online by the representative's own
 * account, or a paper one verified by the agency (云医保〔2022〕6号 第十八条); the dialog shows who
 * signs, in what capacity, under which mandate. Anyone involved can verify the signatures
 * and download the agreement as PDF or DOCX.
 */
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import { FilePdfOutlined, FileWordOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { agreementApi, agreementDocumentUrl, uploadMandate } from '../../../../api/pipeline-endpoints';
import type { AgreementVerification, ApplicationDetail } from '../../../../api/pipeline-types';
import { describeError } from '../../../../api/error-display';
import { useRequest } from '../../../../hooks/use-request';
import { useSession } from '../../../../session/session';
import { UPLOAD_ACCEPT } from '../../../../locale/pipeline';
import { MandatePanel } from '../../../../components/mandate-panel';
import { AgreementDocumentView } from './agreement-document';
import { catching } from '../../../../utils/catching';
import { chinaTime } from '../../../../utils/china-date';

const STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: '草稿（待协议学习）', color: 'default' },
  fixed: { label: '文本已确定，签署中', color: 'gold' },
  signed: { label: '双方已签署', color: 'success' },
  void: { label: '已作废', color: 'default' },
};

interface SignValues {
  mandateId?: string;
  password: string;
}

export function AgreementPanel({ d, onDone }: { d: ApplicationDetail; onDone: () => void }) {
  const { user } = useSession();
  const { message } = App.useApp();
  const neg = useRequest(() => agreementApi.negotiation(d.id), [d.id, d.version]);
  const agreementId = neg.data?.agreementId ?? null;
  const ag = useRequest(() => (agreementId ? agreementApi.get(agreementId) : null), [agreementId, d.version]);
  const [verify, setVerify] = useState<AgreementVerification | null>(null);
  const [modal, setModal] = useState<'study' | 'sign' | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const [mandateError, setMandateError] = useState<string | null>(null);
  const sc = useRequest(() => (agreementId ? agreementApi.mandates(agreementId) : null), [agreementId, d.version]);
  const [studyForm] = Form.useForm<{ heldOn: dayjs.Dayjs; attendees: string[] }>();
  const [signForm] = Form.useForm<SignValues>();

  const isAgency = !!user && (user.roles.includes('agency_officer') || user.roles.includes('agency_head'));
  const isInstitution = !!user?.roles.includes('institution_staff');
  const canSign = d.state === 'signing' && (isInstitution || !!user?.roles.includes('agency_head'));
  const a = ag.data;
  const ctx = sc.data;
  const usable = ctx?.mandates.filter((m) => m.usableByMe) ?? [];
  const asAgent = isInstitution && !!ctx && !ctx.me.isLegalRep;

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      setModal(null);
      neg.reload();
      sc.reload();
      onDone();
    } catch {
      // the error sink shows it (reasons with citations for a refused signature)
    } finally {
      setBusy(false);
    }
  };

  if (!['agreement_study', 'signing', 'signed', 'filed', 'activated', 'abandoned'].includes(d.state) && !agreementId) return null;

  return (
    <div>
      {!agreementId && isAgency && d.state === 'agreement_study' && (
        <Button type="primary" loading={busy} onClick={() => void run(async () => {
          const r = await agreementApi.generate(d.id);
          if (r.templateChoice?.warning) message.warning(r.templateChoice.warning, 8);
        }, '已生成协议文本')}>
          生成协议文本
        </Button>
      )}
      {a && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2}
            items={[
              { key: 'n', label: '协议编号', children: a.number },
              { key: 's', label: '协议状态', children: <Tag color={STATUS[a.status]?.color}>{STATUS[a.status]?.label ?? a.status}</Tag> },
              { key: 't', label: '协议期限', children: `${a.termFrom} 至 ${a.termTo}` },
              { key: 'h', label: '文本摘要（SM3）', children: <Typography.Text code copyable>{a.textSm3}</Typography.Text> },
              { key: 'st', label: '协议学习', children: a.studiedOn ? `${a.studiedOn}（${(a.studyAttendees ?? []).join('、')}）` : '未组织' },
              { key: 'sg', label: '签署', children: a.signatures.length ? a.signatures.map((s) => <Tag key={s.id} color="success">{s.party === 'institution' ? '医药机构已签署' : '经办机构已签署'} {chinaTime(s.signedAt)}</Tag>) : '未签署' },
            ]}
          />
          <Space wrap>
            {isAgency && a.status === 'draft' && d.state === 'agreement_study' && (
              <Button type="primary" onClick={() => { studyForm.setFieldsValue({ heldOn: dayjs(), attendees: [] }); setModal('study'); }}>记录协议学习</Button>
            )}
            {canSign && (
              <Button type="primary" onClick={() => { signForm.resetFields(); signForm.setFieldsValue({ mandateId: usable[0]?.id }); setModal('sign'); }}>在线签署协议</Button>
            )}
            <Button icon={<SafetyCertificateOutlined />} onClick={() => void agreementApi.verify(a.id).then(setVerify, () => undefined)}>验证签名</Button>
            <a href={agreementDocumentUrl(a.id, 'pdf')}><FilePdfOutlined /> 协议 PDF</a>
            <a href={agreementDocumentUrl(a.id, 'docx')}><FileWordOutlined /> 协议 DOCX</a>
          </Space>
          {verify && (
            <Alert
              type={verify.overall === 'valid' ? 'success' : verify.overall === 'incomplete' ? 'info' : 'error'}
              showIcon
              title={`验证结果：${verify.overallLabel}`}
              description={
                <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                  <li>文本自确定以来{verify.text.unchangedSinceFixed ? '未被改动' : '已被改动'}（SM3 {verify.text.sm3Now.slice(0, 16)}…）</li>
                  {verify.signatures.map((s, i) => (
                    <li key={i}>{s.party === 'institution' ? '医药机构' : '经办机构'}：{s.statusLabel}{s.signerName ? `，${s.signerName}` : ''}{s.roleLabel ? `（${s.roleLabel}）` : ''}{s.org ? `，${s.org}` : ''}；{s.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {ctx && (isInstitution || isAgency) && (ctx.mandates.length > 0 || ctx.me.isLegalRep) && (
            <MandatePanel agreementId={a.id} sc={ctx} canReview={isAgency} editable={a.status === 'draft' || a.status === 'fixed'} onChange={() => sc.reload()} />
          )}
          <Typography.Title level={5}>协议文本</Typography.Title>
          {a.templateChoice && (
            <Alert type={a.templateChoice.warning ? 'warning' : 'info'} showIcon
              title={a.templateChoice.warning ?? `协议范本：${a.templateChoice.reason}`}
              description={a.templateChoice.warning ? `协议范本：${a.templateChoice.reason}` : undefined} />
          )}
          <AgreementDocumentView doc={a.document} />
        </Space>
      )}

      <Modal open={modal === 'study'} title="记录协议学习" okText="确认记录协议学习" confirmLoading={busy} onCancel={() => setModal(null)}
        onOk={catching(() => studyForm.validateFields().then((v) => run(() => agreementApi.study(a!.id, { heldOn: v.heldOn.format('YYYY-MM-DD'), attendees: v.attendees, version: d.version }), '已记录协议学习，协议文本已确定')))}>
        <Typography.Paragraph>组织医药机构学习协议文本（云医保〔2022〕6号 第十七条）；记录后协议文本确定，进入签订。</Typography.Paragraph>
        <Form form={studyForm} layout="vertical">
          <Form.Item name="heldOn" label="协议学习日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
          <Form.Item name="attendees" label="参加学习人员" rules={[{ required: true, type: 'array', min: 1, message: '参加学习人员至少填写1人' }]}><Select mode="tags" /></Form.Item>
        </Form>
      </Modal>

      <Modal open={modal === 'sign'} title="在线签署协议" okText="确认签署" confirmLoading={busy} onCancel={() => setModal(null)}
        onOk={catching(() => signForm.validateFields().then((v) => run(() => agreementApi.sign(a!.id, {
          mode: 'online', capacity: asAgent ? 'authorised_agent' : 'legal_rep', password: v.password, version: d.version,
          ...(asAgent && v.mandateId ? { mandateId: v.mandateId } : {}),
        }), '已签署协议')))}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`签署的是上方所示协议文本（SM3 ${a?.textSm3.slice(0, 16) ?? ''}…），签署后文本的任何改动都能被验证发现。`} />
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}
          items={[
            { key: 'who', label: '签署人', children: isInstitution ? `${ctx?.me.personName ?? user?.displayName ?? ''}（${user?.orgName ?? ''}）` : `${user?.displayName ?? ''}（${user?.orgName ?? ''}）` },
            {
              key: 'cap', label: '签署身份',
              children: !isInstitution ? '经办机构负责人' : ctx?.me.isLegalRep ? '法定代表人（账号已关联登记的法定代表人本人）' : `授权委托人（委托人：${ctx?.legalRepresentatives.join('、') || '未登记'}，法定代表人）`,
            },
          ]}
        />
        <Form form={signForm} layout="vertical">
          {asAgent && ctx && !ctx.me.personName && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="您的账号未关联登记的本人身份（身份证号），不能作为授权委托人签署。" />
          )}
          {asAgent && (
            <>
              <Form.Item name="mandateId" label="依据的授权委托" rules={[{ required: true, message: '请选择授权委托' }]}
                help={usable.length ? undefined : '尚无可用的授权委托：请法定代表人用本人账号线上授权，或上传纸质授权委托书待经办机构核验（云医保〔2022〕6号 第十八条）'}>
                <Select options={usable.map((m) => ({
                  value: m.id, label: `${m.source === 'online' ? '线上授权' : '纸质委托书（已核验）'}：${m.principalName} → ${m.agentName ?? m.agentDisplayName}，${m.validFrom} 至 ${m.validTo}`,
                }))} />
              </Form.Item>
              <Form.Item label="纸质授权委托书" help={mandateError ?? (uploaded ? `已上传：${uploaded}，待经办机构核验` : 'PDF、PNG 或 JPEG，不超过 10 MB；委托人为登记的法定代表人，核验通过后方可用于签署')}
                validateStatus={mandateError ? 'error' : undefined}>
                <Upload accept={UPLOAD_ACCEPT} showUploadList={false} beforeUpload={(file) => {
                  setMandateError(null);
                  uploadMandate(a!.id, file).then(() => { setUploaded(file.name); sc.reload(); }, (e) => setMandateError(describeError(e)));
                  return false;
                }}>
                  <Button icon={<UploadOutlined />}>上传纸质授权委托书</Button>
                </Upload>
              </Form.Item>
            </>
          )}
          <Form.Item name="password" label="登录密码（确认本人签署）" rules={[{ required: true, message: '请输入登录密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
