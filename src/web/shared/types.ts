// The shapes the web apps receive from the API. Type-only imports of the server's zod-derived types, so a change in
// the server contract fails `tsc` here; `import type` is erased at build time and pulls no server code into the bundle.
import type { UserView, CreateUserInput, SessionUser } from '../../server/modules/identity/identity.schema.ts';
import type { AgencyView, DivisionView } from '../../server/modules/registry/registry.schema.ts';
import type { YearSchedule } from '../../server/platform/calendar/calendar.schema.ts';
import type { PolicyPack, RuleSource } from '../../server/platform/policy/policy.schema.ts';
import type { Role } from '../../server/platform/access.ts';

export type { Role, PolicyPack, RuleSource, YearSchedule };
export type User = UserView;
/** The signed-in user, with what they may open and do (`capabilities`). */
export type { SessionUser };
export type CreateUserBody = CreateUserInput;
export type Agency = AgencyView;
export type Division = DivisionView;

export interface DivisionDetail extends Division {
  ancestors: Division[];
  children: Division[];
  policyId: string;
}

export interface LoginReply {
  csrfToken: string;
  user: SessionUser;
}

export interface MeReply {
  user: SessionUser;
  csrfToken: string | null;
}

export interface ApiToken {
  id: string;
  userId: string;
  username: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface IssuedToken extends ApiToken {
  token: string;
}

export interface Items<T> {
  items: T[];
}

export interface CalendarYearSummary {
  year: number;
  notice: string;
  title: string;
  source: 'shipped' | 'loaded';
  loadedAt: string | null;
  loadedBy: string | null;
  holidayCount: number;
  adjustedWorkdayCount: number;
}

export interface AddWorkingDaysReply {
  date: string;
  scheduleComplete: boolean;
  missingYears: number[];
}

export interface DayInfo {
  date: string;
  working: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'adjustedWorkday';
  name?: string;
  notice?: string;
  scheduleComplete: boolean;
}

export interface PolicySummary {
  id: string;
  name: string;
  jurisdiction: string;
  version: string;
  divisionCodes: string[];
  isDefault: boolean;
}

export interface PolicyList {
  defaultId: string;
  items: PolicySummary[];
}
