import type { Firestore } from 'firebase-admin/firestore';
import { addDays, instantAtLocalTime, localDateOf } from '../src/booking/local-dates';
import {
  COLLECTIONS,
  appointmentSchema,
  businessSchema,
  serviceSchema,
  staffSchema,
  type Appointment,
  type Business,
  type Service,
  type Staff,
} from '../src/model';
import { withoutUndefined } from '../src/store/without-undefined';

/**
 * "Studio Bella", a demo salon in Warsaw: weekly and special hours, holidays, three stylists
 * with their own hours, breaks and time off, four services with buffers, and a few
 * appointments on the next working days. Used by the local stack and by tests. Writing it again
 * overwrites the same documents (ids are derived from the business id).
 */
export interface SeedDemoSalonOptions {
  businessId?: string;
  /** Where "the next working days" start; default now. */
  now?: Date;
  /** Write the demo appointments (default true). */
  appointments?: boolean;
  adminEmails?: string[];
}

export interface DemoSalon {
  businessId: string;
  timeZone: string;
  staffIds: { anna: string; ola: string; kasia: string };
  serviceIds: { womensHaircut: string; mensHaircut: string; colouring: string; manicure: string };
  appointmentIds: string[];
  /** The first local date (a Monday, Wednesday or Friday after `now`) with demo appointments. */
  firstAppointmentDate: string;
}

export const DEMO_TIME_ZONE = 'Europe/Warsaw';

const hours = (start: string, end: string) => ({ start, end });

