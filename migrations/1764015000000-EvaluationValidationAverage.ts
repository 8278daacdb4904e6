import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each evaluation keeps its in-domain 0-shot validation average (issue 13 item 2, the growth page's read): the
 * unweighted mean over abilities of each ability's stored valid mean, summed in ability order as the growth reader
 * sums them (PostgreSQL's float8 avg adds in the aggregate's order and divides by the count, as the reader does), so
 * the checkpoint pick made from this column equals the one made from the scores, to the last bit. With it a study
 * page picks each run's reported checkpoint from ~7,500 small evaluation rows instead of reading every epoch's scores.
 *
 * `validation_groups` says how many groups the average is over (0: the evaluation has none, no candidate); NULL means
 * not known — scores stored before this column, or a validation score without its interval or off [0, 1] — and the
 * reader then reads that evaluation's scores as before. Existing rows are backfilled from their ability scores.
 */
export class EvaluationValidationAverage1764015000000 implements MigrationInterface {
  name = 'EvaluationValidationAverage1764015000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE evaluations
        ADD COLUMN validation_average double precision,
        ADD COLUMN validation_groups integer CHECK (validation_groups >= 0),
        ADD CONSTRAINT evaluations_validation_average_known CHECK ((validation_groups IS NOT NULL AND validation_groups > 0) = (validation_average IS NOT NULL))`);
    await q.query(`
      UPDATE evaluations e SET validation_average = v.average, validation_groups = v.groups
        FROM (SELECT s.evaluation_id, avg(s.score ORDER BY s.ability) AS average, count(*)::int AS groups
                FROM ability_scores s
               WHERE s.suite = 'in-domain' AND s.split = 'valid' AND s.shots = 0
               GROUP BY s.evaluation_id
              HAVING bool_and(s.ci_method IS NOT NULL AND s.score >= 0 AND s.score <= 1)) v
       WHERE e.id = v.evaluation_id`);
    // evaluations with scores but no in-domain validation group: known, no candidate
    await q.query(`
      UPDATE evaluations e SET validation_groups = 0
       WHERE EXISTS (SELECT 1 FROM ability_scores s WHERE s.evaluation_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM ability_scores s WHERE s.evaluation_id = e.id AND s.suite = 'in-domain' AND s.split = 'valid' AND s.shots = 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE evaluations
        DROP CONSTRAINT evaluations_validation_average_known,
        DROP COLUMN validation_groups,
        DROP COLUMN validation_average`);
  }
}
