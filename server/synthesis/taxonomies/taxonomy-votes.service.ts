import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { findNode } from '../glan/taxonomy';
import { applyVotes, type NodeOutcome, type VoteDecision } from '../glan/taxonomy-review';
import { TaxonomiesRepository } from './taxonomies.repository';
import { TaxonomiesService } from './taxonomies.service';
import type { ApplyVotesResult, VoteTallies } from './taxonomy-views';

/**
 * Keep/remove votes on taxonomy nodes (issue 15 item 1): one per user and node, changeable and withdrawable; any
 * role votes. Applying them (curators) removes what a majority voted out, with its subtree (glan/taxonomy-review.ts
 * applyVotes: a tie keeps), as a new revision.
 */
@Injectable()
export class TaxonomyVotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: TaxonomiesRepository,
    private readonly taxonomies: TaxonomiesService,
    private readonly audit: AuditService,
  ) {}

  async vote(id: string, nodeId: string, decision: VoteDecision, userId: string): Promise<VoteTallies[string]> {
    await this.db.transaction(async (m) => {
      const row = await this.repo.lock(m, id);
      if (!row) throw new NotFoundException(`Taxonomy ${id} not found`);
      if (!findNode(row.tree, nodeId)) throw new NotFoundException(`Taxonomy "${row.name}" has no node ${nodeId} (removed meanwhile?)`);
      const before = await this.repo.upsertVote(m, id, nodeId, userId, decision);
      await this.audit.append({ actorId: userId, entity: 'taxonomy_vote', entityId: `${id}:${nodeId}`, action: before ? 'change' : 'vote', before: before ?? undefined, after: decision }, m);
    });
    await this.taxonomies.publish(id, null, 'vote');
    return this.tally(id, nodeId, userId);
  }

  async withdraw(id: string, nodeId: string, userId: string): Promise<VoteTallies[string]> {
    const before = await this.db.transaction(async (m) => {
      const row = await this.repo.lock(m, id);
      if (!row) throw new NotFoundException(`Taxonomy ${id} not found`);
      const had = await this.repo.deleteVote(m, id, nodeId, userId);
      if (!had) throw new NotFoundException(`You have no vote on node ${nodeId}`);
      await this.audit.append({ actorId: userId, entity: 'taxonomy_vote', entityId: `${id}:${nodeId}`, action: 'withdraw', before: had }, m);
      return had;
    });
    if (before) await this.taxonomies.publish(id, null, 'vote');
    return this.tally(id, nodeId, userId);
  }

  /** Majority wins per node; the removed nodes' subtrees go and their votes are dropped; the result says why. */
  async apply(id: string, baseRevision: string, actorId: string): Promise<ApplyVotesResult> {
    let outcomes: NodeOutcome[] = [];
    let removed: string[] = [];
    const taxonomy = await this.taxonomies.edit(id, baseRevision, actorId, 'apply-votes', async (tree, m) => {
      const result = applyVotes(tree, await this.repo.votes(m, id));
      outcomes = result.outcomes;
      removed = result.removed;
      const decided = result.outcomes.filter((o) => o.outcome !== 'kept' || o.keep + o.remove > 0);
      return { tree: result.taxonomy, removed: result.removed, detail: { removed: result.removed, outcomes: decided.map((o) => ({ node: o.nodeId, outcome: o.outcome, reason: o.reason })) } };
    });
    const { change: _change, ...detail } = taxonomy;
    // the edit succeeded, so the revision the votes were applied to was the base revision
    return { taxonomy: detail, previousRevision: baseRevision, removed, outcomes };
  }

  private async tally(id: string, nodeId: string, userId: string): Promise<VoteTallies[string]> {
    return (await this.repo.tallies(id, userId))[nodeId] ?? { keep: 0, remove: 0, mine: null };
  }
}
