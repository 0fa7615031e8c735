/** 新增 / 编辑专家: the server checks every field (身份证号 check digit, USCC, dates) and answers in Chinese. */
import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { expertPoolApi, SPECIALTY_OPTIONS, type AddedExpert, type PoolExpert } from '../../../api/expert-pool-endpoints';

interface Values {
  name: string;
  idNumber: string;
  specialties: string[];
  employer: string;
  employerUscc: string;
  phone?: string;
  term: [Dayjs, Dayjs];
  username?: string;
}

export function ExpertDialog({ poolId, expert, onClose, onSaved }: {
  poolId: string; expert: PoolExpert | null; onClose: () => void; onSaved: (added: AddedExpert | null) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      name: v.name, idNumber: v.idNumber, specialties: v.specialties as never, employer: v.employer, employerUscc: v.employerUscc,
      phone: v.phone || null, termFrom: v.term[0].format('YYYY-MM-DD'), termTo: v.term[1].format('YYYY-MM-DD'),
    };
    setBusy(true);
    try {
      if (expert) {
        await expertPoolApi.edit(poolId, expert.id, { ...body, version: expert.version });
        onSaved(null);
      } else {
        onSaved(await expertPoolApi.add(poolId, { ...body, username: v.username ?? '' }));
      }
    } catch {
      // shown by the error sink
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={expert ? `编辑专家：${expert.name}` : '新增专家'} okText="保存" cancelText="取消" confirmLoading={busy} onOk={submit} onCancel={onClose} width={640} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={expert ? {
        name: expert.name, specialties: expert.specialties, employer: expert.employer ?? '', employerUscc: expert.employerUscc ?? '',
        phone: expert.phone ?? '', term: [dayjs(expert.termFrom), expert.termTo ? dayjs(expert.termTo) : dayjs(expert.termFrom).add(3, 'year')],
      } : { specialties: [] }}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="idNumber" label="身份证号" extra={expert ? `当前：${expert.idNumberMasked ?? '待补录'}；修改时须完整填写` : undefined}
          rules={[{ required: true, message: '请填写身份证号' }, { len: 18, message: '身份证号应为18位' }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="specialties" label="专业（评估小组抽取依据）" rules={[{ required: true, message: '至少选择一个专业' }]}>
          <Select mode="multiple" options={SPECIALTY_OPTIONS.map((o) => ({ value: o.value, label: o.label }))} />
        </Form.Item>
        <Form.Item name="employer" label="工作单位" rules={[{ required: true, message: '请填写工作单位' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="employerUscc" label="工作单位统一社会信用代码" extra="申请机构为该单位时，不抽取该专家（利益冲突回避）"
          rules={[{ required: true, message: '请填写工作单位统一社会信用代码' }, { len: 18, message: '统一社会信用代码应为18位' }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话"><Input maxLength={30} /></Form.Item>
        <Form.Item name="term" label="聘期" rules={[{ required: true, message: '请选择聘期' }]}><DatePicker.RangePicker /></Form.Item>
        {!expert && (
          <Form.Item name="username" label="登录用户名" extra="3～40位小写字母、数字、下划线；保存后显示一次临时密码"
            rules={[{ required: true, message: '请填写登录用户名' }]}>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
