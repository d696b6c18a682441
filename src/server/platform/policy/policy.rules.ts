// Which policy pack applies to a division (pure, no I/O).
//
// A deployment has a default pack (SANXIANG_POLICY, default nmg-244). An administrator may assign another pack to a
// division (policy_assignments); it applies to that division and everything below it, unless a nearer division has
// its own assignment.

/**
 * The pack id for `divisionCode`: the override of the nearest division walking up `ancestry`, else `defaultPackId`.
 *
 * @param ancestry codes from the division up to the root, nearest first. Whether or not it starts with
 *   `divisionCode` itself, the division's own override is considered first.
 * @param overrides divisionCode → packId (current assignments only; a removed assignment is simply absent).
 */
export function resolvePolicyForDivision(
  divisionCode: string,
  ancestry: string[],
  overrides: Map<string, string>,
  defaultPackId: string,
): string {
  const chain = ancestry[0] === divisionCode ? ancestry : [divisionCode, ...ancestry];
  for (const code of chain) {
    const packId = overrides.get(code);
    if (packId !== undefined && packId !== '') return packId;
  }
  return defaultPackId;
}

/**
 * GB/T 2260 ancestry of a six-digit code by its zero pairs, nearest first, including the code itself:
 * 150525 → [150525, 150500, 150000]; 150500 → [150500, 150000]; 150000 → [150000].
 * For use when the division table is not at hand; the table's parent links are authoritative
 * (e.g. county-level units directly under a province, whose codes do not name a real prefecture).
 */
export function divisionCodeAncestry(code: string): string[] {
  if (!/^[1-9]\d{5}$/.test(code)) throw new Error(`not a GB/T 2260 division code: "${code}"`);
  const chain = [code];
  const prefecture = `${code.slice(0, 4)}00`;
  const province = `${code.slice(0, 2)}0000`;
  if (prefecture !== code && prefecture !== province) chain.push(prefecture);
  if (province !== code) chain.push(province);
  return chain;
}
