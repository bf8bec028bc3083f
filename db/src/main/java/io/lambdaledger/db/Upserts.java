package io.lambdaledger.db;

import static org.jooq.impl.DSL.excluded;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.InsertOnDuplicateSetStep;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;

/**
 * Bulk {@code INSERT … ON CONFLICT (key) DO UPDATE SET column = excluded.column} in the way each
 * database runs fastest.
 *
 * <ul>
 *   <li>PostgreSQL: one {@code INSERT … SELECT … FROM unnest(text[], …)} per few thousand rows,
 *       each column bound as one array (a few binds instead of one per value; large multi-row
 *       {@code VALUES} lists spent most of their time being rendered, bound and planned).
 *   <li>H2: jOOQ emulates the upsert with {@code MERGE}, whose {@code UNION ALL} source H2 parses
 *       very slowly when long, so one prepared single-row statement runs as a JDBC batch.
 * </ul>
 *
 * Callers pass rows in key order so that concurrent writers lock rows in the same order.
 */
final class Upserts {

  private static final int ROWS_PER_ARRAY_STATEMENT = 5_000;
  private static final int ROWS_PER_JDBC_BATCH = 1_000;

  private Upserts() {}

  /**
   * Upserts {@code rows} into {@code table}, updating every non-key column of existing rows.
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
   * One row's {@code INSERT … ON CONFLICT (key) DO UPDATE}: an existing row takes every other
   * column of {@code row}. For a few rows written now and then; use {@link #upsert} for many.
   */
  static <R extends TableRecord<R>> InsertOnDuplicateSetMoreStep<R> upsertOne(
      DSLContext dsl, R row, List<Field<?>> key) {
    Map<Field<?>, Object> others = new LinkedHashMap<>();
    for (Field<?> field : row.fields()) {
      if (!key.contains(field)) {
        others.put(field, row.get(field));
      }
    }
    return dsl.insertInto(row.getTable()).set(row).onConflict(key).doUpdate().set(others);
  }

  /**
   * Upserts {@code rows}, updating only the {@code updated} columns of rows that exist already.
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
    if (updated.isEmpty()) {
      throw new IllegalArgumentException("an upsert must update at least one column");
    }
    Conflict<R> conflict = new Conflict<>(table, key, updated, onlyIf);
    return dsl.dialect().family() == SQLDialect.H2
        ? batchOfSingleRows(dsl, conflict, rows)
        : arrays(dsl, conflict, rows);
  }

  /**
   * Where an upsert writes: the table, its conflict target, the columns an existing row takes from
   * the new one, and (nullable) where it does.
   */
  private record Conflict<R extends TableRecord<R>>(
      Table<R> table, List<Field<?>> key, List<Field<?>> updated, Condition onlyIf) {

    /** {@code insert ON CONFLICT (key) DO UPDATE SET updated = excluded.updated [WHERE onlyIf]}. */
    Query upsert(InsertOnDuplicateStep<R> insert) {
      InsertOnDuplicateSetStep<R> conflict = insert.onConflict(key).doUpdate();
      InsertOnDuplicateSetMoreStep<R> update = null;
      for (Field<?> field : updated) {
        update = update == null ? setFirst(conflict, field) : setNext(update, field);
      }
      return onlyIf == null ? update : update.where(onlyIf);
    }
  }

  private static <R extends TableRecord<R>> int batchOfSingleRows(
      DSLContext dsl, Conflict<R> conflict, List<R> rows) {
    Field<?>[] fields = conflict.table().fields();
    Query single =
        conflict.upsert(
            dsl.insertInto(conflict.table())
                .columns(fields)
                .values(Collections.nCopies(fields.length, null)));
    int written = 0;
    for (List<R> chunk : Chunks.of(rows, ROWS_PER_JDBC_BATCH)) {
      BatchBindStep batch = dsl.batch(single);
      for (R row : chunk) {
        batch = batch.bind(row.intoArray());
      }
      for (int count : batch.execute()) {
        written += Math.max(count, 0);
      }
    }
    return written;
  }

  private static <R extends TableRecord<R>> int arrays(
      DSLContext dsl, Conflict<R> conflict, List<R> rows) {
    Field<?>[] fields = conflict.table().fields();
    int written = 0;
    for (List<R> chunk : Chunks.of(rows, ROWS_PER_ARRAY_STATEMENT)) {
      written +=
          conflict
              .upsert(
                  dsl.insertInto(conflict.table())
                      .columns(fields)
                      .select(unnest(List.of(fields), chunk)))
              .execute();
    }
    return written;
  }

  /**
   * Plain bulk insert of {@code columns} of {@code rows} (no conflict expected): PostgreSQL from
   * arrays, H2 as multi-row {@code VALUES} (which H2 runs natively and fast).
   *
   * @return rows inserted
   */
  static <R extends TableRecord<R>> int insert(
      DSLContext dsl, Table<R> table, List<Field<?>> columns, List<R> rows) {
    int written = 0;
    if (dsl.dialect().family() == SQLDialect.H2) {
      for (List<R> chunk : Chunks.of(rows)) {
        var insert = dsl.insertInto(table).columns(columns);
        for (R row : chunk) {
          insert = insert.values(columns.stream().map(row::get).toList());
        }
        written += insert.execute();
      }
      return written;
    }
    for (List<R> chunk : Chunks.of(rows, ROWS_PER_ARRAY_STATEMENT)) {
      written += dsl.insertInto(table).columns(columns).select(unnest(columns, chunk)).execute();
    }
    return written;
  }

  /**
   * {@code SELECT cast(u.c0 as type0), … FROM unnest(?::text[], …) AS u(c0, …)}: the rows' {@code
   * columns}, one text array bound per column.
   */
  private static <R extends TableRecord<R>> Select<Record> unnest(
      List<Field<?>> columns, List<R> rows) {
    List<String> names = new ArrayList<>();
    List<String> arrays = new ArrayList<>();
    Object[] bindings = new Object[columns.size()];
    List<Field<?>> values = new ArrayList<>();
    for (int column = 0; column < columns.size(); column++) {
      Field<?> field = columns.get(column);
      String[] texts = new String[rows.size()];
      for (int row = 0; row < rows.size(); row++) {
        texts[row] = text(rows.get(row).get(field));
      }
      bindings[column] = texts;
      names.add("c" + column);
      arrays.add("cast(? as text[])");
      values.add(DSL.field(DSL.name("u", "c" + column), String.class).cast(field.getDataType()));
    }
    Table<?> source =
        DSL.table(
            "unnest(" + String.join(", ", arrays) + ") as u(" + String.join(", ", names) + ")",
            bindings);
    return DSL.select(values).from(source);
  }

  /** A value as PostgreSQL reads it back from text (ISO-8601 instants, plain decimals). */
  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
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
