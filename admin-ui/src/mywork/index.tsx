import { Route, Routes } from 'react-router';
import { MyWorkItemPage } from './MyWorkItemPage';
import { MyWorkList } from './MyWorkList';

/** `/my-work` lists the signed-in reviewer's own work; `/my-work/items/:id` opens an item from it. */
export const MyWork = () => (
  <Routes>
    <Route index element={<MyWorkList />} />
    <Route path="items/:id" element={<MyWorkItemPage />} />
  </Routes>
);
