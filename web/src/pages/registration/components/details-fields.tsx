/**
 * The registration's institution and people fields (the public form and the applicant's correction):
 * USCC, name, kind → type, ownership, county (省 → 市 → 县 cascader from /api/public/regions),
 * address, legal representative, contact. The server checks every field again and names it.
 */
import { useEffect, useState } from 'react';
import { Cascader, Col, Form, Input, Row, Select } from 'antd';
import type { CascaderProps, FormInstance } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import { useEnums } from '../../../meta/enums';

interface RegionOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: RegionOption[];
}
const toOption = (r: { code: string; name: string; hasChildren: boolean }): RegionOption => ({ value: r.code, label: r.name, isLeaf: !r.hasChildren });

/** The path of a county code: its province, its prefecture, itself. */
export const regionPath = (code: string) => [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];

/** A county picker whose value is the whole path; loads the path's levels when given one. */
function CountyPicker({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const [options, setOptions] = useState<RegionOption[]>([]);
  const chosen = value?.join('|') ?? '';
  // the levels of the chosen path are loaded when a value arrives (the correction form sets it after mounting)
  useEffect(() => {
    let live = true;
    void (async () => {
      const top = (await publicApi.regions()).map(toOption);
      let level = top;
      for (const code of chosen ? chosen.split('|').slice(0, -1) : []) {
        const node = level.find((o) => o.value === code);
        if (!node) break;
        node.children = (await publicApi.regions(code)).map(toOption);
        level = node.children;
      }
      if (live) setOptions(top);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [chosen]);
  const loadData: CascaderProps<RegionOption>['loadData'] = async (path) => {
    const target = path[path.length - 1]!;
    try {
      const children = await publicApi.regions(target.value);
      target.children = children.map(toOption);
      if (children.length === 0) target.isLeaf = true;
    } catch {
      target.isLeaf = true;
    }
    setOptions((o) => [...o]);
  };
  return (
    <Cascader<RegionOption>
      aria-label="所在区县"
      placeholder="省 / 市 / 县（区）"
      options={options}
      loadData={loadData}
      value={value}
      onChange={(v) => onChange?.((v ?? []).map(String))}
    />
  );
}

export function DetailsFields({ form }: { form: FormInstance }) {
  const enums = useEnums();
  const kind = Form.useWatch(['details', 'kind'], form) as string | undefined;
  const subtypeKind = enums.map('subtypeKind');
  const subtypes = enums.options('institutionSubtype').filter((o) => !kind || subtypeKind[o.value] === kind);
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={['details', 'uscc']} label="统一社会信用代码" rules={[{ required: true, message: '请填写统一社会信用代码' }, { len: 18, message: '统一社会信用代码应为18位' }]}>
          <Input maxLength={18} placeholder="18位，如 92530102MA0123456X" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['details', 'name']} label="机构名称" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['details', 'kind']} label="机构类别" rules={[{ required: true, message: '请选择机构类别' }]}>
          <Select options={enums.options('institutionKind')} onChange={() => form.setFieldValue(['details', 'subtype'], undefined)} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['details', 'subtype']} label="机构类型" rules={[{ required: true, message: '请选择机构类型' }]}>
          <Select options={subtypes} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['details', 'ownership']} label="所有制形式" rules={[{ required: true, message: '请选择所有制形式' }]}>
          <Select options={enums.options('ownership')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['details', 'regionPath']}
          label="所在区县"
          rules={[{ required: true, message: '请选择所在区县' }, { validator: (_r, v?: string[]) => (!v || v.length >= 3 ? Promise.resolve() : Promise.reject(new Error('请选择到县（区）一级'))) }]}
        >
          <CountyPicker />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['details', 'address']} label="机构地址" rules={[{ required: true, message: '请填写机构地址' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['details', 'legalRepName']} label="法定代表人姓名" rules={[{ required: true, message: '请填写法定代表人姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['details', 'legalRepIdNumber']} label="法定代表人身份证号" rules={[{ required: true, message: '请填写法定代表人身份证号' }, { len: 18, message: '身份证号应为18位' }]}>
          <Input maxLength={18} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['details', 'contactName']} label="联系人姓名" rules={[{ required: true, message: '请填写联系人姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['details', 'contactPhone']} label="联系人电话" rules={[{ required: true, message: '请填写联系人电话' }]}>
          <Input maxLength={30} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The form's values as the API's details (the cascader's path → the county code). */
export function detailsOf(values: { details: Record<string, unknown> & { regionPath?: string[] } }) {
  const { regionPath: path, ...rest } = values.details;
  return { ...rest, regionCode: path?.[path.length - 1] ?? '' } as never;
}

/** Puts a server 400's message next to the field it names ('details.uscc' → ['details','uscc']); false when it names none of the form's. */
export function showFieldError(form: FormInstance, field: string | undefined, message: string): boolean {
  if (!field) return false;
  const path = field.replace(/^body\./, '').split('.');
  if (path[0] !== 'details' && path[0] !== 'account') return false;
  const name = path[1] === 'regionCode' ? ['details', 'regionPath'] : path;
  form.setFields([{ name, errors: [message] }]);
  form.scrollToField(name);
  return true;
}
