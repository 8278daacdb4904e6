import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { HistoryState } from './HistoryState';
import { useItemHistory } from './itemHistory';
import type { ItemRecord } from './itemRecord';
import { Markdown } from './Markdown';
import { useFormatDate } from '../i18n/dates';

const H = 'resources.items.history';
const STATUS_COLORS = { approved: 'success', rejected: 'error', pending_review: 'default' } as const;

/** The wrong answers written for perplexity scoring: fine-grained (subtly altered) and coarse-grained (off-task). `label={false}`: no label above it in a tab. */
export const ItemDistractors = (_props: { label?: false }) => {
  const item = useRecordContext<ItemRecord>();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const query = useItemHistory(item?.id, 'distractors');
  return (
    <HistoryState query={query} empty={`${H}.no_distractors`}>
      {() => (
        <Table size="small">
          <TableHead>
            <TableRow>
              {['distractor_kind_label', 'text', 'status', 'author', 'edit_ratio', 'written_at'].map((c) => (
                <TableCell key={c}>{translate(`${H}.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {query.data!.map((d) => (
              <TableRow key={d.id} sx={{ verticalAlign: 'top' }}>
                <TableCell>{translate(`${H}.distractor_kind.${d.kind}`)}</TableCell>
                <TableCell sx={{ maxWidth: 640 }}>
                  <Markdown>{d.text}</Markdown>
                </TableCell>
                <TableCell>
                  <Chip size="small" color={STATUS_COLORS[d.status]} label={translate(`${H}.distractor_status.${d.status}`)} />
                </TableCell>
                <TableCell>{d.authorName}</TableCell>
                <TableCell>{d.editRatio == null ? '—' : `${Math.round(d.editRatio * 100)}%`}</TableCell>
                <TableCell>{formatDate(d.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </HistoryState>
  );
};
