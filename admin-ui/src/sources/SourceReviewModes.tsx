import { Card, CardContent, List, ListItem, Typography } from '@mui/material';
import { useGetList, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { REVIEW_MODES, type ReviewMode } from '../../../server/items/item-views';
import type { SourceRecord } from './sourceRecord';

/** A synthetic source's items by review mode (dual, single, none), each a link to the item list filtered that way. */
export const SourceReviewModes = () => {
  const source = useRecordContext<SourceRecord>();
  const translate = useTranslate();
  if (!source || source.kind !== 'synthetic') return null;
  return (
    <Card sx={{ ml: 2, minWidth: 240, alignSelf: 'flex-start' }} aria-label={translate('pace.review_mode.by_mode')} role="region">
      <CardContent>
        <Typography variant="subtitle1" component="h2">
          {translate('pace.review_mode.by_mode')}
        </Typography>
        <List dense>
          {REVIEW_MODES.map((mode) => (
            <ModeCount key={mode} sourceId={source.id} mode={mode} />
          ))}
        </List>
      </CardContent>
    </Card>
  );
};

const ModeCount = ({ sourceId, mode }: { sourceId: string; mode: ReviewMode }) => {
  const translate = useTranslate();
  const filter = { sourceId, reviewMode: mode };
  const { total } = useGetList('items', { filter, pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'ASC' } });
  return (
    <ListItem disableGutters>
      <Link to={`/items?filter=${encodeURIComponent(JSON.stringify(filter))}`}>
        {translate(`pace.review_mode.${mode}`)}: {total ?? '…'}
      </Link>
    </ListItem>
  );
};
