package io.lambdaledger.db;

import static org.jooq.impl.DSL.excluded;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.InsertOnDuplicateSetStep;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * Bulk {@code INSERT … ON CONFLICT (key) DO UPDATE SET every other column = excluded} in the way
 * each database runs fastest: PostgreSQL gets multi-row statements; H2, where jOOQ emulates the
 * upsert with a {@code MERGE} whose source is a {@code UNION ALL} that H2 plans slowly when long,
 * gets one prepared single-row statement executed as a JDBC batch. Callers pass rows in key order
 * so that concurrent writers lock rows in the same order.
 */
final class Upserts {

  private Upserts() {}

  /**
   * Upserts {@code rows} into {@code table}.
   *
   * @param key the conflict target (a primary or unique key)
   * @param onlyIf nullable: update an existing row only where this holds (may use {@code
   *     excluded(field)} for the new values)
   * @return rows inserted or updated
   */
  static <R extends TableRecord<R>> int upsert(
      DSLContext dsl, Table<R> table, List<R> rows, List<Field<?>> key, Condition onlyIf) {
    List<Field<?>> others =
        Arrays.stream(table.fields()).filter(field -> !key.contains(field)).toList();
    return upsert(dsl, table, rows, key, others, onlyIf);
  }

  /**
   * Upserts {@code rows}, updating only {@code updated} columns of rows that exist already.
   *
   * @param onlyIf nullable: update an existing row only where this holds
   * @return rows inserted or updated
   */
  static <R extends TableRecord<R>> int upsert(
      DSLContext dsl,
      Table<R> table,
      List<R> rows,
      List<Field<?>> key,
      List<Field<?>> updated,
      Condition onlyIf) {
    if (rows.isEmpty()) {
      return 0;
    }
    if (dsl.dialect().family() == SQLDialect.H2) {
      Query single =
          statement(
              dsl.insertInto(table)
                  .columns(table.fields())
                  .values(Collections.nCopies(table.fields().length, null)),
              key,
              updated,
              onlyIf);
      BatchBindStep batch = dsl.batch(single);
      for (R row : rows) {
        batch = batch.bind(row.intoArray());
      }
      int written = 0;
      for (int count : batch.execute()) {
        written += Math.max(count, 0);
      }
      return written;
    }
    int written = 0;
    for (List<R> chunk : Chunks.of(rows)) {
      InsertValuesStepN<R> insert = dsl.insertInto(table).columns(table.fields());
      for (R row : chunk) {
        insert = insert.values(row.intoList());
      }
      written += statement(insert, key, updated, onlyIf).execute();
    }
    return written;
  }

  private static <R extends TableRecord<R>> Query statement(
      InsertValuesStepN<R> insert, List<Field<?>> key, List<Field<?>> updated, Condition onlyIf) {
    if (updated.isEmpty()) {
      throw new IllegalArgumentException("an upsert must update at least one column");
    }
    InsertOnDuplicateSetMoreStep<R> update = null;
    var conflict = insert.onConflict(key).doUpdate();
    for (Field<?> field : updated) {
      update = update == null ? setFirst(conflict, field) : setNext(update, field);
    }
    return onlyIf == null ? update : update.where(onlyIf);
  }

  private static <R extends TableRecord<R>, T> InsertOnDuplicateSetMoreStep<R> setFirst(
      InsertOnDuplicateSetStep<R> step, Field<T> field) {
    return step.set(field, excluded(field));
  }

  private static <R extends TableRecord<R>, T> InsertOnDuplicateSetMoreStep<R> setNext(
      InsertOnDuplicateSetMoreStep<R> step, Field<T> field) {
    return step.set(field, excluded(field));
  }
}
