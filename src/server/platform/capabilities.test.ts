// Capabilities from roles and scope: the menu is the union of the roles' pages in menu order, and a capability that
// acts for an agency or over a division needs that binding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { capabilitiesOf, MENU_BY_ROLE, MENU_KEYS } from './capabilities.ts';
import { ROLES } from '../../shared/roles.ts';

const user = (roles: (typeof ROLES)[number][], agencyId: string | null = null, divisionCode: string | null = null) => ({
  roles,
  agencyId,
  divisionCode,
});

test('every role opens the dashboard; pages come in menu order, a union for several roles', () => {
  for (const r of ROLES) {
    const { pages } = capabilitiesOf(user([r], 'a'));
    assert.equal(pages[0], 'dashboard', r);
    assert.deepEqual(
      pages,
      MENU_KEYS.filter((k) => MENU_BY_ROLE[r].includes(k)),
      r,
    );
  }
  const both = capabilitiesOf(user(['officer', 'disclosureEditor'], 'a')).pages;
  assert.deepEqual(
    both,
    MENU_KEYS.filter((k) => MENU_BY_ROLE.officer.includes(k) || MENU_BY_ROLE.disclosureEditor.includes(k)),
  );
});

test('capabilities that act for an agency or over a division need the binding', () => {
  assert.ok(capabilitiesOf(user(['officer'], 'a')).actions.includes('openCase'));
  assert.ok(!capabilitiesOf(user(['officer'])).actions.includes('openCase'));
  assert.ok(capabilitiesOf(user(['supervisor'], null, '150000')).actions.includes('switchScope'));
  assert.ok(!capabilitiesOf(user(['supervisor'])).actions.includes('switchScope'));
  assert.deepEqual(capabilitiesOf(user([])), { pages: [], actions: [], scope: 'none' });
});

test('scope: the deployment for an unbound administrator, else the division or the agency bound', () => {
  assert.equal(capabilitiesOf(user(['administrator'])).scope, 'all');
  assert.equal(capabilitiesOf(user(['administrator'], null, '150500')).scope, 'division');
  assert.equal(capabilitiesOf(user(['supervisor'], null, '150500')).scope, 'division');
  assert.equal(capabilitiesOf(user(['disclosureEditor'], 'a')).scope, 'agency');
});
