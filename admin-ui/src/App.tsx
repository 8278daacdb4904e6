import { Admin, CustomRoutes, Resource } from 'react-admin';
import { BrowserRouter, Route } from 'react-router';
import abilities from './abilities';
import { authProvider } from './authProvider';
import { Dashboard } from './dashboard';
import { dataProvider } from './dataProvider';
import { Experiments } from './experiments';
import { Home } from './Home';
import { createI18nProvider } from './i18n/i18nProvider';
import imports from './imports';
import items from './items';
import { Layout } from './Layout';
import { MyWork } from './mywork';
import { lazyPage } from './pages/lazyPage';
import { PlaceholderPage } from './pages/PlaceholderPage';
import { Recipes } from './recipes';
import { isResource, menuFor, SYNTHESIS_REPORT_ROLES, type PageName, type ResourceName } from './roles';
import sources from './sources';
import taxonomies from './taxonomies';
import { theme } from './theme';
import users from './users';
import { Versions } from './versions';
import { Workspace } from './workspace';

const RESOURCES = { users, abilities, sources, imports, items, taxonomies } satisfies Record<ResourceName, object>;

const Growth = lazyPage(async () => (await import('./growth')).Growth);
const Studies = lazyPage(async () => (await import('./studies')).Studies);
const Synthesis = lazyPage(async () => (await import('./synthesis')).Synthesis);
const SynthesisCoverage = lazyPage(async () => (await import('./synthesis/CoveragePage')).CoveragePage);

/** Pages built so far; the others show a placeholder until their issue lands. */
const PAGES: Partial<Record<PageName, () => React.JSX.Element>> = { workspace: Workspace, 'my-work': MyWork, dashboard: Dashboard, versions: Versions, recipes: Recipes, experiments: Experiments, studies: Studies, 'growth-curves': Growth, synthesis: Synthesis };

/** One for the app's life: the language a user picks stays until they pick another (the tests set it back after each). */
export const i18nProvider = createI18nProvider();

/**
 * Registers only what the signed-in role may use: its resources and its (placeholder) pages. Plain paths
 * (`/items/42/show`, not `/#/…`): the server answers index.html for them.
 *
 * Navigations commit at once, not as React transitions (react-router's default). Signing out clears the session and
 * react-admin's query cache in the same task as it navigates to /login: as a transition, that navigation waits while
 * the cleared cache re-renders the signed-in routes still on screen, which find no session and sign out again
 * (LogoutOnMount), navigating and clearing again — a loop of hundreds of redirects that kept the login form away for
 * seconds on a busy machine.
 */
export const App = () => (
  <BrowserRouter useTransitions={false}>
    <Admin
      title="Pace"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      theme={theme}
      layout={Layout}
      dashboard={Home}
      requireAuth
      // Pace calls no host but its own: react-admin's telemetry loads an image from marmelab.com on every start.
      disableTelemetry
    >
      {(permissions) => {
        const entries = menuFor(permissions);
        const pages = entries.filter((e): e is PageName => !isResource(e));
        return [
          ...entries.filter(isResource).map((name) => <Resource key={name} name={name} {...RESOURCES[name]} />),
          <CustomRoutes key="pages">
            {pages.map((page) => {
              const Page = PAGES[page];
              return <Route key={page} path={`/${page}/*`} element={Page ? <Page /> : <PlaceholderPage page={page} />} />;
            })}
            {/* a generation run's coverage report (issue 15 item 6); the run pages link here */}
            {SYNTHESIS_REPORT_ROLES.includes(permissions) && <Route key="synthesis-coverage" path="/synthesis/runs/:id/coverage" element={<SynthesisCoverage />} />}
          </CustomRoutes>,
        ];
      }}
    </Admin>
  </BrowserRouter>
);
