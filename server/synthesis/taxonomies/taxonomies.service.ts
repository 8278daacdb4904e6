import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { ListQuery } from '../../common/list-query';
import { EventsService } from '../../events/events.service';
import {
  createNode,
  deleteNode,
  exportTaxonomyJson,
  moveNode,
  parseTaxonomyJson,
  renameNode,
  setAbility,
  type Taxonomy,
  TaxonomyError,
  taxonomyRevision,
} from '../glan/taxonomy';
import { TaxonomiesRepository, type TaxonomyRow } from './taxonomies.repository';
import {
  TAXONOMY_UPDATED,
  type TaxonomyDeleted,
  type TaxonomyDetail,
  type TaxonomyLanguage,
  type TaxonomyRevisionSummary,
  type TaxonomyRevisionView,
  type TaxonomySummary,
  type TaxonomyUpdatedEvent,
} from './taxonomy-views';

export const TAXONOMIES_ROOM = 'taxonomies';
export const taxonomyRoom = (id: string) => `taxonomy:${id}`;

/** A TaxonomyError as a 422 naming each path (a JSON path on import, the node's path of names on an edit). */
export function taxonomyInvalid(e: TaxonomyError, what = 'Invalid taxonomy'): UnprocessableEntityException {
  return new UnprocessableEntityException({ message: `${what}: ${e.message}`, errors: e.issues.map((i) => ({ field: i.path, message: i.message })) });
}

/** What an edit changes: the new tree, and what the audit entry records besides the revisions. */
export interface TreeChange {
  tree: Taxonomy;
  detail?: Record<string, unknown>;
  /** Node ids the change removed: their votes go. */
  removed?: string[];
}

/**
 * The editable taxonomy tree (issue 15 item 1): every change goes through the pure functions of glan/taxonomy.ts,
 * names the revision it was made on (a stale one is a 409 carrying the current revision), saves the new tree and
 * keeps it in taxonomy_revisions in the same transaction, writes an audit entry and publishes `taxonomy.updated`.
 */
