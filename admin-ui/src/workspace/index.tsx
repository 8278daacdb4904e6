import { Box, Card, CardContent, Tab, Tabs } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { DistractorScreen } from './distractor/DistractorScreen';
import { ReviewScreen } from './review/ReviewScreen';
import { RevisionScreen } from './revision/RevisionScreen';

const SCREENS = { review: ReviewScreen, revision: RevisionScreen, distractor: DistractorScreen };
type ScreenName = keyof typeof SCREENS;

/** The annotator's day: one tab per kind of work, each at its own path (`/workspace/review`, …). */
export const Workspace = () => {
  const translate = useTranslate();
  const { pathname } = useLocation();
  const active = (Object.keys(SCREENS) as ScreenName[]).find((name) => pathname.startsWith(`/workspace/${name}`)) ?? false;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="pace.workspace.title" />
      <Tabs value={active} sx={{ borderBottom: 1, borderColor: 'divider', px: 2 }}>
        {(Object.keys(SCREENS) as ScreenName[]).map((name) => (
          <Tab key={name} value={name} label={translate(`pace.workspace.tabs.${name}`)} component={Link} to={`/workspace/${name}`} />
        ))}
      </Tabs>
      <CardContent>
        <Box>
          <Routes>
            <Route index element={<Navigate to="review" replace />} />
            {(Object.entries(SCREENS) as [ScreenName, () => React.JSX.Element][]).map(([name, Screen]) => (
              <Route key={name} path={name} element={<Screen />} />
            ))}
          </Routes>
        </Box>
      </CardContent>
    </Card>
  );
};
