/** Exports of one dataset version: start one (recipe, seed, formats), follow its progress, download it. */
export const ExportPanel = (_props: { versionId: number }) => null;
