import { status } from '@grpc/grpc-js';
import { toMicros, type Micros } from './commit-clock';
import type { StoredDocument } from './document-store';
import { applyFieldTransform } from './field-transforms';
import { deleteValueAt, getValueAt, parseFieldPath, setValueAt } from './field-path';
import { FirestoreError, invalidArgument } from './firestore-error';
import { parseDocumentName } from './resource-names';
import { fieldsIdentical, normalizeFields } from './values';
import type { Fields, FieldTransform, Precondition, Value, Write } from './wire';

export interface AppliedWrite {
  /** The document after the write; undefined when it was deleted (or never existed). */
  after: StoredDocument | undefined;
  updateTime?: Micros;
  transformResults: Value[];
}

export function documentNameOfWrite(write: Write): string {
  const name = write.update?.name ?? write.delete ?? write.transform?.document;
  parseDocumentName(name);
  return name!;
}

function checkPrecondition(name: string, before: StoredDocument | undefined, precondition: Precondition | undefined): void {
  if (!precondition) return;
  if (precondition.exists === true && !before) throw new FirestoreError(status.NOT_FOUND, `No document to update: ${name}`);
  if (precondition.exists === false && before) throw new FirestoreError(status.ALREADY_EXISTS, `Document already exists: ${name}`);
  if (precondition.updateTime !== undefined && (!before || before.updateTime !== toMicros(precondition.updateTime))) {
    throw new FirestoreError(
      status.FAILED_PRECONDITION,
      `The document ${name} was changed since its last read (update time precondition failed).`,
    );
  }
}

function applyTransforms(fields: Fields, transforms: FieldTransform[], commitTime: Micros): { fields: Fields; results: Value[] } {
  const results: Value[] = [];
  for (const transform of transforms) {
    const path = parseFieldPath(transform.fieldPath);
    const outcome = applyFieldTransform(getValueAt(fields, path), transform, commitTime);
    fields = setValueAt(fields, path, outcome.value);
    results.push(outcome.result);
  }
  return { fields, results };
}

/**
 * Applies one write to one document version, precondition first. Pure: the caller decides
 * whether the result is committed, so a failing write in a batch leaves nothing behind.
 */
export function applyWrite(before: StoredDocument | undefined, write: Write, commitTime: Micros): AppliedWrite {
  const name = documentNameOfWrite(write);
  checkPrecondition(name, before, write.currentDocument);

  if (write.delete !== undefined) return { after: undefined, transformResults: [] };

  let fields: Fields;
  if (write.update) {
    const written = normalizeFields(write.update.fields);
    if (write.updateMask) {
      // Masked write (update / set-merge): each masked path is set from the written fields,
      // or deleted when the written fields lack it (that is how FieldValue.delete() travels).
      fields = before?.fields ?? {};
      for (const fieldPath of write.updateMask.fieldPaths ?? []) {
        const path = parseFieldPath(fieldPath);
        const value = getValueAt(written, path);
        fields = value === undefined ? deleteValueAt(fields, path) : setValueAt(fields, path, value);
      }
    } else {
      fields = written; // set() replaces the whole document
    }
  } else if (write.transform) {
    fields = before?.fields ?? {};
  } else {
    throw invalidArgument('A write needs update, delete or transform.');
  }

  const transforms = [...(write.updateTransforms ?? []), ...(write.transform?.fieldTransforms ?? [])];
  const transformed = applyTransforms(fields, transforms, commitTime);
  const unchanged = before !== undefined && fieldsIdentical(before.fields, transformed.fields);
  const after: StoredDocument = {
    name,
    fields: transformed.fields,
    createTime: before?.createTime ?? commitTime,
    // A write that changes nothing keeps the previous update time, as Firestore reports it.
    updateTime: unchanged ? before.updateTime : commitTime,
  };
  return { after, updateTime: after.updateTime, transformResults: transformed.results };
}