@Injectable()
export class TaxonomiesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: TaxonomiesRepository,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  list(q: ListQuery): Promise<[TaxonomySummary[], number]> {
    return this.repo.list(q);
  }

  async get(id: string, userId: string | null): Promise<TaxonomyDetail> {
    const row = await this.repo.find(id);
    if (!row) throw new NotFoundException(`Taxonomy ${id} not found`);
    return { ...row, votes: await this.repo.tallies(id, userId) };
  }

  /** A new taxonomy, empty or from JSON (a document string or a parsed object); JSON errors name their JSON path. */
  async create(input: { name: string; language: TaxonomyLanguage; json?: unknown }, actorId: string | null, m?: EntityManager): Promise<TaxonomyDetail> {
    let tree: Taxonomy = { fields: [] };
    if (input.json !== undefined && input.json !== null) {
      try {
        tree = parseTaxonomyJson(input.json);
      } catch (e) {
        if (e instanceof TaxonomyError) throw taxonomyInvalid(e, 'The taxonomy JSON was refused');
        throw e;
      }
    }
    const name = input.name.trim();
    const work = async (tx: EntityManager) => {
      if (await this.repo.nameTaken(name, undefined, tx)) throw new ConflictException({ message: `A taxonomy named "${name}" exists`, errors: [{ field: 'name', message: 'already taken' }] });
      const revision = taxonomyRevision(tree);
      const id = await this.repo.insert(tx, { name, language: input.language, tree, revision, createdBy: actorId });
      await this.repo.insertRevision(tx, id, revision, tree, actorId);
      await this.audit.append({ actorId, entity: 'taxonomy', entityId: id, action: input.json === undefined ? 'create' : 'import', after: { name, language: input.language, revision } }, tx);
      return id;
    };
    const id = m ? await work(m) : await this.db.transaction(work);
    if (!m) await this.publish(id, null, 'create');
    return { ...(await this.repo.find(id, m ?? this.db))!, votes: {} };
  }

  async update(id: string, input: { name?: string; language?: TaxonomyLanguage }, actorId: string | null): Promise<TaxonomyDetail> {
    await this.db.transaction(async (m) => {
      const row = await this.mustLock(m, id);
      const name = input.name?.trim() ?? row.name;
      const language = input.language ?? row.language;
      if (name !== row.name && (await this.repo.nameTaken(name, id, m))) {
        throw new ConflictException({ message: `A taxonomy named "${name}" exists`, errors: [{ field: 'name', message: 'already taken' }] });
      }
      await this.repo.rename(m, id, name, language);
      await this.audit.append({ actorId, entity: 'taxonomy', entityId: id, action: 'update', before: { name: row.name, language: row.language }, after: { name, language } }, m);
    });
    await this.publish(id, null, 'update');
    return this.get(id, actorId);
  }

  async remove(id: string, actorId: string | null): Promise<TaxonomyDeleted> {
    await this.db.transaction(async (m) => {
      const row = await this.mustLock(m, id);
      // its revisions go with it (ON DELETE CASCADE): not while a generation run names the tree it used
      const runs = await this.repo.generationRuns(m, id);
      if (runs > 0) throw new ConflictException(`Taxonomy "${row.name}" is used by ${runs} generation run(s), which keep its revisions; it cannot be deleted`);
      await this.repo.delete(m, id);
      await this.audit.append({ actorId, entity: 'taxonomy', entityId: id, action: 'delete', before: { name: row.name, revision: row.revision, tree: row.tree } }, m);
    });
    await this.publish(id, null, 'delete');
    return { id };
  }

  createNode(id: string, base: string, p: { parentId: string | null; name: string; abilityKey?: string }, actorId: string | null) {
    return this.edit(id, base, actorId, 'node.create', async (tree) => {
      if (p.abilityKey !== undefined) await this.mustHaveAbility(p.abilityKey);
      const made = createNode(tree, p.parentId, p.name, { abilityKey: p.abilityKey });
      return { tree: made.taxonomy, detail: { node: made.node.id, parentId: p.parentId, name: made.node.name } };
    });
  }

  renameNode(id: string, base: string, nodeId: string, name: string, actorId: string | null) {
    return this.edit(id, base, actorId, 'node.rename', async (tree) => ({ tree: renameNode(tree, nodeId, name), detail: { node: nodeId, name } }));
  }

  moveNode(id: string, base: string, nodeId: string, parentId: string | null, index: number | undefined, actorId: string | null) {
    return this.edit(id, base, actorId, 'node.move', async (tree) => ({ tree: moveNode(tree, nodeId, parentId, index), detail: { node: nodeId, parentId, index } }));
  }

  deleteNode(id: string, base: string, nodeId: string, actorId: string | null) {
    return this.edit(id, base, actorId, 'node.delete', async (tree) => {
      const r = deleteNode(tree, nodeId);
      return { tree: r.taxonomy, detail: { node: nodeId, removed: r.removed }, removed: r.removed };
    });
  }

  /** Maps a discipline to a Pace ability (the key must exist), or clears the mapping with null. */
  setAbility(id: string, base: string, nodeId: string, abilityKey: string | null, actorId: string | null) {
    return this.edit(id, base, actorId, 'node.ability', async (tree) => {
      if (abilityKey !== null) await this.mustHaveAbility(abilityKey);
      return { tree: setAbility(tree, nodeId, abilityKey), detail: { node: nodeId, abilityKey } };
    });
  }

  async exportJson(id: string): Promise<{ name: string; revision: string; json: string }> {
    const row = await this.repo.find(id);
    if (!row) throw new NotFoundException(`Taxonomy ${id} not found`);
    return { name: row.name, revision: row.revision, json: exportTaxonomyJson(row.tree) };
  }

  async revisions(id: string): Promise<TaxonomyRevisionSummary[]> {
    if (!(await this.repo.find(id))) throw new NotFoundException(`Taxonomy ${id} not found`);
    return this.repo.revisions(id);
  }

  async revision(id: string, revision: string): Promise<TaxonomyRevisionView> {
    const found = await this.repo.revision(id, revision);
    if (!found) throw new NotFoundException(`Taxonomy ${id} has no revision ${revision}`);
    return found;
  }

  /**
   * One edit: locks the row, refuses a stale base revision (409 with the current one), applies `change`, saves the
   * tree and its revision, drops votes on removed nodes and audits, all in one transaction; then publishes.
   */
  async edit(id: string, baseRevision: string, actorId: string | null, action: string, change: (tree: Taxonomy, m: EntityManager) => Promise<TreeChange>): Promise<TaxonomyDetail & { change: TreeChange['detail'] }> {
    const { revision, detail } = await this.db.transaction(async (m) => {
      const row = await this.mustLock(m, id);
      if (row.revision !== baseRevision) {
        throw new ConflictException({
          message: `Taxonomy "${row.name}" was changed by someone else: it is at revision ${row.revision.slice(0, 12)}, this edit was made on ${String(baseRevision).slice(0, 12)}. Reload it and edit again.`,
          errors: [{ field: 'baseRevision', message: 'not the current revision', current: row.revision }],
        });
      }
      let next: TreeChange;
      try {
        next = await change(row.tree, m);
      } catch (e) {
        if (e instanceof TaxonomyError) throw taxonomyInvalid(e, 'Edit refused');
        throw e;
      }
      const rev = taxonomyRevision(next.tree);
      await this.repo.saveTree(m, id, next.tree, rev);
      await this.repo.insertRevision(m, id, rev, next.tree, actorId);
      if (next.removed?.length) await this.repo.deleteVotesOn(m, id, next.removed);
      await this.audit.append({ actorId, entity: 'taxonomy', entityId: id, action, before: { revision: row.revision }, after: { revision: rev, ...next.detail } }, m);
      return { revision: rev, detail: next.detail };
    });
    await this.publish(id, revision, action);
    return { ...(await this.get(id, actorId)), change: detail };
  }

  async publish(id: string, revision: string | null, action: string): Promise<void> {
    const event: TaxonomyUpdatedEvent = { id, revision, action };
    await this.events.publish(TAXONOMIES_ROOM, TAXONOMY_UPDATED, event);
    await this.events.publish(taxonomyRoom(id), TAXONOMY_UPDATED, event);
  }

  private async mustLock(m: EntityManager, id: string): Promise<TaxonomyRow> {
    const row = await this.repo.lock(m, id);
    if (!row) throw new NotFoundException(`Taxonomy ${id} not found`);
    return row;
  }

  private async mustHaveAbility(key: string): Promise<void> {
    if (!(await this.repo.abilityExists(key))) {
      throw new UnprocessableEntityException({ message: `No ability "${key}"`, errors: [{ field: 'abilityKey', message: `no ability with key "${key}"` }] });
    }
  }
}
