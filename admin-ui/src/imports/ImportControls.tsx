import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import { Button, useNotify, useRecordContext } from 'react-admin';
import { canCancel, canResume, type ImportRecord } from './importRecord';
import { importAction } from './importsApi';

/** Cancel (queued or running) or resume (cancelled or failed; it continues from its last committed batch). */
export const ImportControls = () => {
  const record = useRecordContext<ImportRecord>();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { mutate, isPending } = useMutation({
    mutationFn: (action: 'cancel' | 'resume') => importAction(record!.id, action),
    onSuccess: (updated, action) => {
      queryClient.setQueriesData<ImportRecord>({ queryKey: ['imports', 'getOne', { id: String(updated.id) }] }, () => updated);
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
      notify(`resources.imports.actions.${action === 'cancel' ? 'cancel_sent' : 'resume_sent'}`, { type: 'info' });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  if (!record) return null;
  // In a list row: act without opening the row.
  const run = (action: 'cancel' | 'resume') => (e: MouseEvent) => {
    e.stopPropagation();
    mutate(action);
  };
  if (canCancel(record)) {
    return <Button label="resources.imports.actions.cancel" onClick={run('cancel')} disabled={isPending} color="warning"><StopIcon /></Button>;
  }
  if (canResume(record)) {
    return <Button label="resources.imports.actions.resume" onClick={run('resume')} disabled={isPending}><PlayArrowIcon /></Button>;
  }
  return null;
};
