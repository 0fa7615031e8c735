/**
 * 投诉办理查询: the complainant enters the receipt number and the phone given when filing and sees
 * the status and, once the agency has concluded, its finding (decision 0019). A wrong pair answers
 * like an unknown number; nothing about the complainant is shown.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Tag } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import type { ComplaintStatus } from '../../../api/pipeline-types';
import { describeError } from '../../../api/error-display';
import { chinaTime } from '../../../utils/china-date';

export default function ComplaintStatusPage() {
  const [status, setStatus] = useState<ComplaintStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const search = async (v: { number: string; phone: string }) => {
    setLoading(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await publicApi.complaintStatus(v.number, v.phone));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Card title="投诉办理查询">
      <Form layout="inline" onFinish={(v) => void search(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="number" label="受理编号" rules={[{ required: true, whitespace: true, message: '请填写受理编号' }]}>
          <Input placeholder="如 五华医保投诉〔2026〕7号" style={{ width: 260 }} maxLength={40} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[{ required: true, whitespace: true, message: '请填写投诉时填写的联系电话' }]}>
          <Input style={{ width: 180 }} maxLength={30} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading}>
          查询
        </Button>
      </Form>
      {error && <Alert type="warning" showIcon title={error} />}
      {status && (
        <Descriptions bordered column={1} size="small" data-testid="complaint-status">
          <Descriptions.Item label="受理编号">{status.number}</Descriptions.Item>
          <Descriptions.Item label="被举报机构">{status.institutionName}</Descriptions.Item>
          <Descriptions.Item label="受理时间">{chinaTime(status.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label="办理状态">
            <Tag color={status.status === 'resolved' ? 'green' : 'blue'}>{status.statusLabel}</Tag>
          </Descriptions.Item>
          {status.result && (
            <>
              <Descriptions.Item label="处理结果">{status.result.conclusion}</Descriptions.Item>
              <Descriptions.Item label="调查核实情况">
                <span style={{ whiteSpace: 'pre-wrap' }}>{status.result.finding}</span>
              </Descriptions.Item>
              {status.result.resolvedAt && <Descriptions.Item label="办结时间">{chinaTime(status.result.resolvedAt)}</Descriptions.Item>}
            </>
          )}
        </Descriptions>
      )}
    </Card>
  );
}
