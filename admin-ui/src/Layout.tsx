import { useEffect, type ReactNode } from 'react';
import { AppBar, Layout as RaLayout, useLocaleState } from 'react-admin';
import { AccountDialogs, AccountMenu } from './account';
import { Menu } from './Menu';

const PaceAppBar = () => <AppBar userMenu={<AccountMenu />} />;

/** The page's language follows the interface's, so browsers choose Chinese glyphs (not Japanese ones) for Han text. */
function useDocumentLanguage() {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
}

export const Layout = ({ children }: { children: ReactNode }) => {
  useDocumentLanguage();
  return (
    <AccountDialogs>
      <RaLayout menu={Menu} appBar={PaceAppBar}>
        {children}
      </RaLayout>
    </AccountDialogs>
  );
};
