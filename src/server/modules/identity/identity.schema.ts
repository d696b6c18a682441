import { z } from 'zod';
import { ROLES } from '../../platform/access.ts';
import { CAPABILITY_IDS, MENU_KEYS } from '../../platform/capabilities.ts';

export const roleSchema = z.enum(ROLES);
export const usernameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '用户名只能包含小写字母、数字和 . _ -，2 到 64 位');
const uuid = z.uuid();
const divisionCode = z.string().regex(/^[1-9]\d{5}$/, '行政区划代码为 6 位数字');

export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const loginReply = z.object({ csrfToken: z.string(), user: z.lazy(() => sessionUser) });

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  certificateNumber: z.string().nullable().describe('本人在执法人员名录中的执法证号（法制审核人员的法律职业资格据此核验）'),
});
export type UserView = z.infer<typeof userView>;

/** What the signed-in user may open and do in the back office (platform/capabilities.ts); the server checks again. */
export const capabilities = z.object({
  pages: z.array(z.enum(MENU_KEYS)).describe('the back-office pages the user opens (its menu), in menu order'),
  actions: z.array(z.enum(CAPABILITY_IDS)).describe('page-level capabilities the user holds (objects carry their own `actions`)'),
  scope: z.enum(['all', 'division', 'agency', 'none']).describe('what the user sees: the whole deployment, a division subtree, one agency'),
});

/** The signed-in user, with their capabilities (login, GET /auth/me). */
export const sessionUser = userView.extend({ capabilities });
export type SessionUser = z.infer<typeof sessionUser>;

export const meReply = z.object({ user: sessionUser, csrfToken: z.string().nullable() });

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().min(1).max(50),
  password: z.string().min(1).max(256),
  roles: z.array(roleSchema).min(1),
  agencyId: uuid.nullable().optional(),
  divisionCode: divisionCode.nullable().optional(),
  certificateNumber: z.string().trim().toUpperCase().min(1).max(24).nullable().optional().describe('本人在执法人员名录中的执法证号'),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: z.string().min(1).max(50).optional(),
  roles: z.array(roleSchema).min(1).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(1).max(256).optional(),
  certificateNumber: z.string().trim().toUpperCase().min(1).max(24).nullable().optional().describe('本人在执法人员名录中的执法证号'),
});

export const listUsersQuery = z.strictObject({
  q: z.string().max(50).optional(),
  role: roleSchema.optional(),
  agencyId: uuid.optional(),
});

export const createTokenBody = z.strictObject({
  userId: uuid,
  name: z.string().min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const tokenView = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createdTokenReply = tokenView.extend({ token: z.string() });

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const idParams = z.strictObject({ id: uuid });
