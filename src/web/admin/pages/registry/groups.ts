// The back office's registry pages (menu 公示信息): which kinds each page holds, as tabs when more than one.
import type { RecordKind } from '../../../shared/registry/types.ts';
import { FOUR_LISTS, TEXT_KINDS } from '../../../shared/registry/labels.ts';

export type RegistryGroup = 'profile' | 'officers' | 'lists' | 'texts';

export const REGISTRY_GROUPS: Record<RegistryGroup, { title: string; path: string; kinds: readonly RecordKind[]; intro: string }> = {
  profile: {
    title: '执法主体信息',
    path: '/registry/profile',
    kinds: ['agencyProfile'],
    intro: '本部门作为执法主体的法律依据、法定职责、内设执法机构、管辖范围和联系方式。每个部门一条，修改后经审核发布。',
  },
  officers: {
    title: '执法人员',
    path: '/registry/officer',
    kinds: ['officer'],
    intro: '持有行政执法证件的人员名录。审核通过后在公示平台公开，公众可凭执法证号核验证件是否有效。',
  },
  lists: {
    title: '四类清单',
    path: '/registry/lists',
    kinds: FOUR_LISTS,
    intro: '行政执法事项清单、随机抽查事项清单、音像记录事项清单、重大执法决定法制审核目录清单。',
  },
  texts: {
    title: '服务指南与流程',
    path: '/registry/texts',
    kinds: TEXT_KINDS,
    intro: '服务指南、执法流程图、裁量基准、收费目录、监督方式和救济渠道。',
  },
};
