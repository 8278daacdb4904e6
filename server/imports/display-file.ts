import { basename, isAbsolute, join, sep } from 'node:path';

/**
 * The name a user knows a record's file by. Records keep where the worker read them (an upload's storage path,
 * `…/uploads/1732…-<multer id>-考试题.csv`); people uploaded `考试题.csv`, or imported a folder and know paths inside it.
 */
export function displayFile(imp: { filePath: string; originalName: string }, file: string): string {
  if (file === imp.filePath) return imp.originalName;
  const folder = imp.filePath.endsWith(sep) ? imp.filePath : imp.filePath + sep;
  return file.startsWith(folder) ? join(imp.originalName, file.slice(folder.length)) : file;
}

/**
 * An import's file or folder as responses name it: its original name, cut to the last part when that was an absolute
 * path on this host (a CLI import of `/srv/in/biology` shows `biology`). No response carries a server path (issue 14 item 7).
 */
export function publicImportName(imp: { originalName: string }): string {
  return isAbsolute(imp.originalName) ? basename(imp.originalName) : imp.originalName;
}

/** A record's file as responses name it: displayFile under the import's public name; a path still absolute loses its folders. */
export function publicFile(imp: { filePath: string; originalName: string } | null, file: string): string {
  const shown = imp ? displayFile({ filePath: imp.filePath, originalName: publicImportName(imp) }, file) : file;
  return isAbsolute(shown) ? basename(shown) : shown;
}
