/**
 * Excel 导入: the template, the file, the mode (全部或全不 / 仅导入无误的行), a check first, then the import;
 * the result with the rejected rows (downloadable as Excel with a message column) and the new logins'
 * temporary passwords, shown once.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Radio, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { expertPoolApi, type ImportMode, type ImportResult } from '../../../api/expert-pool-endpoints';

export function ImportDialog({ poolId, onClose }: { poolId: string; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Exclude<ImportMode, 'check'>>('all');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (m: ImportMode) => {
    if (!file) return;
    setBusy(m);
    try {
      setResult(await expertPoolApi.importFile(poolId, file, m));
    } catch {
      // shown by the error sink
    } finally {
      setBusy(null);
    }
  };
  const download = async (what: 'template' | 'rejected') => {
    setError(null);
    try {
      if (what === 'template') await expertPoolApi.downloadTemplate(poolId);
      else if (file) await expertPoolApi.downloadRejected(poolId, file);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Modal open title="从 Excel 导入专家库" width={820} footer={<Button onClick={onClose}>关闭</Button>} onCancel={onClose} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">
          按模板填写（第1行为中文表头）。以身份证号识别同一专家：信息相同的行不作改动，有变化的行更新；同一文件重复导入不产生任何变化。
          <Button type="link" icon={<DownloadOutlined />} onClick={() => download('template')}>下载导入模板</Button>
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} />}
        <Upload.Dragger accept=".xlsx" maxCount={1} beforeUpload={(f) => { setFile(f); setResult(null); return false; }}
          onRemove={() => { setFile(null); setResult(null); }} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或拖入 .xlsx 文件（不超过5MB）</p>
        </Upload.Dragger>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
          <Radio value="all">全部或全不（有任何错误行则整份不导入）</Radio>
          <Radio value="valid">仅导入无误的行（错误行列出，不导入）</Radio>
        </Radio.Group>
        <Space>
          <Button disabled={!file} loading={busy === 'check'} onClick={() => run('check')}>校验</Button>
          <Button type="primary" disabled={!file} loading={busy === mode} onClick={() => run(mode)}>导入</Button>
        </Space>
        {result && (
          <>
            <Alert
              type={result.applied ? (result.rejected ? 'warning' : 'success') : result.mode === 'check' ? 'info' : 'error'}
              showIcon
              title={result.mode === 'check' ? '校验结果（未写入）'
                : result.applied ? '已导入' : '文件中有错误行，按“全部或全不”未导入任何一行'}
            />
            <Descriptions size="small" bordered column={5} items={[
              { key: 't', label: '总行数', children: result.total },
              { key: 'c', label: '新增', children: result.created },
              { key: 'u', label: '更新', children: result.updated },
              { key: 'n', label: '无变化', children: result.unchanged },
              { key: 'r', label: '错误行', children: result.rejected },
            ]} />
            {result.rejectedRows.length > 0 && (
              <>
                <Space><Typography.Text strong>错误行</Typography.Text><Button size="small" icon={<DownloadOutlined />} onClick={() => download('rejected')}>下载错误行（Excel）</Button></Space>
                <Table size="small" rowKey="row" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={result.rejectedRows}
                  columns={[{ title: '行号', dataIndex: 'row', width: 60 }, { title: '姓名', dataIndex: 'name', width: 100 }, { title: '错误说明', dataIndex: 'message' }]} />
              </>
            )}
            {result.accounts.length > 0 && (
              <>
                <Alert type="warning" showIcon title="以下为新开立账号的临时密码，仅在此显示一次，请妥善转交专家本人" />
                <Table size="small" rowKey="row" pagination={false} dataSource={result.accounts}
                  columns={[{ title: '行号', dataIndex: 'row', width: 60 }, { title: '姓名', dataIndex: 'name' }, { title: '登录用户名', dataIndex: 'username' },
                    { title: '临时密码', dataIndex: 'temporaryPassword', render: (v: string) => <Typography.Text code copyable>{v}</Typography.Text> }]} />
              </>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
