import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listOf } from '../test/fakeApi';
import { renderAppAs } from '../test/renderApp';

vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);

const ID = '6f1c2b9e-0000-4000-8000-000000000009';

/** XMLHttpRequest as far as the upload uses it; each test answers the request it sent. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open(method: string, url: string) {
    Object.assign(this, { method, url });
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    act(() => this.onload?.());
  }
}

const adapters = [
  { key: 'messages', title: 'DoIT / OpenAI messages', description: 'One conversation per line.', format: 'json-any', source: { name: 'messages', kind: 'generic', license: null }, columns: null },
  {
    key: 'csv',
    title: 'CSV (mapped columns)',
    description: 'CSV with a header row; columns mapped to instruction, output and optionally input, ability, id, answer.',
    format: 'csv',
    source: { name: 'csv', kind: 'generic', license: null },
    columns: [
      { name: 'instruction', required: true },
      { name: 'output', required: true },
      { name: 'input', required: false },
    ],
  },
  { key: 'c3', title: 'C3 dialogue reading comprehension', description: 'C3 multiple choice.', format: 'json-array', source: { name: 'C3', kind: 'curation', license: null }, columns: null },
];

function renderUpload() {
  return renderAppAs('researcher', {
    path: '/imports/create',
    api: {
      'GET /api/imports/adapters': () => ({ body: adapters }),
      'GET /api/abilities': () => listOf('abilities', [{ id: 1, key: 'history', nameEn: 'History', nameZh: '历史' }, { id: 3, key: 'biology', nameEn: 'Biology', nameZh: '生物' }]),
      'GET /api/sources': () => listOf('sources', [{ id: 's1', name: 'doit', kind: 'curation' }]),
      [`GET /api/imports/${ID}/errors`]: () => listOf('errors', []),
      [`GET /api/imports/${ID}`]: () => ({ body: { id: ID, originalName: 'exam.csv', adapter: 'csv', sourceId: 's1', status: 'queued', totalSize: 10, doneSize: 0, errorCount: 0 } }),
    },
  });
}

async function chooseFile(name: string, content: string) {
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>('input[type="file"]');
    expect(found).not.toBeNull();
    return found!;
  });
  await userEvent.upload(input, new File([content], name, { type: 'text/plain' }));
  expect(await screen.findByText(new RegExp(`^${name.replace('.', '\\.')} \\(`))).toBeInTheDocument();
}

/** Pastes rather than types: one event instead of one per character keeps the test quick on a busy machine. */
async function fill(user: ReturnType<typeof userEvent.setup>, name: string, text: string) {
  await user.click(screen.getByRole('textbox', { name }));
  await user.paste(text);
}

async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: RegExp) {
  await user.click(await screen.findByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('import upload', () => {
  beforeEach(() => {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:preview'), revokeObjectURL: vi.fn() }));
  });

  it('sends the file and its fields as multipart, shows the upload progress, then opens the import', async () => {
    const user = userEvent.setup();
    renderUpload();
    await chooseFile('exam.csv', 'Question,Answer\n汉朝由谁建立？,刘邦\n');

    await choose(user, 'Record format', /CSV \(mapped columns\)/);
    expect(screen.getByText(/columns mapped to instruction, output/)).toBeInTheDocument();
    await fill(user, 'instruction *', 'Question');
    await fill(user, 'output *', 'Answer');
    await choose(user, 'Default ability', /^History$/);
    await fill(user, 'Source name', '考试题库');
    await fill(user, 'License (of a new source)', 'CC BY 4.0');
    await user.click(screen.getByRole('button', { name: 'Upload and import' }));

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = FakeXhr.sent[0];
    expect([xhr.method, xhr.url, xhr.headers.Authorization]).toEqual(['POST', '/api/imports', 'Bearer access-1']);
    const body = xhr.body!;
    expect((body.get('file') as File).name).toBe('exam.csv');
    expect(await (body.get('file') as File).text()).toContain('汉朝由谁建立');
    expect(body.get('adapter')).toBe('csv');
    expect(body.get('ability')).toBe('history');
    expect(body.get('sourceName')).toBe('考试题库');
    expect(body.get('license')).toBe('CC BY 4.0');
    expect(body.get('sourceId')).toBeNull();
    expect(JSON.parse(body.get('csvMapping') as string)).toEqual({ instruction: 'Question', output: 'Answer' });

    xhr.progress(30, 120);
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText('Uploading… 25%')).toBeInTheDocument();
    xhr.progress(120, 120);
    expect(screen.getByText('Uploaded; the server is checking the file…')).toBeInTheDocument();

    xhr.respond(201, { id: ID, status: 'queued' });
    await waitFor(() => expect(window.location.pathname).toBe(`/imports/${ID}/show`));
    expect(await screen.findByText('Queued')).toBeInTheDocument();
  });

  it('sends an existing source by id, and no adapter when the format is left to detection', async () => {
    const user = userEvent.setup();
    renderUpload();
    await chooseFile('history.jsonl', '{"messages":[]}\n');
    await user.click(screen.getByRole('radio', { name: 'An existing source' }));
    await choose(user, 'Source', /^doit$/);
    await user.click(screen.getByRole('button', { name: 'Upload and import' }));

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const body = FakeXhr.sent[0].body!;
    expect([...body.keys()].sort()).toEqual(['file', 'sourceId']);
    expect(body.get('sourceId')).toBe('s1');
  });

  it("shows the server's refusal and stays on the form", async () => {
    const user = userEvent.setup();
    renderUpload();
    await chooseFile('chat.jsonl', '{"messages":[]}\n');
    await choose(user, 'Record format', /DoIT \/ OpenAI messages/);
    await user.click(screen.getByRole('button', { name: 'Upload and import' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0].respond(400, { message: 'sourceName: the generic "messages" adapter needs a source name or sourceId' });

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('sourceName: the generic "messages" adapter needs a source name or sourceId')).toBeInTheDocument();
    expect(window.location.pathname).toBe('/imports/create');
    expect(screen.queryByRole('progressbar', { name: 'Upload progress' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Upload and import' })).toBeEnabled();
  });

  it('says what a known-dataset format names its source when the name is left empty', async () => {
    const user = userEvent.setup();
    renderUpload();
    await choose(user, 'Record format', /C3 dialogue/);
    expect(screen.getByText('Leave empty to use “C3”')).toBeInTheDocument();
    expect(screen.queryByText('Column mapping')).toBeNull();
  });
});
