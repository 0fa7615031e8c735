/** 我的协议 · 协议详情: the agreement's state, timeline and notices; the institution's requests (中止、解除、恢复履行) with the rules shown first. */
import { AgreementPage } from '../../agency/agreement-common/agreement-page';
import { InstitutionActions } from './components/request-forms';
import { RenewalApplicationCard } from './components/renewal-application';

export default function InstitutionAgreementDetailPage() {
  return (
    <AgreementPage
      back={{ to: '/institution/agreements', label: '我的协议' }}
      actions={(p) => (
        <>
          <InstitutionActions {...p} />
          <div style={{ marginTop: 12 }}>
            <RenewalApplicationCard agreementId={p.d.agreement.id} live={p.d.agreement.lifeState === 'in_force' || p.d.agreement.lifeState === 'suspended'} />
          </div>
        </>
      )}
    />
  );
}
