import { businessSchema, MIN_BUSY_STALENESS_MINUTES } from './business';

const business = {
  name: 'Studio',
  timeZone: 'Europe/Warsaw',
  weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] },
};

test('busyStalenessMinutes below the poll\'s own period is refused, naming the field', () => {
  const parsed = businessSchema.safeParse({ ...business, busyStalenessMinutes: 10 });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0]?.path).toEqual(['busyStalenessMinutes']);
  expect(businessSchema.parse({ ...business, busyStalenessMinutes: MIN_BUSY_STALENESS_MINUTES }).busyStalenessMinutes).toBe(20);
  expect(businessSchema.parse(business).busyStalenessMinutes).toBe(60);
});
