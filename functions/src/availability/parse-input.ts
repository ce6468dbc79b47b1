import { parseDate } from './calendar';
import { AvailabilityInputError, errorFromZodIssue } from './availability-input-error';
import { availabilityInputSchema, type AvailabilityInput } from './schema';

/** The contract allows at most 62 local dates (`to − from` at most 61 days). */
export const MAX_RANGE_DATES = 62;

/**
 * Validates an input against the contract and fills in defaults. Throws AvailabilityInputError
 * naming one offending field (the contract asks for one when there are several).
 */
export function parseAvailabilityInput(raw: unknown): AvailabilityInput {
  const parsed = availabilityInputSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw errorFromZodIssue(parsed.error.issues[0]);
  checkRelations(parsed.data);
  return parsed.data;
}

function checkRelations(input: AvailabilityInput): void {
  const from = parseDate(input.range.from) as number;
  const to = parseDate(input.range.to) as number;
  if (to < from) throw new AvailabilityInputError('range.to', 'must not be before range.from');
  if (to - from + 1 > MAX_RANGE_DATES) {
    throw new AvailabilityInputError('range.to', `range covers ${to - from + 1} dates; at most ${MAX_RANGE_DATES} are allowed`);
  }
  const ids = new Set<string>();
  input.staff.forEach((member, index) => {
    if (ids.has(member.id)) throw new AvailabilityInputError(`staff[${index}].id`, `duplicate staff id ${JSON.stringify(member.id)}`);
    ids.add(member.id);
  });
  input.busy.forEach((entry, index) => {
    if (!ids.has(entry.staffId)) {
      throw new AvailabilityInputError(`busy[${index}].staffId`, `unknown staff member ${JSON.stringify(entry.staffId)}`);
    }
  });
  input.staffIds?.forEach((id, index) => {
    if (!ids.has(id)) throw new AvailabilityInputError(`staffIds[${index}]`, `unknown staff member ${JSON.stringify(id)}`);
  });
}
