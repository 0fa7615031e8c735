/**
 * 主要执业范围（经营范围）: shown with its 「非基本医疗服务」 items marked, edited by the agency (audited
 * as institution.update). 京医保发〔2021〕30号 第十二条(一) reads it at screening; not recorded = 无法判断.
 */
import { useState } from 'react';
import { Button, Form, Modal, Select, Space, Tag } from 'antd';
import { api } from '../../../../api/client';
import { useEnums } from '../../../../meta/enums';

/** The codes marked 非基本医疗服务 (src/domain/registry/practice-scope.ts NON_BASIC_SCOPES). */
const NON_BASIC = new Set(['medical_cosmetology', 'assisted_reproduction', 'life_care', 'dental_implant', 'health_preservation', 'other_non_basic']);

export function MainScope({ id, version, scope, canEdit, onDone }: {
  id: string; version: number; scope: string[] | null; canEdit: boolean; onDone: () => void;
}) {
  const enums = useEnums();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ mainScope: string[] }>();
  const save = async ({ mainScope }: { mainScope: string[] }) => {
    setBusy(true);
    try {
      await api.patch(`/api/institutions/${encodeURIComponent(id)}`, { version, mainScope });
      setOpen(false);
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      {scope === null ? '未登记（不予受理第十二条(一)无法判断）' : scope.length === 0 ? '—' : scope.map((s) => (
        <Tag key={s} color={NON_BASIC.has(s) ? 'red' : undefined}>{enums.label('practiceScope', s)}{NON_BASIC.has(s) ? '（非基本医疗服务）' : ''}</Tag>
      ))}
      {canEdit && <Button size="small" onClick={() => { form.setFieldsValue({ mainScope: scope ?? [] }); setOpen(true); }}>修改</Button>}
      <Modal title="主要执业范围（经营范围）" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="mainScope" label="主要执业范围（仅登记主要的执业范围，非全部诊疗科目）">
            <Select mode="multiple" options={enums.options('practiceScope').map((o) => ({ ...o, label: NON_BASIC.has(o.value) ? `${o.label}（非基本医疗服务）` : o.label }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
