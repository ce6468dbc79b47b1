import { computeAvailability } from '../availability';
import { businessSchema, serviceSchema, staffSchema } from '../model';
import { availabilityInput } from './availability-input';

const business = businessSchema.parse({
  name: 'Studio',
  timeZone: 'Europe/Warsaw',
  weeklyHours: { wed: [{ start: '09:00', end: '12:00' }] },
  closures: ['2026-06-17'],
  slotStepMinutes: 30,
  minNoticeMinutes: 60,
});
const service = serviceSchema.parse({ businessId: 'b', name: 'Cut', durationMinutes: 60, bufferAfterMinutes: 30 });
const anna = staffSchema.parse({
  businessId: 'b',
  name: 'Anna',
  breaks: { wed: [{ start: '10:00', end: '10:30' }] },
  timeOff: [{ start: new Date('2026-06-24T07:00:00Z'), end: new Date('2026-06-24T10:00:00Z') }],
});

describe('availabilityInput', () => {
  const now = new Date('2026-06-08T07:00:00Z');

  it('turns the business, service and staff documents into an input the engine accepts', () => {
    const input = availabilityInput({
      business,
      service,
      staff: [{ id: 'anna', staff: anna }],
      busy: [{ staffId: 'anna', start: new Date('2026-06-10T09:00:00Z'), end: new Date('2026-06-10T09:30:00Z') }],
      now,
      range: { from: '2026-06-10', to: '2026-06-24' },
    });
    const starts = computeAvailability(input).slots.map((slot) => slot.start);
    // Wednesday 10th: 09:00 local only (10:00 break; 10:30 + 60 min clashes with busy 11:00–11:30 local
    // via the 30-minute clean-up); the 17th is closed; the 24th is time off until 12:00 local.
    expect(starts).toEqual(['2026-06-10T07:00:00Z']);
  });

  it('lets a minimum-notice override replace the business\'s', () => {
    const parts = { business, service, staff: [{ id: 'anna', staff: anna }], busy: [], range: { from: '2026-06-10', to: '2026-06-10' } };
    const halfAnHourBefore = new Date('2026-06-10T06:30:00Z'); // 08:30 local; the 09:00 slot is 07:00Z
    const starts = (minNoticeMinutes?: number) =>
      computeAvailability(availabilityInput({ ...parts, now: halfAnHourBefore, minNoticeMinutes })).slots.map((slot) => slot.start);
    expect(starts()).not.toContain('2026-06-10T07:00:00Z');
    expect(starts(0)).toContain('2026-06-10T07:00:00Z');
  });

  it('leaves out busy time of staff members who are not being considered', () => {
    const input = availabilityInput({
      business,
      service,
      staff: [{ id: 'anna', staff: anna }],
      busy: [{ staffId: 'ola', start: new Date('2026-06-10T07:00:00Z'), end: new Date('2026-06-10T08:00:00Z') }],
      now,
      range: { from: '2026-06-10', to: '2026-06-10' },
    });
    expect(input.busy).toEqual([]);
  });
});
