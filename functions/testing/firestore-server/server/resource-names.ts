import { invalidArgument } from './firestore-error';

/**
 * Resource names as they travel on the wire:
 * `projects/{project}/databases/{database}/documents/{collection}/{id}[/{collection}/{id}...]`.
 */
export interface ParsedPath {
  /** `projects/{project}/databases/{database}/documents` */
  root: string;
  /** The collection / document segments after the root. */
  segments: string[];
}

function parse(path: string, what: string): ParsedPath {
  const parts = path.split('/');
  if (parts.length < 5 || parts[0] !== 'projects' || parts[2] !== 'databases' || parts[4] !== 'documents' || !parts[1] || !parts[3]) {
    throw invalidArgument(`${what} "${path}" is not of the form projects/{project}/databases/{database}/documents/...`);
  }
  const segments = parts.slice(5);
  if (segments.some((segment) => segment === '')) throw invalidArgument(`${what} "${path}" has an empty segment.`);
  return { root: parts.slice(0, 5).join('/'), segments };
}

/** Validates a document name (an even, non-zero number of segments after the root). */
export function parseDocumentName(name: string | undefined): ParsedPath {
  if (!name) throw invalidArgument('A document name is required.');
  const parsed = parse(name, 'Document name');
  if (parsed.segments.length === 0 || parsed.segments.length % 2 !== 0) {
    throw invalidArgument(`Document name "${name}" does not point at a document.`);
  }
  return parsed;
}

/** Validates a query parent: the database root or a document. */
export function parseParent(parent: string | undefined): ParsedPath {
  if (!parent) throw invalidArgument('A parent is required.');
  const parsed = parse(parent, 'Parent');
  if (parsed.segments.length % 2 !== 0) throw invalidArgument(`Parent "${parent}" must be the database root or a document.`);
  return parsed;
}

/** `.../documents/a/x/b/y` → `.../documents/a/x/b` */
export function collectionPathOf(documentName: string): string {
  return documentName.slice(0, documentName.lastIndexOf('/'));
}

/** `.../documents/a/x/b/y` → `b` */
export function collectionIdOf(documentName: string): string {
  const collectionPath = collectionPathOf(documentName);
  return collectionPath.slice(collectionPath.lastIndexOf('/') + 1);
}

/** `.../documents/a/x/b/y` → `.../documents/a/x` (the database root for top-level documents) */
export function parentOfCollection(collectionPath: string): string {
  return collectionPath.slice(0, collectionPath.lastIndexOf('/'));
}
