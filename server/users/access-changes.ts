/**
 * Told when a user's rights shrink, after the change is committed: the account was deactivated, its role changed,
 * or every one of its sessions was signed out. The live socket gateway provides it (it disconnects that user's
 * sockets on every server instance); processes without a gateway (the CLI) run without it.
 */
export abstract class AccessChanges {
  abstract revoked(userId: string, reason: AccessChangeReason): Promise<void>;
}

export type AccessChangeReason = 'deactivated' | 'role-changed' | 'signed-out';
