import { Tab, Tabs } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';

const TABS = [
  { key: 'list', to: '/experiments' },
  { key: 'base_models', to: '/experiments/base-models' },
  { key: 'policies', to: '/experiments/policies' },
] as const;

/** Experiments, base models and policies: three screens of one page. */
export const ExperimentsNav = ({ current }: { current: (typeof TABS)[number]['key'] }) => {
  const translate = useTranslate();
  return (
    <Tabs value={current} aria-label={translate('pace.page.experiments.title')}>
      {TABS.map((t) => (
        <Tab key={t.key} value={t.key} label={translate(`pace.experiments.nav.${t.key}`)} component={Link} to={t.to} />
      ))}
    </Tabs>
  );
};
