/** Where a lease on work (a review, revision or distractor task) stands. Dependency-free, shared with the admin UI. */
export type LeaseState = 'leased' | 'submitted' | 'expired' | 'released';
