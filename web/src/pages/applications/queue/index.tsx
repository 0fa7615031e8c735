/** 定点工作台: the agency's applications in its territory — search, filter chips, server-side sort and paging, remaining 工作日, Excel export (decision 0019). */
import { Card, Typography } from 'antd';
import { ApplicationTable } from '../components/application-table';

export default function QueuePage() {
  return (
    <Card title="定点工作台">
      <Typography.Paragraph type="secondary">
        默认按最近到期的办理时限排序，可点击列标题排序；已逾期的申请标红，公示期满的显示“公示期满，待办理”；已办结的申请默认不显示。可按机构名称、申请编号、统一社会信用代码或医保编码查询，导出的 Excel 与当前筛选结果一致。点击“办理 / 查看”进入申请详情，在“可办理事项”中办理下一环节。
      </Typography.Paragraph>
      <ApplicationTable showInstitution />
    </Card>
  );
}
