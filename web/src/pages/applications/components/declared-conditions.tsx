/**
 * 基本条件申报 (decision 0023): the facts of the basic conditions the registry does not hold —
 * physicians and their first registration (国家医疗保障局令第2号 第六条(二)), 医保 staff and department
 * (第六条(三)), pharmacists and 医保 staff of a pharmacy (令第3号 第五条), a care home's licence and staff
 * (吉医保规〔2023〕1号 第九条(一)(三)). Every field may stay empty: the check then says 无法判断 and the
 * agency verifies it; nothing left empty counts as met.
 */
import { Button, Checkbox, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { CreateApplicationBody } from '../../../api/pipeline-types';

type Declared = NonNullable<CreateApplicationBody['conditions']>;

const YES_NO = [{ value: true, label: '是' }, { value: false, label: '否' }];
const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式为 YYYY-MM-DD' };

export function DeclaredConditionsFields({ kind }: { kind: string | undefined }) {
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', padding: '8px 16px', marginBottom: 16 }}>
      <legend style={{ width: 'auto', fontSize: 14, padding: '0 4px' }}>基本条件申报（可不填；未填的由经办机构核查）</legend>
      {kind === 'medical' && (
        <>
          <Typography.Paragraph type="secondary">国家医疗保障局令第2号 第六条(二)(三)：第一注册地在本机构、注册满3个月的医师；医保管理人员；100张床位以上设内部医保管理部门。</Typography.Paragraph>
          <Form.List name={['conditions', 'physicians']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} label="医师姓名" rules={[{ required: true, whitespace: true, message: '请填写医师姓名' }, { max: 50, message: '不能超过50个字符' }]}>
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'registeredSince']} label="注册日期" rules={[{ required: true, message: '请填写注册日期' }, DATE_RULE]}>
                      <Input style={{ width: 140 }} placeholder="YYYY-MM-DD" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'firstRegisteredHere']} valuePropName="checked" initialValue={true}>
                      <Checkbox>第一注册地在本机构</Checkbox>
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除该医师" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 12 }}>添加医师</Button>
              </>
            )}
          </Form.List>
          <Space size="large" wrap>
            <Form.Item name={['conditions', 'hasInsuranceStaff']} label="配备专（兼）职医保管理人员">
              <Radio.Group options={YES_NO} />
            </Form.Item>
            <Form.Item name={['conditions', 'hasInternalInsuranceDept']} label="设内部医保管理部门">
              <Radio.Group options={YES_NO} />
            </Form.Item>
          </Space>
        </>
      )}
      {kind === 'pharmacy' && (
        <Space size="large" wrap>
          <Form.Item name={['conditions', 'licensedPharmacistsWithContract']} label="签订1年以上劳动合同的执业药师（人）">
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
          <Form.Item name={['conditions', 'insuranceStaffWithContract']} label="签订1年以上劳动合同的医保管理人员（人）">
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
        </Space>
      )}
      {kind === 'ltc' && (
        <Space size="large" wrap>
          <Form.Item name={['conditions', 'ltc', 'hasLicence']} label="取得有效的养老或护理机构许可证（或民政备案）">
            <Radio.Group options={YES_NO} />
          </Form.Item>
          <Form.Item name={['conditions', 'ltc', 'medicalOrNursingStaff']} label="医学或护理学背景人员（人）">
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
          <Form.Item name={['conditions', 'ltc', 'socialWorkerOrCaregiver']} label="社会工作者或二级及以上养老护理员（人）">
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
        </Space>
      )}
    </fieldset>
  );
}

/**
 * What the form holds, as the API takes it: empty fields left out (无法判断, never a pass); an LTC
 * block only when all three of its answers are given.
 */
export function declaredConditions(v: Partial<Declared> | undefined): Declared | undefined {
  if (!v) return undefined;
  const out: Declared = {};
  const physicians = (v.physicians ?? []).filter((p) => p && p.name?.trim() && p.registeredSince)
    .map((p) => ({ name: p.name.trim(), registeredSince: p.registeredSince, firstRegisteredHere: p.firstRegisteredHere !== false }));
  if (physicians.length) out.physicians = physicians;
  if (typeof v.hasInsuranceStaff === 'boolean') out.hasInsuranceStaff = v.hasInsuranceStaff;
  if (typeof v.hasInternalInsuranceDept === 'boolean') out.hasInternalInsuranceDept = v.hasInternalInsuranceDept;
  if (typeof v.licensedPharmacistsWithContract === 'number') out.licensedPharmacistsWithContract = v.licensedPharmacistsWithContract;
  if (typeof v.insuranceStaffWithContract === 'number') out.insuranceStaffWithContract = v.insuranceStaffWithContract;
  const l = v.ltc;
  if (l && typeof l.hasLicence === 'boolean' && typeof l.medicalOrNursingStaff === 'number' && typeof l.socialWorkerOrCaregiver === 'number') out.ltc = l;
  return Object.keys(out).length ? out : undefined;
}
