import { createHash } from 'node:crypto';
import { canonicalJson } from '../../datasets/canonical-json';

/**
 * Every GLAN generation node (subject list sample, subject JSON lines, syllabus, session extraction, question,
 * answer) is keyed by what determines its completion: the prompt template (id and version), the model, the sampling
 * parameters, the parent node's key and the sample index. A resumed or re-run job computes the same key and skips a
 * node already stored (issue 15 item 2). The key is SHA-256 over the canonical JSON of those inputs (object keys
 * sorted, no whitespace: see canonicalJson), so it is the same in every process and whatever the order the
 * parameters were written in.
 */
export interface NodeKeyInput {
  /** A template id with its version, as `templateRef` writes it: `glan.syllabus.en@1`. */
  template: string;
  model: string;
  /** temperature, top_p, max_tokens, …: any JSON object; key order does not matter, undefined values are left out. */
  params: Readonly<Record<string, unknown>>;
  /** The parent node's key; a root node (a discipline's subject listing) names its taxonomy node with `rootParentKey`. */
  parent: string;
  /** Which of the parent's repeated samples this is (0, 1, … k−1), or the question's draw number. */
  sampleIndex: number;
  /**
   * What else the prompt was filled with that the parent does not already determine (a question's concept
   * combination key, a discipline's name): left out when undefined.
   */
  input?: string;
}

/** The version of the key rule itself: bump it if the fields or their encoding change, and every key changes. */
export const NODE_KEY_SCHEME = 'glan-node/1';

const HEX64 = /^[0-9a-f]{64}$/;

export function nodeKey(node: NodeKeyInput): string {
  const where = `node key (template ${JSON.stringify(node.template)})`;
  if (!/^[a-z0-9_.-]+@\d+$/i.test(node.template)) throw new Error(`${where}: template must be "<id>@<version>"`);
  if (typeof node.model !== 'string' || node.model.trim() === '') throw new Error(`${where}: model must be a non-empty string`);
  if (node.params === null || typeof node.params !== 'object' || Array.isArray(node.params)) throw new Error(`${where}: params must be a JSON object`);
  if (!HEX64.test(node.parent)) throw new Error(`${where}: parent must be a node key (64 lowercase hex digits), got ${JSON.stringify(node.parent)}`);
  if (!Number.isSafeInteger(node.sampleIndex) || node.sampleIndex < 0) throw new Error(`${where}: sampleIndex must be a non-negative integer, got ${node.sampleIndex}`);
  let payload: string;
  try {
    payload = canonicalJson({
      scheme: NODE_KEY_SCHEME,
      template: node.template,
      model: node.model,
      params: node.params,
      parent: node.parent,
      sample: node.sampleIndex,
      input: node.input === undefined ? undefined : node.input.normalize('NFC'),
    });
  } catch (e) {
    throw new Error(`${where}: params: ${(e as Error).message}`);
  }
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

/**
 * The parent key of a run's root nodes: the taxonomy revision and the discipline's path (field, sub-field,
 * discipline names, NFC). Another revision or another discipline gives other keys, so nothing is skipped wrongly.
 */
export function rootParentKey(taxonomyRevision: string, disciplinePath: readonly string[]): string {
  if (disciplinePath.length === 0 || disciplinePath.some((n) => typeof n !== 'string' || n.trim() === '')) {
    throw new Error(`root parent key: the discipline path must be non-empty names, got ${JSON.stringify(disciplinePath)}`);
  }
  const payload = canonicalJson({ scheme: NODE_KEY_SCHEME, revision: taxonomyRevision, path: disciplinePath.map((n) => n.normalize('NFC')) });
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}
