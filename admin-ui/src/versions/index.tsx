import { Route, Routes } from 'react-router';
import { VersionList } from './VersionList';
import { VersionShow } from './VersionShow';

/** `/versions` lists the dataset versions; `/versions/:id` shows one. */
export const Versions = () => (
  <Routes>
    <Route index element={<VersionList />} />
    <Route path=":id" element={<VersionShow />} />
  </Routes>
);
