import { Route, Routes } from 'react-router';
import { StudyList } from './StudyList';
import { StudyShow } from './StudyShow';

/** `/studies` (with the create dialog) and `/studies/:id`. */
export const Studies = () => (
  <Routes>
    <Route index element={<StudyList />} />
    <Route path=":id" element={<StudyShow />} />
  </Routes>
);
