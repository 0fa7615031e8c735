/**
 * 资源配置: beds of designated medical institutions per 1,000 insured, per 统筹地区 — published as
 * 云人社发〔2016〕308号 二(四) asks (向社会公开), for every province whose policy profile has the rule.
 * Cards, not a wide table, so that it reads on a phone.
 */
import { Card, Col, Empty, Row, Spin, Statistic, Typography } from 'antd';
import { publicApi } from '../../../api/pipeline-endpoints';
import { useRequest } from '../../../hooks/use-request';

export default function PublicResourcesPage() {
  const { data, error } = useRequest(() => publicApi.beds(), []);
  return (
    <Card title="定点医疗机构资源配置">
      {!data ? (error ? <Empty description="加载失败，请稍后重试" /> : <Spin style={{ display: 'block', padding: 48 }} />) : !data.applies ? (
        <Empty description="本系统所服务地区的政策未规定公开此项统计" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            每千参保人占有定点医疗机构住院床位数，按统筹地区统计（依据：{data.citation}；统计日 {data.asOf}）。参保人数为经办机构填报的最近一次统计。
          </Typography.Paragraph>
          <Row gutter={[12, 12]}>
            {data.regions.map((r) => (
              <Col key={r.regionCode} xs={24} sm={12} lg={8}>
                <Card size="small" title={r.regionName}>
                  <Statistic title="每千参保人床位数" value={r.bedsPerThousand ?? '尚未填报参保人数'} precision={r.bedsPerThousand === null ? undefined : 2} />
                  <Typography.Text type="secondary">
                    定点医疗机构 {r.designatedInstitutions} 家，住院床位 {r.beds} 张
                    {r.insured ? `；参保 ${r.insured.persons.toLocaleString('zh-CN')} 人（${r.insured.asOf}，${r.insured.source}）` : ''}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </Card>
  );
}
