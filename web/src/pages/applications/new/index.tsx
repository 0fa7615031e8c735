/**
 * 新建定点申请: the declaration (route, 医保支付类别, 险种 — applied together where the institution's
 * profile says so, with that profile's article as the API gives it, e.g. 吉医保规〔2023〕1号 第三十五条).
 * Saving creates the draft; its detail page then lists the materials required for this
 * institution's kind and profile, for upload, and offers 提交申请.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Space, Spin } from 'antd';
import { applicationApi } from '../../../api/pipeline-endpoints';
import { institutionApi } from '../../../api/endpoints';
import { useRequest } from '../../../hooks/use-request';
import { useOpenApplication } from '../components/open-application';
import { PHONE_RULE, paymentCategoryOptions } from '../components/declaration';
import { DeclaredConditionsFields, declaredConditions } from '../components/declared-conditions';
import type { CreateApplicationBody } from '../../../api/pipeline-types';
import { useEnums } from '../../../meta/enums';
import { useSession } from '../../../session/session';
import { applicationRouteLabel } from '../../../locale/pipeline';

export default function NewApplicationPage() {
  const enums = useEnums();
  const { user } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateApplicationBody>();
  const [saving, setSaving] = useState(false);
  const { data: rules } = useRequest(() => applicationApi.declarationRules(), []);
  const schemesHelp = rules?.schemes.length
    ? rules.schemes.map((r) => `${r.title}（${r.citation}）`).join('；')
    : '按所在地区规定申请的险种。';
  const { open, loading: checking } = useOpenApplication();
  const { data: inst } = useRequest(() => (user?.institutionId ? institutionApi.get(user.institutionId) : null), [user?.institutionId]);

  const submit = async (v: CreateApplicationBody) => {
    setSaving(true);
    try {
      const created = await applicationApi.create({
        ...v,
        note: v.note?.trim() || undefined,
        contactName: v.contactName?.trim() || undefined,
        contactPhone: v.contactPhone?.trim() || undefined,
        conditions: declaredConditions(v.conditions),
      });
      navigate(`/applications/${created.id}`);
    } catch {
      // shown by the error sink (rule refusals list their citations)
    } finally {
      setSaving(false);
    }
  };

  const title = <Space><Link to="/applications/mine">我的申请</Link>/<span>新建定点申请</span></Space>;
  if (checking) return <Card title={title}><Spin style={{ display: 'block', margin: 48 }} /></Card>;
  if (open) {
    return (
      <Card title={title}>
        <Alert
          type="warning"
          showIcon
          title="本机构已有办理中的定点申请，请勿重复申请"
          description={`当前申请状态：${open.stateLabel}。一个机构同时只能有一件办理中的定点申请；草稿的申请声明在提交前可以修改。`}
          action={<Link to={`/applications/${open.id}`}><Button type="primary">继续办理</Button></Link>}
        />
      </Card>
    );
  }

  return (
    <Card title={title}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`申请机构：${user?.orgName ?? ''}`}
        description="保存后进入申请详情，按本机构类别和所在地区政策列出需上传的申请材料；材料上传齐全后点击“提交申请”。"
      />
      <Form form={form} layout="vertical" style={{ maxWidth: 720 }} initialValues={{ route: 'new', paymentCategories: [], insuranceSchemes: [] }} onFinish={(v) => void submit(v)}>
        <Form.Item name="route" label="申请途径" rules={[{ required: true }]}>
          <Radio.Group
            options={Object.entries(applicationRouteLabel).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="paymentCategories" label="申请的医保支付类别" rules={[{ required: true, type: 'array', min: 1, message: '至少申请一个医保支付类别' }]}>
          <Checkbox.Group options={paymentCategoryOptions(enums, inst?.kind)} />
        </Form.Item>
        <Form.Item
          name="insuranceSchemes"
          label="申请的险种"
          extra={schemesHelp}
          rules={[{ required: true, type: 'array', min: 1, message: '至少申请一个险种' }]}
        >
          <Checkbox.Group options={enums.options('insuranceScheme')} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '联系人不能超过50个字符' }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[PHONE_RULE]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="申请说明" rules={[{ max: 2000, message: '说明不能超过2000个字符' }]}>
          <Input.TextArea rows={4} showCount maxLength={2000} />
        </Form.Item>
        <DeclaredConditionsFields kind={inst?.kind} />
        <Button type="primary" htmlType="submit" loading={saving}>
          保存申请并上传材料
        </Button>
      </Form>
    </Card>
  );
}
