import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { listOf, type FakeRequest } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';
import type { EndpointView, RunView } from './synthesisApi';

const endpoint: EndpointView = {
  id: 'e1', name: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1', model: 'qwen', apiKey: { kind: 'encrypted', set: true },
  maxConcurrency: 64, requestsPerMinute: null, tokensPerMinute: null, inputPer1M: 0, outputPer1M: 0,
  createdAt: '2026-12-07T05:00:00Z', updatedAt: '2026-12-07T05:00:00Z',
};
const run: RunView = {
  id: 'r1', kind: 'generation', name: 'GLAN small', taxonomyId: 't1', taxonomyRevision: 'abc', endpointId: 'e1', answerEndpointId: null, reviewMode: 'dual',
  settings: { subjectSamples: 2, subjectTemperature: 1, subjectTopP: 0.95, questionsPerSubject: 3, pairRatio: 0.5, questionTemperature: 1, answerTemperature: 0.7, maxTokens: 512, seed: 1 },
  status: 'paused', stage: 'questions', pauseReason: 'budget', failureReason: null, failures: 1, createdAt: '2026-12-07T06:00:00Z', startedAt: '2026-12-07T06:00:01Z', finishedAt: null, updatedAt: '2026-12-07T06:10:00Z',
  progress: { subjects: { planned: 8, done: 8, failed: 0 }, syllabi: { planned: 12, done: 11, failed: 1 }, questions: { planned: 15, done: 6, failed: 0 }, answers: { planned: 6, done: 4, failed: 0 }, inFlight: 0 },
  usage: { calls: 31, promptTokens: 4000, completionTokens: 2000, costUsd: 0.0123 },
  estimate: null,
};

