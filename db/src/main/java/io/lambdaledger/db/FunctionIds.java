package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;

import io.lambdaledger.core.model.FunctionKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record2;

/** Resolves natural function keys to the surrogate ids the other tables reference. */
final class FunctionIds {

  private static final int WHOLE_SHARD_ABOVE = 500;

  private FunctionIds() {}

  /** Ids of the known functions among {@code keys}; unknown keys are absent from the map. */
  static Map<FunctionKey, Long> resolve(DSLContext dsl, Collection<FunctionKey> keys) {
    Map<FunctionKey, Long> ids = new HashMap<>();
    Map<List<String>, List<String>> namesByShard =
        keys.stream()
            .distinct()
            .collect(
                Collectors.groupingBy(
                    key -> List.of(key.accountId(), key.region()),
                    Collectors.mapping(FunctionKey::name, Collectors.toList())));
    namesByShard.forEach(
        (shard, names) -> {
          String accountId = shard.get(0);
          String region = shard.get(1);
          if (names.size() > WHOLE_SHARD_ABOVE) {
            // Cheaper to read the shard's every id than to send thousands of names.
            Set<String> wanted = new HashSet<>(names);
            for (Record2<Long, String> row :
                dsl.select(LAMBDA_FUNCTION.ID, LAMBDA_FUNCTION.FUNCTION_NAME)
                    .from(LAMBDA_FUNCTION)
                    .where(LAMBDA_FUNCTION.ACCOUNT_ID.eq(accountId))
                    .and(LAMBDA_FUNCTION.REGION.eq(region))
                    .fetch()) {
              if (wanted.contains(row.value2())) {
                ids.put(new FunctionKey(accountId, region, row.value2()), row.value1());
              }
            }
            return;
          }
          for (List<String> chunk : Chunks.of(names)) {
            for (Record2<Long, String> row :
                dsl.select(LAMBDA_FUNCTION.ID, LAMBDA_FUNCTION.FUNCTION_NAME)
                    .from(LAMBDA_FUNCTION)
                    .where(LAMBDA_FUNCTION.ACCOUNT_ID.eq(accountId))
                    .and(LAMBDA_FUNCTION.REGION.eq(region))
                    .and(LAMBDA_FUNCTION.FUNCTION_NAME.in(chunk))
                    .fetch()) {
              ids.put(new FunctionKey(accountId, region, row.value2()), row.value1());
            }
          }
        });
    return ids;
  }
}
