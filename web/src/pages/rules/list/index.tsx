/** 政策规则: the rules of a profile as of a date, and a diff between two profiles. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Space, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { rulesApi } from '../../../api/endpoints';
import { useRequest } from '../../../hooks/use-request';
import { chinaToday } from '../../../utils/china-date';
import { ProfileSelect } from './components/profile-select';
import { RulesTable } from './components/rules-table';
import { DiffTab } from './components/diff-tab';

export default function RulesPage() {
  const profilesReq = useRequest(() => rulesApi.profiles(), []);
  const profiles = useMemo(() => profilesReq.data ?? [], [profilesReq.data]);
  const [profileId, setProfileId] = useState<string>();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const asOfText = asOf ? asOf.format('YYYY-MM-DD') : undefined;

  useEffect(() => {
    if (!profileId && profiles.length) setProfileId((profiles.find((p) => !p.draft) ?? profiles[0])?.id);
  }, [profiles, profileId]);

  const { data, loading } = useRequest(
    () => (profileId ? rulesApi.rules(profileId, asOfText) : null),
    [profileId, asOfText],
  );
  const profile = data?.profile ?? profiles.find((p) => p.id === profileId);
  const parent = profile?.extends ? profiles.find((p) => p.id === profile.extends) : undefined;

  return (
    <Card title="政策规则">
      <Tabs
        items={[
          {
            key: 'rules',
            label: '规则列表',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <ProfileSelect profiles={profiles} value={profileId} onChange={setProfileId} />
                  <DatePicker value={asOf} onChange={setAsOf} placeholder="适用日期（默认今天）" allowClear style={{ width: 200 }} />
                </Space>
                {profile && (
                  <Typography.Paragraph type="secondary">
                    {profile.name}
                    {profile.regionCode ? `\u3000区划 ${profile.regionCode}` : ''}
                    {parent ? `\u3000继承自「${parent.name}」` : profile.extends ? `\u3000继承自 ${profile.extends}` : ''}
                    {profile.effectiveFrom ? `\u3000自 ${profile.effectiveFrom} 起施行` : ''}
                    {`\u3000按 ${data?.asOf ?? asOfText ?? chinaToday()} 生效的规则显示`}
                    {data?.version ? `\u3000规则集版本 ${data.version}` : ''}
                  </Typography.Paragraph>
                )}
                {profile?.draft && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title="该配置依据的是征求意见稿（草案），正式文件发布前仅供参考。"
                  />
                )}
                <RulesTable rules={data?.rules ?? []} loading={loading || profilesReq.loading} />
              </>
            ),
          },
          { key: 'diff', label: '差异对比', children: <DiffTab profiles={profiles} asOf={asOfText} /> },
        ]}
      />
    </Card>
  );
}
