import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nodeKey, type NodeKeyInput, rootParentKey } from './node-key';

const root = rootParentKey('rev-1', ['自然科学', '数学', '代数学']);
const base: NodeKeyInput = {
  template: 'glan.syllabus.zh@1',
  model: 'qwen2.5-72b-instruct',
  params: { temperature: 1, top_p: 0.95, max_tokens: 2048 },
  parent: root,
  sampleIndex: 0,
};

describe(nodeKey.name, () => {
  it('issue 15 item 2: golden values — the same key in every process and release', () => {
    expect({ root, syllabus: nodeKey(base), question: nodeKey({ ...base, template: 'glan.question-pair.en@1', input: 's1:0+s3:2,4', sampleIndex: 17 }) }).toMatchInlineSnapshot(`
      {
        "question": "f4db35ee9417b7bb0a9608c888c3d1b43c9acb2c1cfb58536aeba813c5f4df2f",
        "root": "b975ab55408424edd137fae7851ee1169873f39cf101d0028d2066e5f014293f",
        "syllabus": "1e4b86d82165813976b69d7fa85e2cbd031289ded4039c4513bdd7321ca7586c",
      }
    `);
  });

  it('the key is SHA-256 of the documented canonical JSON (anyone can recompute it)', () => {
    const text =
      '{"model":"qwen2.5-72b-instruct","params":{"max_tokens":2048,"temperature":1,"top_p":0.95},' +
      `"parent":"${root}","sample":0,"scheme":"glan-node/1","template":"glan.syllabus.zh@1"}`;
    expect(nodeKey(base)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('issue 15 item 2: key order and undefined parameters do not matter; 1.0 and 1 are the same number', () => {
    const k = nodeKey(base);
    expect(nodeKey({ ...base, params: { max_tokens: 2048, top_p: 0.95, temperature: 1.0, seed: undefined } })).toBe(k);
  });

  it('issue 15 item 2: changing any input changes the key', () => {
    const k = nodeKey(base);
    const variants: NodeKeyInput[] = [
      { ...base, template: 'glan.syllabus.zh@2' },
      { ...base, template: 'glan.syllabus.en@1' },
      { ...base, model: 'qwen2.5-72b-instruct-awq' },
      { ...base, params: { ...base.params, temperature: 0.7 } },
      { ...base, params: { ...base.params, top_p: 0.9 } },
      { ...base, params: { ...base.params, stop: ['\n\n'] } },
      { ...base, parent: rootParentKey('rev-2', ['自然科学', '数学', '代数学']) },
      { ...base, parent: rootParentKey('rev-1', ['自然科学', '数学', '几何学']) },
      { ...base, sampleIndex: 1 },
      { ...base, input: 's0:1' },
    ];
    const keys = variants.map(nodeKey);
    expect(keys.every((v) => /^[0-9a-f]{64}$/.test(v) && v !== k)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('NFC: a name typed decomposed gives the same key as composed', () => {
    expect(rootParentKey('r', ['Sciences', 'Chimie', 'Cine\u0301tique'])).toBe(rootParentKey('r', ['Sciences', 'Chimie', 'Cin\u00e9tique']));
  });

  it('is the same in a separate Node process', () => {
    const script = `require('@swc-node/register'); const { nodeKey } = require('./server/synthesis/glan/node-key.ts'); process.stdout.write(nodeKey(${JSON.stringify(base)}))`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe(nodeKey(base));
  });

  it('bad input is refused with what and where', () => {
    expect(() => nodeKey({ ...base, template: 'syllabus' })).toThrow('node key (template "syllabus"): template must be "<id>@<version>"');
    expect(() => nodeKey({ ...base, model: ' ' })).toThrow('model must be a non-empty string');
    expect(() => nodeKey({ ...base, parent: 'abc' })).toThrow('parent must be a node key (64 lowercase hex digits), got "abc"');
    expect(() => nodeKey({ ...base, sampleIndex: -1 })).toThrow('sampleIndex must be a non-negative integer, got -1');
    expect(() => nodeKey({ ...base, params: { temperature: Number.NaN } })).toThrow('params: canonicalJson: NaN is not JSON');
    expect(() => rootParentKey('r', [])).toThrow('the discipline path must be non-empty names');
  });
});
