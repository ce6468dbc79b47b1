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
  /** Per staff member and local day: the document every booking of that day reads and writes. */
  staffDays: 'staffDays',
  inboundSync: 'inboundSync',
  watchChannels: 'watchChannels',
} as const;
