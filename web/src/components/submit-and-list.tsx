/**
 * The institution's "mine" pages that submit one thing and follow what was submitted (协议争议, 评价经办机构):
 * a form card with its article in the intro, one submit that shows success or the one error display, then
 * the list of the institution's own items, refreshed after each submit.
 */
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Form, Space, Typography, type FormInstance } from 'antd';
import { describeError } from '../api/error-display';

export function SubmitAndList<T extends object>({ formTitle, intro, form, submitLabel, onSubmit, success, listTitle, list, children }: {
  formTitle: string;
  /** what may be submitted and under which article */
  intro: ReactNode;
  form: FormInstance<T>;
  submitLabel: string;
  onSubmit: (values: T) => Promise<unknown>;
  success: string;
  listTitle: string;
  /** the institution's own items; refreshKey changes after each successful submit */
  list: (refreshKey: number) => ReactNode;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const [refresh, setRefresh] = useState(0);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await onSubmit(v);
      message.success(success);
      form.resetFields();
      setRefresh((x) => x + 1);
    } catch (e) {
      message.error(describeError(e));
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={formTitle}>
        <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
        <Form form={form} layout="vertical" style={{ maxWidth: 720 }}>
          {children}
          <Button type="primary" onClick={() => void submit()}>{submitLabel}</Button>
        </Form>
      </Card>
      <Card title={listTitle}>{list(refresh)}</Card>
    </Space>
  );
}
