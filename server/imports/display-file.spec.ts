import { describe, expect, it } from 'vitest';
import { displayFile } from './display-file';

describe(displayFile.name, () => {
  const upload = { filePath: '/data/uploads/1732-9f2c-考试题.csv', originalName: '考试题.csv' };
  const folder = { filePath: '/srv/leetcode/solution', originalName: 'leetcode/solution' };

  it('names an uploaded file as it was uploaded', () => {
    expect(displayFile(upload, '/data/uploads/1732-9f2c-考试题.csv')).toBe('考试题.csv');
  });

  it('names a file of an imported folder by its path inside the folder, under the name the folder was given', () => {
    expect(displayFile(folder, '/srv/leetcode/solution/0001/README.md')).toBe('leetcode/solution/0001/README.md');
    expect(displayFile({ ...folder, filePath: '/srv/leetcode/solution/' }, '/srv/leetcode/solution/0001/README.md')).toBe('leetcode/solution/0001/README.md');
  });

  it('leaves any other path alone', () => {
    expect(displayFile(folder, '/srv/leetcode/solutions-old/x.md')).toBe('/srv/leetcode/solutions-old/x.md');
  });
});