describe('synthesis screens', () => {
  it('issue 15 item 4: a run whose answers are in shows the ingestion into items and can ingest again or stop it', async () => {
    const ingesting = { ...run, status: 'completed' as const, stage: 'ingest' as const, pauseReason: null, progress: { ...run.progress, ingest: { planned: 6, done: 2, failed: 0 } } };
    const seen = renderAppAs('researcher', {
      path: '/synthesis/runs/r1',
      api: {
        'GET /api/synthesis/runs/r1': () => ({ body: ingesting }),
        'GET /api/synthesis/runs/r1/failures': () => listOf('failures', []),
        'POST /api/synthesis/runs/r1/ingest': () => ({ status: 202, body: { runId: 'r1', queued: true, stage: 'ingest', pairs: { total: 6, generated: 4, excluded: 0, ingested: 2, rejected: 0 } } }),
        'POST /api/synthesis/runs/r1/ingest/cancel': () => ({ body: { runId: 'r1', cancelled: ['i1'] } }),
      },
    });
    expect(await screen.findByTestId('synthesis-stage-ingest', {}, { timeout: 15_000 })).toHaveTextContent('Into items: 2/6');
    await userEvent.click(screen.getByRole('button', { name: 'Stop ingesting' }));
    await waitFor(() => expect(seen.some((r: FakeRequest) => r.method === 'POST' && r.path === '/api/synthesis/runs/r1/ingest/cancel')).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Ingest into items' }));
    await waitFor(() => expect(seen.some((r: FakeRequest) => r.method === 'POST' && r.path === '/api/synthesis/runs/r1/ingest')).toBe(true));
  });

  it('issue 15 item 6: a run whose answers are in links its coverage report; one still generating says when it will', async () => {
    renderAppAs('researcher', {
      path: '/synthesis/runs/r1',
      api: {
        'GET /api/synthesis/runs/r1': () => ({ body: { ...run, status: 'completed', stage: 'done', pauseReason: null } }),
        'GET /api/synthesis/runs/r1/failures': () => listOf('failures', []),
      },
    });
    const link = await screen.findByRole('link', { name: 'Open the coverage report' }, { timeout: 15_000 });
    expect(link.getAttribute('href')).toBe('/synthesis/runs/r1/coverage');
  });

  it('issue 15 item 2: a run page shows per-stage progress, why it paused, usage, resume, and the failures with their raw text', async () => {
    const seen = renderAppAs('researcher', {
      path: '/synthesis/runs/r1',
      api: {
        'GET /api/synthesis/runs/r1': () => ({ body: run }),
        'GET /api/synthesis/runs/r1/failures': () => listOf('failures', [{ id: 1, stage: 'syllabi', discipline: '唐代史', code: 'unparseable', message: 'no JSON found', raw: 'Sure! The syllabus has several sessions' }]),
        'POST /api/synthesis/runs/r1/resume': () => ({ body: { ...run, status: 'queued', pauseReason: null } }),
      },
    });
    expect(await screen.findByTestId('synthesis-status', {}, { timeout: 15_000 })).toHaveTextContent('Paused (budget reached)');
    expect(screen.getByTestId('synthesis-stage-syllabi')).toHaveTextContent('Syllabi: 11/12 (1 ✗)');
    expect(screen.getByTestId('synthesis-stage-answers')).toHaveTextContent('Answers: 4/6');
    expect(screen.getByTestId('synthesis-coverage-slot')).toHaveTextContent('The coverage report opens here once the answers are in.');
    expect(screen.queryByRole('link', { name: 'Open the coverage report' })).toBeNull();
    expect(screen.getByText(/31 calls, 4000 \+ 2000 tokens, \$0\.0123/)).toBeInTheDocument();
    const failures = await screen.findByRole('table', { name: 'Failures (1)' });
    expect(within(failures).getByText('Sure! The syllabus has several sessions')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(seen.some((r: FakeRequest) => r.method === 'POST' && r.path === '/api/synthesis/runs/r1/resume')).toBe(true));
    expect(await screen.findByTestId('synthesis-status')).toHaveTextContent('Queued');
  });

  it('issue 15 item 3: the run form shows the dry-run estimate before starting', async () => {
    const seen = renderAppAs('researcher', {
      path: '/synthesis/runs/create',
      api: {
        'GET /api/llm-endpoints': () => listOf('llm-endpoints', [endpoint]),
        'POST /api/synthesis/runs': (req) => ({
          status: 200,
          body: { dryRun: true, estimate: { lines: [{ label: 'answers', model: 'qwen', calls: 200, totalTokens: 500000, costUsd: 0 }], calls: 420, totalTokens: 900000, costUsd: 0, unpricedModels: [] }, echo: req.body },
        }),
      },
    });
    await userEvent.type(await screen.findByLabelText('Taxonomy id', {}, { timeout: 15_000 }), 'tax-1');
    await userEvent.click(screen.getByLabelText('Endpoint'));
    await userEvent.click(await screen.findByRole('option', { name: 'vllm (qwen)' }));
    const estimate = await screen.findByTestId('synthesis-estimate', {}, { timeout: 5000 });
    expect(estimate).toHaveTextContent('420 calls, 900000 tokens, $0.0000');
    const sent = seen.find((r: FakeRequest) => r.method === 'POST' && r.path === '/api/synthesis/runs')!;
    expect(sent.body).toMatchObject({ dryRun: true, taxonomyId: 'tax-1', endpointId: 'e1', settings: { subjectSamples: 10, answerTemperature: 0.7 } });
  });

  it('the endpoints list never shows a key, only where it comes from', async () => {
    renderAppAs('admin', { path: '/synthesis/endpoints', api: { 'GET /api/llm-endpoints': () => listOf('llm-endpoints', [endpoint, { ...endpoint, id: 'e2', name: 'hosted', apiKey: { kind: 'env', name: 'OPENAI_API_KEY' } }]) } });
    const table = await screen.findByRole('table', { name: 'LLM endpoints' }, { timeout: 15_000 });
    expect(within(table).getByText('Set (encrypted)')).toBeInTheDocument();
    expect(within(table).getByText('From $OPENAI_API_KEY')).toBeInTheDocument();
  });
});
