/**
 * The application's declaration as the institution enters it: payment categories that fit its kind
 * (the server's PAYMENT_CATEGORIES_BY_KIND via /api/meta/enums), a phone checked as the server checks
 * it, and the draft's declaration editor (PATCH …/declaration, until submission).
 */
import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Modal, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { EditOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { applicationApi } from '../../../api/pipeline-endpoints';
import type { ApplicationDetail, DeclarationPatch } from '../../../api/pipeline-types';
import { useEnums } from '../../../meta/enums';
import { catching } from '../../../utils/catching';
import { DeclaredConditionsFields, declaredConditions } from './declared-conditions';

type Enums = ReturnType<typeof useEnums>;

/** Mobile, landline with area code, or a public service number (src/domain/validators/codes.ts). */
const PHONE_RE = /^(?:(?:\+?86[- ]?)?1[3-9]\d{9}|(?:\(0\d{2,3}\)|0\d{2,3}[- ]?)?[2-9]\d{6,7}(?:[-转#]\d{1,6})?|110|119|120|122|12\d{3}|[48]00[- ]?\d{3}[- ]?\d{4})$/;
export const PHONE_RULE: Rule = {
  validator: async (_r, v: string | undefined) => {
    if (v && v.trim() && !PHONE_RE.test(v.trim())) throw new Error('联系电话格式错误（手机号或带区号的固定电话）');
  },
};

/** The categories an institution of this kind may apply for (all while the kind is unknown). */
export function paymentCategoryOptions(enums: Enums, kind: string | undefined) {
  const fits = kind ? enums.map('paymentCategoriesByKind')[kind]?.split(',') : undefined;
  return enums.options('paymentCategory').filter((o) => !fits || fits.includes(o.value));
}

interface Values {
  contactName?: string;
  contactPhone?: string;
  paymentCategories: string[];
  note?: string;
  conditions?: DeclarationPatch['conditions'];
}

/** 修改申请声明: contact, phone, categories and note of a draft; the server refuses after submission (409). */
export function EditDeclaration({ d, onDone }: { d: ApplicationDetail; onDone: () => void }) {
  const enums = useEnums();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const save = catching(async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await applicationApi.updateDeclaration(d.id, {
        version: d.version, paymentCategories: v.paymentCategories as DeclarationPatch['paymentCategories'], contactName: v.contactName?.trim() ?? '',
        contactPhone: v.contactPhone?.trim() ?? '', note: v.note?.trim() ?? '',
        ...(declaredConditions(v.conditions) ? { conditions: declaredConditions(v.conditions) } : {}),
      });
      message.success('已保存申请声明');
      setOpen(false);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        const field = e.field?.replace(/^body\./, '') as keyof Values | undefined;
        if (field && ['contactName', 'contactPhone', 'paymentCategories', 'note'].includes(field)) {
          form.setFields([{ name: field, errors: [e.message] }]);
        } else {
          message.error(e.message);
          if (e.status === 409) {
            setOpen(false);
            onDone();
          }
        }
      }
    } finally {
      setSaving(false);
    }
  });
  return (
    <>
      <Button size="small" icon={<EditOutlined />} onClick={() => setOpen(true)}>修改申请声明</Button>
      <Modal
        open={open}
        title="修改申请声明（提交前可修改）"
        okText="保存"
        cancelText="取消"
        okButtonProps={{ loading: saving }}
        onOk={save}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ ...d.declaration }}>
          <Form.Item name="paymentCategories" label="申请的医保支付类别" rules={[{ required: true, type: 'array', min: 1, message: '至少申请一个医保支付类别' }]}>
            <Checkbox.Group options={paymentCategoryOptions(enums, d.kind)} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '联系人不能超过50个字符' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="contactPhone" label="联系电话" rules={[PHONE_RULE]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="申请说明" rules={[{ max: 2000, message: '说明不能超过2000个字符' }]}>
            <Input.TextArea rows={3} showCount maxLength={2000} />
          </Form.Item>
          <DeclaredConditionsFields kind={d.kind} />
        </Form>
      </Modal>
    </>
  );
}
