import { join, sep } from 'node:path';

/**
 * The name a user knows a record's file by. Records keep where the worker read them (an upload's storage path,
 * `…/uploads/1732…-<multer id>-考试题.csv`); people uploaded `考试题.csv`, or imported a folder and know paths inside it.
 */
export function displayFile(imp: { filePath: string; originalName: string }, file: string): string {
  if (file === imp.filePath) return imp.originalName;
  const folder = imp.filePath.endsWith(sep) ? imp.filePath : imp.filePath + sep;
  return file.startsWith(folder) ? join(imp.originalName, file.slice(folder.length)) : file;
}
