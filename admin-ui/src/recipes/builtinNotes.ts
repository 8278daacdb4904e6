import { useCallback } from 'react';
import { useTranslate } from 'react-admin';

/**
 * The built-in recipes (migrations/1763981000000-CreateRecipes.ts, the DoIT paper's grid) are stored with English
 * notes. Their names are stable keys (built-in rows are never edited, and a custom recipe cannot take their names),
 * so the interface shows each one's note from its messages (`pace.recipes.builtin_notes.*`) instead.
 */
const BUILTIN_NOTES: { pattern: RegExp; key: string; options?: (n: number) => Record<string, number> }[] = [
  { pattern: /^curated-(\d+)$/, key: 'curated', options: (n) => ({ n: n / 10 }) },
  { pattern: /^synthetic-(\d+)$/, key: 'synthetic', options: (n) => ({ n: n / 10 }) },
  { pattern: /^mix-(\d+)$/, key: 'mix', options: (k) => ({ k }) },
  { pattern: /^baseline$/, key: 'baseline' },
  { pattern: /^reconstruct$/, key: 'reconstruct' },
  { pattern: /^maximum$/, key: 'maximum' },
];

/** The message of a built-in recipe's note, or null for a name that has none. */
export function builtinNoteMessage(name: string): { key: string; options: Record<string, number> } | null {
  for (const { pattern, key, options } of BUILTIN_NOTES) {
    const m = pattern.exec(name);
    if (m) return { key: `pace.recipes.builtin_notes.${key}`, options: options ? options(Number(m[1])) : {} };
  }
  return null;
}

/** A recipe's notes as shown: a built-in recipe's translated, a custom recipe's as its author wrote them. */
export function useRecipeNotes(): (recipe: { name: string; builtin: boolean; notes: string }) => string {
  const translate = useTranslate();
  return useCallback(
    (recipe) => {
      const message = recipe.builtin ? builtinNoteMessage(recipe.name) : null;
      return message ? translate(message.key, message.options) : recipe.notes;
    },
    [translate],
  );
}
