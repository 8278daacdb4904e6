import { useLocaleState } from 'react-admin';

/**
 * Recipe names in natural order (issue 16 item 6): the numbers in them compare as numbers, so the paper's grid reads
 * curated-10 < curated-40 < curated-160 < curated-10000, not curated-10 < curated-10000 < curated-160.
 */
export function recipeNameOrder(locale: string): (a: string, b: string) => number {
  return new Intl.Collator(locale, { numeric: true }).compare;
}

/** A sorted copy of `names` in natural order for `locale`. */
export function sortRecipeNames(names: readonly string[], locale: string): string[] {
  return [...names].sort(recipeNameOrder(locale));
}

/** `sortRecipeNames` in the interface's locale. */
export function useSortRecipeNames(): (names: readonly string[]) => string[] {
  const [locale] = useLocaleState();
  return (names) => sortRecipeNames(names, locale);
}
