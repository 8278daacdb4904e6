import { ABILITY_CLASSES, type AbilityFit } from './ability-fit';

/** Guidance inputs that cannot be used; `problems` names every bad field with its ability. */
export class GuidanceInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`guidance input unusable: ${problems.join('; ')}`);
    this.name = 'GuidanceInputError';
  }
}

export const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

export function checkCount(problems: string[], where: string, x: unknown): void {
  if (!isCount(x)) problems.push(`${where} must be a non-negative integer, got ${String(x)}`);
}

/** Problems with one ability's fit; `plateauCapGiven`: a cap for every plateaued ability comes from the options. */
export function fitProblems(ability: string, fit: AbilityFit | undefined, plateauCapGiven: boolean): string[] {
  if (fit === undefined || fit === null) return [`${ability}: fit is missing`];
  const problems: string[] = [];
  if (!Number.isFinite(fit.alpha)) problems.push(`${ability}: fit.alpha must be a finite number, got ${String(fit.alpha)}`);
  if (!Number.isFinite(fit.b)) problems.push(`${ability}: fit.b must be a finite number, got ${String(fit.b)}`);
  if (!(ABILITY_CLASSES as readonly string[]).includes(fit.class)) {
    problems.push(`${ability}: fit.class must be one of ${ABILITY_CLASSES.join(', ')}, got ${String(fit.class)}`);
  }
  if (fit.plateauStart !== undefined && !(Number.isFinite(fit.plateauStart) && fit.plateauStart >= 1)) {
    problems.push(`${ability}: fit.plateauStart must be a volume of at least 1 item, got ${String(fit.plateauStart)}`);
  }
  if (fit.class === 'plateaued' && fit.plateauStart === undefined && !plateauCapGiven) {
    problems.push(`${ability}: plateaued, but fit.plateauStart (the volume the cap defaults to) is missing`);
  }
  return problems;
}

/** A cap the options give every plateaued ability must be a whole number of items, at least 1. */
export function plateauCapProblems(plateauCap: number | undefined): string[] {
  if (plateauCap === undefined || (Number.isInteger(plateauCap) && plateauCap >= 1)) return [];
  return [`plateauCap must be an integer of at least 1, got ${String(plateauCap)}`];
}

export function duplicateProblems(abilities: readonly string[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const a of abilities) {
    if (seen.has(a)) problems.push(`ability "${a}" is listed twice`);
    seen.add(a);
  }
  return problems;
}

/** The cap of a plateaued ability: the options' cap if given, else the volume where its plateau starts. */
export const plateauCapOf = (fit: AbilityFit, plateauCap: number | undefined): number => plateauCap ?? Math.floor(fit.plateauStart as number);
