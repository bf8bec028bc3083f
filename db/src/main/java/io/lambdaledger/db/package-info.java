/**
 * Storage: {@link io.lambdaledger.db.Database} (pool, migrations, one jOOQ {@code DSLContext}) and
 * the stores, which take that context and read and write {@code io.lambdaledger.core.model}
 * records. Every write is an idempotent upsert on a natural key. The jOOQ classes in {@code
 * io.lambdaledger.db.jooq} are generated from {@code db/migrations} and stay inside this module.
 */
package io.lambdaledger.db;
