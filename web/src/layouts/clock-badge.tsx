/** Sandbox clock: shows the simulated time; a sysadmin can move it forward. */
import { useState } from 'react';
import { Button, Form, InputNumber, Modal, Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, FastForwardOutlined } from '@ant-design/icons';
import { clockApi } from '../api/endpoints';
import { useRequest } from '../hooks/use-request';
import { useSession } from '../session/session';
import { catching } from '../utils/catching';
import { chinaTime } from '../utils/china-date';

export function ClockBadge() {
  const { access } = useSession();
  const { data, reload } = useRequest(() => clockApi.get(), []);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ days: number }>();

  if (!data?.sandbox) return <span />;

  const submit = async () => {
    const { days } = await form.validateFields();
    setSaving(true);
    try {
      await clockApi.advance(days);
      setOpen(false);
      reload();
      // everything on screen may depend on "today": reload the page's data
      window.location.reload();
    } catch {
      // shown by the client
    } finally {
      setSaving(false);
    }
  };

  return (
    <span>
      <Tooltip title={`沙箱模式：系统时间偏移 ${Math.round(data.offsetMs / 86_400_000)} 天`}>
        <Tag icon={<ClockCircleOutlined />} color="orange" style={{ fontSize: 13, padding: '2px 8px' }}>
          模拟时间 {chinaTime(data.now)}
        </Tag>
      </Tooltip>
      {access.canAdvanceClock && (
        <Button size="small" icon={<FastForwardOutlined />} onClick={() => setOpen(true)}>
          时间前进
        </Button>
      )}
      <Modal
        title="时间前进"
        open={open}
        onOk={catching(submit)}
        confirmLoading={saving}
        onCancel={() => setOpen(false)}
        okText="前进"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ days: 1 }} preserve={false}>
          <Form.Item
            name="days"
            label="前进天数"
            rules={[{ required: true, message: '请输入天数' }]}
            extra="仅沙箱模式可用；期限扫描会按新的时间运行。"
          >
            <InputNumber min={1} max={3650} precision={0} suffix="天" style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
    </span>
  );
}
