import { Route, Routes } from 'react-router';
import { GrowthPage } from './GrowthPage';

/** `/growth-curves` (`?studyId=` or `?experimentIds=`, optional `minEpoch`). */
export const Growth = () => (
  <Routes>
    <Route index element={<GrowthPage />} />
  </Routes>
);
