// GET /me/permissions: what the user granted the app. The emulator's demo token holds the
// permissions the Facebook Login path needs (the connector's default Scope) plus public_profile.
// Shape as Meta documents it: {"data":[{"permission":"...","status":"granted"}]}, no paging.

export const GRANTED_PERMISSIONS = [
  'public_profile',
  'instagram_basic',
  'instagram_manage_comments',
  'instagram_manage_insights',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
] as const;

export function permissionsOf(): { data: Array<{ permission: string; status: 'granted' | 'declined' }> } {
  return { data: GRANTED_PERMISSIONS.map((permission) => ({ permission, status: 'granted' as const })) };
}
