/** 录入年度日历 (sysadmin): the State Council's exception days, one editable row each. */
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../../api/client';
import { calendarApi } from '../../../../api/endpoints';
import type { CalendarDayKind } from '../../../../api/types';
import { calendarKindLongLabel } from '../../../../locale/zh-CN';

interface Row {
  day: Dayjs | null;
  kind: CalendarDayKind;
  name: string;
}
interface Values {
  year: number;
  source: string;
  days: Row[];
}

export function YearForm({ onSaved }: { onSaved: (year: number) => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [loadingCopy, setLoadingCopy] = useState(false);
  const { message } = App.useApp();
  const year = Form.useWatch('year', form);

  const loadExisting = async () => {
    if (!year) return;
    setLoadingCopy(true);
    try {
      const d = await calendarApi.year(year, { quiet: true });
      form.setFieldsValue({
        source: d.source,
        days: d.days.map((x) => ({ day: dayjs(x.day), kind: x.kind, name: x.name })),
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) message.info(`${year} 年尚未录入，请逐日填写`);
      else message.error(e instanceof Error ? e.message : '载入失败');
    } finally {
      setLoadingCopy(false);
    }
  };

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      // same order as the rows, so a server error on days.N points at row N
      const days = (v.days ?? []).map((r) => ({ day: r.day ? r.day.format('YYYY-MM-DD') : '', kind: r.kind, name: r.name.trim() }));
      await calendarApi.putYear(v.year, v.source.trim(), days);
      message.success(`${v.year} 年工作日历已保存`);
      onSaved(v.year);
    } catch (e) {
      // the client has shown the message; also mark the row it names (field "body.days.3.kind")
      const m = e instanceof ApiError ? /^body\.days\.(\d+)\.(day|kind|name)$/.exec(e.field ?? '') : null;
      if (m && e instanceof ApiError) form.setFields([{ name: ['days', Number(m[1]), m[2] as keyof Row], errors: [e.message] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ year: dayjs().year() + 1, source: '', days: [{ day: null, kind: 'holiday', name: '' }] }}
      onFinish={(v) => void submit(v)}
    >
      <Typography.Paragraph type="secondary">
        只录入与“周一至周五上班、周末休息”不同的日子：法定节假日（休）与调休上班日（班，须为周六或周日）。
        依据国务院办公厅当年发布的放假安排通知。
      </Typography.Paragraph>
      <Space align="start" wrap>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="source" label="来源文件" rules={[{ required: true, whitespace: true, message: '请填写来源，如 国办发明电〔2025〕7号' }]}>
          <Input style={{ width: 320 }} placeholder="如 国办发明电〔2025〕7号" />
        </Form.Item>
        <Form.Item label=" ">
          <Button onClick={() => void loadExisting()} loading={loadingCopy} disabled={!year}>
            载入该年已有数据
          </Button>
        </Form.Item>
      </Space>
      <Form.List name="days">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'day']} rules={[{ required: true, message: '请选择日期' }]}>
                  <DatePicker placeholder="日期" />
                </Form.Item>
                <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                  <Select style={{ width: 170 }} options={Object.entries(calendarKindLongLabel).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
                  <Input placeholder="名称，如 春节" style={{ width: 200 }} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除此行" />
              </Space>
            ))}
            <Form.Item>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ day: null, kind: 'holiday', name: '' })}>
                添加一天
              </Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={saving}>
        保存并发布
      </Button>
    </Form>
  );
}
