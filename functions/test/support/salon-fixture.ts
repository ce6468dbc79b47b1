import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, type Business, type CalendarConnection, type Service, type Staff } from '../../src/model';
import type { AccessTokenSource } from '../../src/providers/types';
import type { GoogleSandbox } from '../../sandbox/google';

/** A small salon in Europe/Warsaw with stylists whose Google calendars live in the sandbox. */
export interface SalonFixture {
  businessId: string;
  serviceId: string;
  staffIds: string[];
  /** staffId → connectionId */
  connectionOf: Record<string, string>;
  /** staffId → Google calendar id (the account email) */
  calendarOf: Record<string, string>;
}

export async function seedSalon(db: Firestore, sandbox: GoogleSandbox, options: { staffCount?: number; businessId?: string } = {}): Promise<SalonFixture> {
  const businessId = options.businessId ?? 'salon-1';
  const business: Business = {
    name: 'Studio Test',
    timeZone: 'Europe/Warsaw',
    weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [{ start: '09:00', end: '18:00' }]])),
    specialHours: [],
    closures: [],
    slotStepMinutes: 15,
    minNoticeMinutes: 0,
    maxAdvanceDays: 365,
    adminEmails: ['owner@studio.test'],
    conflictPolicy: 'flag',
    busyStalenessMinutes: 60,
  };
  await db.collection(COLLECTIONS.businesses).doc(businessId).set(business);
  const service: Service = { businessId, name: 'Haircut', durationMinutes: 45, bufferBeforeMinutes: 0, bufferAfterMinutes: 15, active: true };
  await db.collection(COLLECTIONS.services).doc('haircut').set(service);
  const fixture: SalonFixture = { businessId, serviceId: 'haircut', staffIds: [], connectionOf: {}, calendarOf: {} };
  for (let index = 0; index < (options.staffCount ?? 3); index += 1) {
    const staffId = `stylist-${index + 1}`;
    const email = `${staffId}@studio.test`;
    const staff: Staff = { businessId, name: `Stylist ${index + 1}`, email, active: true, breaks: {}, timeOff: [], serviceIds: ['haircut'] };
    await db.collection(COLLECTIONS.staff).doc(staffId).set(staff);
    sandbox.addAccount({ email, timeZone: 'Europe/Warsaw' });
    const connectionId = `google_${staffId}`;
    const connection: CalendarConnection = { businessId, staffId, provider: 'google', calendarId: email, accountEmail: email, status: 'active', scopes: [] };
    await db.collection(COLLECTIONS.calendarConnections).doc(connectionId).set(connection);
    fixture.staffIds.push(staffId);
    fixture.connectionOf[staffId] = connectionId;
    fixture.calendarOf[staffId] = email;
  }
  return fixture;
}

/**
 * Access tokens issued by the sandbox straight to the connection's account (the OAuth flow and
 * the token manager are tested on their own); refreshed when forced, as after a 401.
 */
export function sandboxTokenSource(sandbox: GoogleSandbox, fixture: SalonFixture): AccessTokenSource {
  const cache = new Map<string, string>();
  const emailOf = new Map(Object.entries(fixture.connectionOf).map(([staffId, connectionId]) => [connectionId, fixture.calendarOf[staffId]!]));
  return {
    async getAccessToken(connectionId, options) {
      const cached = cache.get(connectionId);
      if (cached && !options?.forceRefresh) return cached;
      const email = emailOf.get(connectionId);
      if (!email) throw new Error(`no sandbox account for ${connectionId}`);
      const token = sandbox.issueTokens(email).accessToken;
      cache.set(connectionId, token);
      return token;
    },
  };
}
