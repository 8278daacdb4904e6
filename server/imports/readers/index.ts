export { detectFormat } from './detect-format';
export { CSV_INDEX_COLUMN } from './csv-columns';
export { FileUnusableError } from './file-unusable-error';
export { readRecords, totalSize } from './read-records';
export { DEFAULT_MAX_LINE_BYTES, type ReaderFormat, type ReaderOptions } from './reader-types';
export { inspectText, textBytes, textSize, type TextEncoding } from './text-source';
