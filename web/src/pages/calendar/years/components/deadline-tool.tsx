/** 期限计算: from a start date, n workdays / natural days / months → due date, with the reckoning explained. */
import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Form, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { calendarApi } from '../../../../api/endpoints';
import type { DeadlineResult, DeadlineUnit } from '../../../../api/types';
import { deadlineUnitLabel } from '../../../../locale/zh-CN';

interface Values {
  from: Dayjs;
  n: number;
  unit: DeadlineUnit;
}

export function DeadlineTool() {
  const [result, setResult] = useState<DeadlineResult | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      setResult(await calendarApi.compute(v.from.format('YYYY-MM-DD'), v.n, v.unit));
    } catch {
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Form<Values> layout="inline" initialValues={{ from: dayjs(), n: 5, unit: 'workday' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="from" label="起算日" rules={[{ required: true, message: '请选择起算日' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="n" label="期限" rules={[{ required: true, message: '请输入期限' }]}>
          <InputNumber min={0} max={3650} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="unit" rules={[{ required: true }]}>
          <Select style={{ width: 110 }} options={Object.entries(deadlineUnitLabel).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            计算
          </Button>
        </Form.Item>
      </Form>
      {result && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
          {result.provisional && (
            <Alert
              type="warning"
              showIcon
              title="该年度日历尚未发布"
              description={`${(result.missingYears ?? []).join('、')} 年的放假安排尚未录入：已按《全国年节及纪念日放假办法》计入法定节假日，调休上班日尚不可知，结果为暂定日期；日历发布后请重新计算。`}
            />
          )}
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="到期日">
              <strong>{result.due}</strong>（{dayjs(result.due).format('dddd')}）{result.provisional ? '（暂定）' : ''}
            </Descriptions.Item>
            <Descriptions.Item label="计算说明">
              <span style={{ whiteSpace: 'pre-wrap' }}>{result.explanation}</span>
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </div>
  );
}
