/**
 * 统筹地区参数 (decision 0031): the parameters and lists the province's text leaves to the pooling
 * region, with the value in force and the layer it came from (国家 / 省 / 统筹地区 with its 文号);
 * the agency head sets a new dated value with 文号, 生效日期 and 依据.
 */
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { localParameterApi, type LocalParameterEntry, type LocalParameterRow } from '../../api/local-parameter-endpoints';
import { useRequest } from '../../hooks/use-request';
import { useSession } from '../../session/session';

const LAYER_COLOR: Record<string, string> = { national: 'default', province: 'blue', local: 'green', county: 'purple' };
const UNIT: Record<string, string> = { workdays: '个工作日', days: '日', months: '个月', years: '年' };

interface FormValues {
  value?: number;
  items?: string[];
  docNo: string;
  effectiveFrom: Dayjs;
  citation: string;
}

export default function LocalParametersPage() {
  const { message } = App.useApp();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const regions = useRequest(() => localParameterApi.regions(), []);
  const region = params.get('region') ?? regions.data?.regions[0]?.code ?? null;
  const view = useRequest(() => (region ? localParameterApi.get(region) : null), [region]);
  const [editing, setEditing] = useState<LocalParameterEntry | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const canSet = !!user?.roles.includes('agency_head');
  // a county's 实施细则 (云医保〔2022〕6号 第三十三条; decision 0043): only its own head sets, only what narrows
  const isCounty = view.data?.region.level === 'county';
  const mayEdit = (e: LocalParameterEntry) => canSet && (isCounty ? user?.orgLevel === 'county' && !!e.countyBy : user?.orgLevel !== 'county');

  useEffect(() => {
    if (editing) form.setFieldsValue({ value: editing.value ?? undefined, items: editing.items ?? [], docNo: '', citation: '', effectiveFrom: dayjs() });
  }, [editing, form]);

  const save = async () => {
    if (!editing || !region) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await localParameterApi.set(region, editing.key, {
        value: editing.type === 'number' ? (v.value ?? null) : null,
        items: editing.type === 'list' ? (v.items ?? []) : null,
        docNo: v.docNo.trim(), citation: v.citation.trim(), effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      });
      message.success(`已设置「${editing.label}」`);
      setEditing(null);
      view.reload();
    } finally {
      setSaving(false);
    }
  };

  const shown = (e: LocalParameterEntry) =>
    e.type === 'number'
      ? `${e.value ?? '—'}${UNIT[e.unit ?? ''] ?? ''}`
      : (e.items ?? []).map((id) => e.options.find((o) => o.id === id)?.label ?? id).join('；');

  return (
    <Card
      title="统筹地区参数"
      extra={
        <Select
          style={{ width: 240 }}
          placeholder="选择统筹地区"
          value={region ?? undefined}
          loading={regions.loading}
          options={(regions.data?.regions ?? []).map((r) => ({ value: r.code, label: `${r.level === 'county' ? '　' : ''}${r.name}（${r.code}）` }))}
          onChange={(code: string) => setParams({ region: code })}
        />
      }
    >
      <Typography.Paragraph type="secondary">
        政策文件交由统筹地区确定的参数与材料清单。统筹地区设置并生效后，辖区内的申请按统筹地区的取值办理，并在决定中注明文号；未设置的沿用省级配置（示例值待确认）。
      </Typography.Paragraph>
      {isCounty && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          message="县（市、区）实施细则只能在统筹地区的规定内细化（云医保〔2022〕6号 第三十三条）：时限只能缩短，材料清单只能从现行清单中选取；未设置的沿用统筹地区的取值。" />
      )}
      {view.data && view.data.entries.length === 0 && <Alert type="info" showIcon message="本省政策配置未规定交由统筹地区确定的参数" />}
      <Table<LocalParameterEntry>
        size="small"
        rowKey="key"
        loading={view.loading}
        dataSource={view.data?.entries ?? []}
        pagination={false}
        columns={[
          { title: '参数', dataIndex: 'label', render: (v: string, e) => <Space direction="vertical" size={0}><span>{v}</span><Typography.Text type="secondary">授权依据：{e.delegatedBy}</Typography.Text></Space> },
          { title: '现行取值', render: (_: unknown, e) => shown(e) },
          {
            title: '来源', dataIndex: 'layer',
            render: (l: string, e) => (
              <Space direction="vertical" size={0}>
                <Tag color={LAYER_COLOR[l]}>{e.layerLabel}</Tag>
                {e.unconfirmed && <Tag color="warning">示例值，待统筹地区确认</Tag>}
              </Space>
            ),
          },
          { title: '生效日期', dataIndex: 'from', render: (v: string | null) => v ?? '—' },
          { title: '依据', dataIndex: 'citation' },
          { title: '操作', render: (_: unknown, e) => (mayEdit(e) ? <Button size="small" onClick={() => setEditing(e)}>设置新值</Button> : null) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>设置记录</Typography.Title>
      <Table<LocalParameterRow>
        size="small"
        rowKey="id"
        dataSource={view.data?.history ?? []}
        pagination={{ pageSize: 10, size: 'small' }}
        columns={[
          { title: '地区', dataIndex: 'regionCode', render: (c: string) => regions.data?.regions.find((r) => r.code === c)?.name ?? c },
          { title: '参数', dataIndex: 'key', render: (k: string) => view.data?.entries.find((e) => e.key === k)?.label ?? k },
          { title: '取值', render: (_: unknown, r) => (r.value !== null ? String(r.value) : `${r.items?.length ?? 0} 项材料`) },
          { title: '文号', dataIndex: 'docNo' },
          { title: '生效日期', dataIndex: 'effectiveFrom' },
          { title: '依据', dataIndex: 'citation' },
          { title: '录入人', dataIndex: 'recordedBy', render: (v: string | null) => v ?? '—' },
          { title: '版本', dataIndex: 'version' },
        ]}
      />
      <Modal title={editing ? `设置：${editing.label}` : ''} open={!!editing} onCancel={() => setEditing(null)} onOk={save} confirmLoading={saving} okText="保存" destroyOnHidden>
        {editing && (
          <Form form={form} layout="vertical">
            {isCounty && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`只能${editing.countyNarrows === 'at_most' ? '不长于' : editing.countyNarrows === 'at_least' ? '不短于' : '从中选取、不得增加'}现行取值（${editing.layerLabel}；${editing.countyBy}）`} />}
            {editing.type === 'number' ? (
              <Form.Item name="value" label={`取值（${UNIT[editing.unit ?? ''] ?? editing.unit ?? ''}）`} rules={[{ required: true, message: '请填写取值' }]}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            ) : (
              <Form.Item name="items" label="需提交的材料" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项材料' }]}>
                <Checkbox.Group options={editing.options.map((o) => ({ value: o.id, label: o.label }))} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
              </Form.Item>
            )}
            <Form.Item name="docNo" label="文号" rules={[{ required: true, whitespace: true, message: '请填写文号' }, { max: 100, message: '文号不超过 100 字' }]}>
              <Input placeholder="如 昆医保〔2026〕8号" />
            </Form.Item>
            <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="citation" label="依据" rules={[{ required: true, whitespace: true, message: '请填写依据' }, { max: 500, message: '依据不超过 500 字' }]}>
              <Input.TextArea rows={2} placeholder="文件名称及条款" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
