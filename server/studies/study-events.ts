import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { ExperimentEvents } from '../experiments/experiment-events';
import type { ExperimentView } from '../experiments/experiment-views';
import { RunQueuedHooks } from '../experiments/run-queued-hooks';
import { StudiesRepository } from './studies.repository';
import { StudyViewBuilder } from './study-view.builder';
import type { StudyView } from './study-views';

export const STUDIES_ROOM = 'studies';
export const studyRoom = (id: number) => `study:${id}`;

/**
 * `study.progress` (StudyView) to `study:<id>` and `studies` whenever one of a study's runs changes: it follows every
 * run's `experiment.progress` (ExperimentEvents.onProgress) and joins a following study's policy runs as they are
 * queued or answered with an identical existing run (RunQueuedHooks), so the experiments domain never knows about studies. Publishes for one study are coalesced:
 * while one is being built, further changes make one more, not one each.
 */
@Injectable()
export class StudyEvents implements OnModuleInit {
  private readonly logger = new Logger(StudyEvents.name);
  private readonly inFlight = new Map<number, Promise<StudyView | null>>();
  private readonly dirty = new Set<number>();

  constructor(
    private readonly repo: StudiesRepository,
    private readonly views: StudyViewBuilder,
    private readonly events: EventsService,
    private readonly experimentEvents: ExperimentEvents,
    private readonly queuedHooks: RunQueuedHooks,
  ) {}

  onModuleInit(): void {
    this.experimentEvents.onProgress((run) => this.runChanged(run));
    this.queuedHooks.on((run) => this.runQueued(run));
    this.queuedHooks.onReused((run, by) => (by.policyId === null ? Promise.resolve() : this.policyRun(by.policyId, run, true)));
  }

  /** Publishes the study's view now and answers it. */
  async publish(id: number): Promise<StudyView> {
    await this.inFlight.get(id)?.catch(() => null);
    const view = await this.publishNow(id);
    if (!view) throw new Error(`study ${id} vanished`);
    return view;
  }

  private async runChanged(run: ExperimentView): Promise<void> {
    for (const id of await this.repo.studiesOfRun(run.id)) await this.schedule(id);
  }

  /** A run a following study's policy queued joins the study. */
  private async runQueued(run: ExperimentView): Promise<void> {
    if (run.policyId !== null) await this.policyRun(run.policyId, run, false);
  }

  /** A policy's run — queued, or an identical one it was answered with (reused) — joins the study owning the policy. */
  private async policyRun(policyId: number, run: ExperimentView, reused: boolean): Promise<void> {
    const studyId = await this.repo.studyOfPolicy(policyId);
    if (studyId === null) return;
    await this.repo.linkRun(studyId, run.id, reused, null);
    await this.schedule(studyId);
  }

  private schedule(id: number): Promise<StudyView | null> {
    const running = this.inFlight.get(id);
    if (running) {
      this.dirty.add(id);
      return running;
    }
    const job = (async () => {
      let view: StudyView | null = null;
      do {
        this.dirty.delete(id);
        try {
          view = await this.publishNow(id);
        } catch (e) {
          this.logger.error(`study ${id}: progress not published: ${(e as Error).stack ?? e}`);
        }
      } while (this.dirty.has(id));
      return view;
    })().finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, job);
    return job;
  }

  private async publishNow(id: number): Promise<StudyView | null> {
    const row = await this.repo.find(id);
    if (!row) return null;
    const view = await this.views.build(row);
    await this.events.publish(studyRoom(id), 'study.progress', view);
    await this.events.publish(STUDIES_ROOM, 'study.progress', view);
    return view;
  }
}
