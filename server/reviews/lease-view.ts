import type { EntityManager } from 'typeorm';
import type { LeaseView } from './review-views';

export type { LeaseView } from './review-views';

export async function loadLeaseView(m: EntityManager, assignmentId: string): Promise<LeaseView> {
  const [r] = await m.query(
    `SELECT a.id AS lease_id, a.leased_at, a.expires_at, r.id AS round_id, r.kind, r.reviews_needed,
            i.id AS item_id, i.messages, i.gold, i.choices, i.question_format, i.answer_type, i.split, i.review_mode,
            ab.id AS ability_id, ab.key AS ability_key, ab.name_en, ab.name_zh, s.id AS source_id, s.name AS source_name,
            d.id AS distractor_id, d.kind AS distractor_kind, d.text AS distractor_text,
            v.id AS revision_id, v.diff AS revision_diff, v.comment AS revision_comment
     FROM review_assignments a
     JOIN review_rounds r ON r.id = a.round_id
     JOIN items i ON i.id = r.item_id
     JOIN abilities ab ON ab.id = i.ability_id
     JOIN sources s ON s.id = i.source_id
     LEFT JOIN distractors d ON d.id = r.distractor_id
     LEFT JOIN revisions v ON v.id = r.revision_id
     WHERE a.id = $1`,
    [assignmentId],
  );
  const view: LeaseView = {
    lease: { id: r.lease_id, leasedAt: r.leased_at, expiresAt: r.expires_at },
    round: { id: r.round_id, kind: r.kind, reviewsNeeded: r.reviews_needed },
    item: {
      id: Number(r.item_id),
      messages: r.messages,
      gold: r.gold,
      choices: r.choices,
      questionFormat: r.question_format,
      answerType: r.answer_type,
      split: r.split,
      reviewMode: r.review_mode,
    },
    ability: { id: r.ability_id, key: r.ability_key, nameEn: r.name_en, nameZh: r.name_zh },
    source: { id: r.source_id, name: r.source_name },
  };
  if (r.distractor_id) view.distractor = { id: r.distractor_id, kind: r.distractor_kind, text: r.distractor_text };
  if (r.revision_id) view.revision = { id: r.revision_id, diff: r.revision_diff, comment: r.revision_comment };
  return view;
}
