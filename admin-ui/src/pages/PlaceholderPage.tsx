import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import type { PageName } from '../roles';

/** Stands in for a screen that a later issue builds, and says so. */
export const PlaceholderPage = ({ page }: { page: PageName }) => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={`pace.page.${page}.title`} />
      <CardContent>
        <Stack spacing={2} alignItems="flex-start">
          <Chip label={translate('pace.placeholder.badge')} color="warning" size="small" />
          <Typography variant="h5" component="h1">
            {translate(`pace.page.${page}.title`)}
          </Typography>
          <Typography>{translate(`pace.page.${page}.body`)}</Typography>
          <Typography color="text.secondary">{translate('pace.placeholder.body')}</Typography>
        </Stack>
      </CardContent>
    </Card>
  );
};
