/** Firestore collection names: the one place they are spelled. */
export const COLLECTIONS = {
  businesses: 'businesses',
  staff: 'staff',
  services: 'services',
  appointments: 'appointments',
  calendarConnections: 'calendarConnections',
  calendarSync: 'calendarSync',
  syncLocks: 'syncLocks',
  oauthTokens: 'oauthTokens',
  oauthStates: 'oauthStates',
  mail: 'mail',
  externalBusy: 'externalBusy',
  conflicts: 'conflicts',
  slotHolds: 'slotHolds',
  inboundSync: 'inboundSync',
  watchChannels: 'watchChannels',
} as const;
