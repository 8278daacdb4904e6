import { open, readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { checkModelRoots, OUTSIDE_MODEL_ROOTS } from './model-roots';

export class BaseModelFolderError extends Error {}

/**
 * Checks that `path` is a Hugging Face causal-LM folder under the model roots (config.json naming a *ForCausalLM
 * architecture, or a model_type) and counts its parameters from the safetensors headers when it has weights in that
 * format. Nothing outside the roots is inspected: every such path gets the same answer. Errors never quote a file.
 */
export async function inspectBaseModel(
  path: string,
  roots?: readonly string[],
): Promise<{ realPath: string; modelType: string; parameters: number | null }> {
  if (!isAbsolute(path)) throw new BaseModelFolderError(`path: "${path}" is not an absolute path on the workers' file system`);
  const check = await checkModelRoots(path, roots);
  if (!check.under) throw new BaseModelFolderError(check.missingInside ? `path: ${path} does not exist` : OUTSIDE_MODEL_ROOTS);
  const real = check.realPath;
  const info = await stat(real).catch(() => null);
  if (!info?.isDirectory()) throw new BaseModelFolderError(`path: ${path} is not a folder`);
  const raw = await readFile(join(real, 'config.json'), 'utf8').catch(() => null);
  if (raw === null) throw new BaseModelFolderError(`path: ${path} has no config.json (expected a Hugging Face model folder)`);
  let config: { architectures?: unknown; model_type?: unknown };
  try {
    config = JSON.parse(raw);
  } catch {
    // JSON.parse's message quotes the text around the error: the file's content is not ours to echo
    throw new BaseModelFolderError(`path: ${join(path, 'config.json')} is not valid JSON`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new BaseModelFolderError(`path: ${join(path, 'config.json')} is not a JSON object`);
  }
  const architectures = Array.isArray(config.architectures) ? config.architectures.map(String) : [];
  if (architectures.length && !architectures.some((a) => a.endsWith('ForCausalLM'))) {
    throw new BaseModelFolderError(`path: ${path} holds a ${architectures.join(', ')}, not a causal language model (…ForCausalLM)`);
  }
  if (!architectures.length && typeof config.model_type !== 'string') {
    throw new BaseModelFolderError(`path: ${join(path, 'config.json')} names neither architectures nor model_type`);
  }
  return { realPath: real, modelType: String(config.model_type ?? architectures[0]), parameters: await countSafetensorsParameters(real) };
}

/** Sum of every tensor's element count over the folder's *.safetensors files (their JSON headers only); null if none. */
export async function countSafetensorsParameters(dir: string): Promise<number | null> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.safetensors')).sort();
  if (!files.length) return null;
  let total = 0;
  for (const f of files) {
    const fh = await open(join(dir, f), 'r');
    try {
      const head = Buffer.alloc(8);
      await fh.read(head, 0, 8, 0);
      const size = Number(head.readBigUInt64LE(0));
      if (size <= 0 || size > 100 * 1024 * 1024) throw new BaseModelFolderError(`path: ${join(dir, f)} has no valid safetensors header`);
      const json = Buffer.alloc(size);
      await fh.read(json, 0, size, 8);
      let header: Record<string, { shape?: number[] }>;
      try {
        header = JSON.parse(json.toString('utf8'));
      } catch {
        throw new BaseModelFolderError(`path: ${join(dir, f)} has no valid safetensors header`);
      }
      for (const [name, t] of Object.entries(header)) {
        if (name !== '__metadata__') total += (t?.shape ?? []).reduce((n, d) => n * d, 1);
      }
    } finally {
      await fh.close();
    }
  }
  return total;
}
