// An agency's published profile (执法主体信息): legal basis, duties, internal units, jurisdiction, addresses, phones.
import { Alert } from 'antd';
import { RecordFields } from '../../../shared/registry/RecordFields.tsx';
import type { PublicAgencyDetail } from '../../../shared/registry/types.ts';

export function AgencyProfile({ agency }: { agency: PublicAgencyDetail }) {
  if (!agency.profile)
    return (
      <Alert
        type="info"
        showIcon
        title="该部门尚未公示执法主体信息（法律依据、职责、管辖范围和联系方式）。"
        data-testid="profile-missing"
      />
    );
  return <RecordFields kind="agencyProfile" data={agency.profile} publicView />;
}
