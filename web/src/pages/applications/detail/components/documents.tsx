/** 文书: every notice the procedure issued, with its number, as PDF and DOCX downloads. */
import { Space, Table } from 'antd';
import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { documentUrl } from '../../../../api/pipeline-endpoints';
import type { ApplicationDocument } from '../../../../api/pipeline-types';
import { useEnums } from '../../../../meta/enums';
import { PIPELINE_ENUM } from '../../../../locale/pipeline';
import { chinaTime } from '../../../../utils/china-date';

export function Documents({ appId, rows }: { appId: string; rows: ApplicationDocument[] }) {
  const enums = useEnums();
  return (
    <Table<ApplicationDocument>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '尚未出具文书' }}
      columns={[
        { title: '文书', dataIndex: 'title', render: (v: string, r) => v || enums.label(PIPELINE_ENUM.documentKind, r.kind) },
        { title: '文号', dataIndex: 'number' },
        { title: '出具时间', dataIndex: 'issuedAt', render: (v: string) => chinaTime(v) },
        {
          title: '下载',
          key: 'dl',
          render: (_, r) => (
            <Space>
              <a href={documentUrl(appId, r.id, 'pdf')} target="_blank" rel="noopener noreferrer">
                <FilePdfOutlined /> PDF
              </a>
              <a href={documentUrl(appId, r.id, 'docx')} download>
                <FileWordOutlined /> DOCX
              </a>
            </Space>
          ),
        },
      ]}
    />
  );
}
