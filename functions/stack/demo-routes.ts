import express, { type Router } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { firstIssue } from '../src/errors';
import { COLLECTIONS, appointmentSchema } from '../src/model';
import type { GoogleSandbox } from '../sandbox/google';
import type { DemoSalon } from './seed-demo-salon';
import { renderDemoPage, type DemoState } from './demo-page';

export interface DemoRouteDeps {
  db: Firestore;
  sandbox: GoogleSandbox;
  salon: DemoSalon;
  connectUrl(staffId: string): Promise<string>;
}

const newAppointmentSchema = z.strictObject({
  staffId: z.string().min(1),
  serviceId: z.string().min(1),
  start: z.iso.datetime({ offset: true }),
  customerName: z.string().min(1).max(200),
});

/**
 * The local stack's demo views: the salon's appointments with their sync status next to what
 * the sandbox calendars hold, and small forms that write appointments like the salon app does.
 */
export function demoRoutes(deps: DemoRouteDeps): Router {
  const router = express.Router();
  router.get('/', async (_req, res) => res.type('html').send(renderDemoPage(await demoState(deps))));
  router.get('/state.json', async (_req, res) => res.json(await demoState(deps)));
  router.get('/connect/:staffId', async (req, res) => res.redirect(await deps.connectUrl(req.params.staffId)));
  router.post('/appointments', async (req, res) => {
    const parsed = newAppointmentSchema.safeParse(req.body);
    if (!parsed.success) {
      const { path, message } = firstIssue(parsed.error);
      res.status(400).json({ error: `${path}: ${message}` });
      return;
    }
    const service = (await deps.db.collection(COLLECTIONS.services).doc(parsed.data.serviceId).get()).data();
    if (!service) {
      res.status(400).json({ error: `serviceId: unknown service '${parsed.data.serviceId}'` });
      return;
    }
    const start = new Date(parsed.data.start);
    const appointment = appointmentSchema.parse({
      businessId: deps.salon.businessId,
      staffId: parsed.data.staffId,
      serviceId: parsed.data.serviceId,
      start,
      end: new Date(start.getTime() + Number(service.durationMinutes) * 60_000),
      status: 'booked',
      customer: { name: parsed.data.customerName },
      version: 1,
    });
    const ref = await deps.db.collection(COLLECTIONS.appointments).add({ ...appointment, createdAt: new Date(), updatedAt: new Date() });
    res.status(201).json({ appointmentId: ref.id });
  });
  router.post('/appointments/:id/cancel', async (req, res) => {
    const ref = deps.db.collection(COLLECTIONS.appointments).doc(req.params.id);
    const done = await deps.db.runTransaction(async (tx) => {
      const current = await tx.get(ref);
      if (!current.exists) return false;
      tx.update(ref, {
        status: 'cancelled',
        version: Number(current.get('version')) + 1,
        cancellation: { reason: 'cancelled in the demo', by: 'demo-owner', at: new Date() },
        updatedAt: new Date(),
      });
      return true;
    });
    res.status(done ? 200 : 404).json({ cancelled: done });
  });
  return router;
}

async function demoState(deps: DemoRouteDeps): Promise<DemoState> {
  const { db, sandbox, salon } = deps;
  const [business, staff, services, appointments, syncs, connections, busy, conflicts] = await Promise.all([
    db.collection(COLLECTIONS.businesses).doc(salon.businessId).get(),
    db.collection(COLLECTIONS.staff).where('businessId', '==', salon.businessId).get(),
    db.collection(COLLECTIONS.services).where('businessId', '==', salon.businessId).get(),
    db.collection(COLLECTIONS.appointments).where('businessId', '==', salon.businessId).get(),
    db.collection(COLLECTIONS.calendarSync).where('businessId', '==', salon.businessId).get(),
    db.collection(COLLECTIONS.calendarConnections).where('businessId', '==', salon.businessId).get(),
    db.collection(COLLECTIONS.externalBusy).where('businessId', '==', salon.businessId).get(),
    db.collection(COLLECTIONS.conflicts).where('businessId', '==', salon.businessId).get(),
  ]);
  return {
    businessId: salon.businessId,
    businessName: String(business.get('name')),
    timeZone: salon.timeZone,
    staff: staff.docs.map((doc) => ({ id: doc.id, name: String(doc.get('name')), email: String(doc.get('email')) })),
    services: services.docs.map((doc) => ({ id: doc.id, name: String(doc.get('name')), durationMinutes: Number(doc.get('durationMinutes')) })),
    connections: connections.docs.map((doc) => ({ id: doc.id, staffId: String(doc.get('staffId')), status: String(doc.get('status')), calendarId: String(doc.get('calendarId')) })),
    appointments: appointments.docs
      .map((doc) => ({
        id: doc.id,
        staffId: String(doc.get('staffId')),
        serviceId: String(doc.get('serviceId')),
        customer: String(doc.get('customer.name')),
        start: doc.get('start').toDate().toISOString(),
        status: String(doc.get('status')),
        version: Number(doc.get('version')),
        sync: syncs.docs
          .filter((sync) => sync.get('appointmentId') === doc.id)
          .map((sync) => ({ connectionId: String(sync.get('connectionId')), syncStatus: String(sync.get('syncStatus')), errorMessage: sync.get('errorMessage') as string | undefined })),
      }))
      .sort((a, b) => a.start.localeCompare(b.start)),
    externalBusy: busy.docs.map((doc) => ({
      staffId: String(doc.get('staffId')),
      start: doc.get('start').toDate().toISOString(),
      end: doc.get('end').toDate().toISOString(),
    })),
    conflicts: conflicts.docs.map((doc) => ({ id: doc.id, ...doc.data() })),
    calendars: staff.docs.map((doc) => {
      const calendarId = String(doc.get('email'));
      let events: DemoState['calendars'][number]['events'] = [];
      try {
        events = sandbox.owner
          .listEvents(calendarId)
          .filter((event) => event.status !== 'cancelled')
          .map((event) => ({ id: String(event.id), summary: String(event.summary), start: JSON.stringify(event.start) }));
      } catch {
        // The stylist has no sandbox calendar yet.
      }
      return { staffId: doc.id, calendarId, events };
    }),
  };
}
