import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { fetchAdapters, type Adapter } from './importsApi';

export function useAdapters() {
  return useQuery({ queryKey: ['import-adapters'], queryFn: fetchAdapters, staleTime: Infinity });
}

/** The adapter chosen in the upload form, once the list has loaded. */
export function useChosenAdapter(): Adapter | undefined {
  const key = useWatch({ name: 'adapter' }) as string | null | undefined;
  return useAdapters().data?.find((a) => a.key === key);
}
