// The page-level capabilities the server sends with the user (platform/capabilities.ts) agree with the modules'
// policies that decide the requests: a control shown is one the server then allows, and one hidden is refused. Every
// role alone and in pairs, bound as the identity policy binds it. Pure: no database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capabilitiesOf, type Capability } from '../../src/server/platform/capabilities.ts';
import { DIVISION_ROLES, ROLES, type Role } from '../../src/shared/roles.ts';
import type { Actor } from '../../src/server/platform/access.ts';
import { assertMayRegister, mayDecideAccess, mayLodgeAccessRequest } from '../../src/server/modules/cases/case.policy.ts';
import { mayDraft, mayReview } from '../../src/server/modules/registry/record.policy.ts';
import { mayReadCorrections } from '../../src/server/modules/disclosure/disclosure.policy.ts';

const AGENCY = '00000000-0000-4000-8000-00000000000a';

/** An actor with these roles, bound as the identity policy requires (agency roles to an agency, others to a division). */
function actorOf(roles: Role[]): Actor | null {
  const division = roles.some((r) => DIVISION_ROLES.includes(r));
  const agency = roles.some((r) => r !== 'administrator' && !DIVISION_ROLES.includes(r));
  if (division && agency) return null;
  return {
    userId: 'u',
    username: 'u',
    displayName: 'u',
    roles,
    agencyId: agency ? AGENCY : null,
    divisionCode: division ? '150500' : null,
    via: 'session',
  };
}

const passes = (f: () => void) => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

/** What each capability promises, as the module that serves it decides. */
const SERVER: Partial<Record<Capability, (a: Actor) => boolean>> = {
  openCase: (a) => passes(() => assertMayRegister(a, a.agencyId ?? AGENCY)),
  lodgeAccessRequest: (a) => mayLodgeAccessRequest(a, a.agencyId ?? AGENCY),
  decideAccessRequests: (a) => mayDecideAccess(a, a.agencyId ?? AGENCY),
  draftRegistry: (a) => mayDraft(a, a.agencyId ?? AGENCY),
  reviewRegistry: (a) => mayReview(a, a.agencyId ?? AGENCY, 'someone else'),
  readCorrections: (a) => mayReadCorrections(a),
};

test('each capability is held exactly by the users its module lets do it', () => {
  const sets: Role[][] = [...ROLES.map((r) => [r]), ...ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b]))];
  let checked = 0;
  for (const roles of sets) {
    const actor = actorOf(roles);
    if (!actor) continue;
    const held = capabilitiesOf(actor).actions;
    for (const [cap, allowed] of Object.entries(SERVER) as [Capability, (a: Actor) => boolean][]) {
      assert.equal(held.includes(cap), allowed(actor), `${roles.join('+')}: ${cap}`);
      checked++;
    }
  }
  assert.ok(checked > 100);
});