export async function seedDemoSalon(db: Firestore, options: SeedDemoSalonOptions = {}): Promise<DemoSalon> {
  const businessId = options.businessId ?? 'studio-bella';
  const now = options.now ?? new Date();
  const id = (name: string) => `${businessId}-${name}`;
  const staffIds = { anna: id('anna'), ola: id('ola'), kasia: id('kasia') };
  const serviceIds = {
    womensHaircut: id('womens-haircut'),
    mensHaircut: id('mens-haircut'),
    colouring: id('colouring'),
    manicure: id('manicure'),
  };

  const business: Business = businessSchema.parse({
    name: 'Studio Bella',
    timeZone: DEMO_TIME_ZONE,
    weeklyHours: {
      mon: [hours('09:00', '19:00')],
      tue: [hours('09:00', '19:00')],
      wed: [hours('09:00', '19:00')],
      thu: [hours('09:00', '20:00')],
      fri: [hours('09:00', '19:00')],
      sat: [hours('09:00', '15:00')],
    },
    specialHours: [
      { date: '2026-12-31', intervals: [hours('09:00', '14:00')] },
      { date: '2026-12-23', intervals: [hours('08:00', '20:00')] },
    ],
    // Polish public holidays the salon is closed on.
    closures: ['2026-01-01', '2026-01-06', '2026-04-06', '2026-05-01', '2026-05-03', '2026-06-04', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-24', '2026-12-25', '2026-12-26'],
    slotStepMinutes: 15,
    minNoticeMinutes: 60,
    maxAdvanceDays: 90,
    adminEmails: options.adminEmails ?? [],
    busyStalenessMinutes: 60,
  });

  const services: Record<keyof typeof serviceIds, Service> = {
    womensHaircut: serviceSchema.parse({ businessId, name: "Women's haircut", durationMinutes: 45, bufferAfterMinutes: 15, priceCents: 12000 }),
    mensHaircut: serviceSchema.parse({ businessId, name: "Men's haircut", durationMinutes: 30, bufferAfterMinutes: 10, priceCents: 7000 }),
    colouring: serviceSchema.parse({ businessId, name: 'Colouring', durationMinutes: 120, bufferBeforeMinutes: 10, bufferAfterMinutes: 20, priceCents: 35000 }),
    manicure: serviceSchema.parse({ businessId, name: 'Manicure', durationMinutes: 60, priceCents: 9000 }),
  };

  const staff: Record<keyof typeof staffIds, Staff> = {
    anna: staffSchema.parse({
      businessId,
      name: 'Anna Kowalska',
      email: 'anna@studio-bella.example',
      weeklyHours: {
        mon: [hours('09:00', '17:00')],
        tue: [hours('09:00', '17:00')],
        wed: [hours('09:00', '17:00')],
        thu: [hours('12:00', '20:00')],
        fri: [hours('09:00', '17:00')],
      },
      breaks: { mon: [hours('13:00', '13:30')], tue: [hours('13:00', '13:30')], wed: [hours('13:00', '13:30')], thu: [hours('16:00', '16:30')], fri: [hours('13:00', '13:30')] },
      serviceIds: [serviceIds.womensHaircut, serviceIds.mensHaircut, serviceIds.colouring],
    }),
    // Ola works whenever the salon is open.
    ola: staffSchema.parse({
      businessId,
      name: 'Ola Nowak',
      email: 'ola@studio-bella.example',
      breaks: { mon: [hours('12:00', '12:30')], tue: [hours('12:00', '12:30')], wed: [hours('12:00', '12:30')], thu: [hours('12:00', '12:30')], fri: [hours('12:00', '12:30')] },
      timeOff: [{ start: new Date('2026-08-03T00:00:00Z'), end: new Date('2026-08-15T00:00:00Z') }],
      serviceIds: [serviceIds.womensHaircut, serviceIds.mensHaircut, serviceIds.colouring],
    }),
    kasia: staffSchema.parse({
      businessId,
      name: 'Kasia Wiśniewska',
      email: 'kasia@studio-bella.example',
      weeklyHours: { mon: [hours('10:00', '18:00')], wed: [hours('10:00', '18:00')], fri: [hours('10:00', '18:00')], sat: [hours('09:00', '15:00')] },
      serviceIds: [serviceIds.manicure],
    }),
  };

  const writes: Promise<unknown>[] = [db.collection(COLLECTIONS.businesses).doc(businessId).set(withoutUndefined(business))];
  for (const key of Object.keys(services) as (keyof typeof serviceIds)[]) {
    writes.push(db.collection(COLLECTIONS.services).doc(serviceIds[key]).set(withoutUndefined(services[key])));
  }
  for (const key of Object.keys(staff) as (keyof typeof staffIds)[]) {
    writes.push(db.collection(COLLECTIONS.staff).doc(staffIds[key]).set(withoutUndefined(staff[key])));
  }

  const firstAppointmentDate = nextWorkingDate(now, business);
  const appointmentIds: string[] = [];
  if (options.appointments ?? true) {
    const at = (date: string, time: string) => instantAtLocalTime(date, time, DEMO_TIME_ZONE);
    const second = nextWorkingDate(at(firstAppointmentDate, '23:59'), business);
    const demo: [string, Omit<Appointment, 'businessId' | 'status' | 'version' | 'notes' | 'createdAt' | 'updatedAt'>][] = [
      ['demo-1', { staffId: staffIds.anna, serviceId: serviceIds.womensHaircut, start: at(firstAppointmentDate, '10:00'), end: at(firstAppointmentDate, '10:45'), customer: { name: 'Marta Zielińska', phone: '+48 600 100 200' } }],
      ['demo-2', { staffId: staffIds.ola, serviceId: serviceIds.colouring, start: at(firstAppointmentDate, '13:00'), end: at(firstAppointmentDate, '15:00'), customer: { name: 'Joanna Lewandowska' } }],
      ['demo-3', { staffId: staffIds.kasia, serviceId: serviceIds.manicure, start: at(second, '14:00'), end: at(second, '15:00'), customer: { name: 'Ewa Dąbrowska', email: 'ewa@example.com' } }],
      ['demo-4', { staffId: staffIds.anna, serviceId: serviceIds.mensHaircut, start: at(second, '09:30'), end: at(second, '10:00'), customer: { name: 'Piotr Wójcik' } }],
    ];
    for (const [name, fields] of demo) {
      const appointment = appointmentSchema.parse({ ...fields, businessId, status: 'booked', version: 1, notes: '', createdAt: now, updatedAt: now });
      appointmentIds.push(id(name));
      writes.push(db.collection(COLLECTIONS.appointments).doc(id(name)).set(withoutUndefined(appointment)));
    }
  }
  await Promise.all(writes);
  return { businessId, timeZone: DEMO_TIME_ZONE, staffIds, serviceIds, appointmentIds, firstAppointmentDate };
}

/** The first local date after `now` that is a Monday, Wednesday or Friday (everyone works) and not a closure. */
function nextWorkingDate(now: Date, business: Business): string {
  let date = localDateOf(now, business.timeZone);
  for (;;) {
    date = addDays(date, 1);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if ((weekday === 1 || weekday === 3 || weekday === 5) && !business.closures.includes(date)) return date;
  }
}
