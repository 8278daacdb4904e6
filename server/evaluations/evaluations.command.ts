import { basename, resolve } from 'node:path';
import { OnnxBackend } from './backends/onnx-backend';
import { startOpenAiServer } from './openai-server/openai-server';

export interface ServeModelFlags {
  port: string;
  host: string;
  name?: string;
  device?: 'auto' | 'cpu' | 'cuda';
}

/** `pace serve-model <onnx-dir>`: serves the export until SIGINT/SIGTERM. */
export async function runServeModelCommand(onnxDir: string, flags: ServeModelFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${flags.port}`);
  const backend = await OnnxBackend.open(resolve(onnxDir), { device: flags.device ?? 'auto' });
  const modelName = flags.name ?? basename(resolve(onnxDir));
  const running = await startOpenAiServer(backend, { port, host: flags.host, modelName });
  console.log(`serving ${modelName} (onnxruntime, ${backend.executionProvider}) at ${running.baseUrl}`);
  await new Promise<void>((done) => {
    const stop = () => void running.close().then(() => backend.close()).then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
