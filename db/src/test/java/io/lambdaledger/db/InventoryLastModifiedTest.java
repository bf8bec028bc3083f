package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.config;
import static io.lambdaledger.db.Fixtures.key;
import static io.lambdaledger.db.Fixtures.listing;
import static io.lambdaledger.db.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.ConfigurationPeriod;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A configuration change takes effect when Lambda says it happened ({@code LastModified}), not when
 * the hourly inventory noticed it, so usage in between is priced with the new memory.
 */
class InventoryLastModifiedTest {

  private static final Instant FIRST = t("2026-10-01T00:00:00Z");
  private static final Instant SECOND = t("2026-10-12T11:00:00Z");

  private static FunctionSnapshot api(FunctionConfiguration configuration, Instant lastModified) {
    return new FunctionSnapshot(
        key("api"),
        "arn:aws:lambda:us-east-1:111111111111:function:api",
        "java21",
        "Zip",
        configuration,
        Map.of(),
        List.of(),
        lastModified);
  }

  @ParameterizedTest(name = "{0}, LastModified {1}: new period from {2}")
  @CsvSource({
    "H2, 2026-10-12T10:23:00Z, 2026-10-12T10:23:00Z",
    "POSTGRESQL, 2026-10-12T10:23:00Z, 2026-10-12T10:23:00Z",
    // older than the current period's start, or after the observation: the observation
    "H2, 2026-09-20T00:00:00Z, 2026-10-12T11:00:00Z",
    "H2, 2026-10-12T11:30:00Z, 2026-10-12T11:00:00Z",
    "POSTGRESQL, 2026-09-20T00:00:00Z, 2026-10-12T11:00:00Z"
  })
  void aChangeTakesEffectAtLambdasLastModifiedWhenThatIsPlausible(
      DatabaseKind kind, Instant lastModified, Instant expectedStart) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      InventoryStore store = new InventoryStore(db.dsl());
      store.recordListing(listing(FIRST, api(config(1024), t("2026-09-01T00:00:00Z"))));

      store.recordListing(listing(SECOND, api(config(2048), lastModified)));

      assertThat(store.configurationHistory(key("api")))
          .containsExactly(
              new ConfigurationPeriod(FIRST, expectedStart, config(1024)),
              new ConfigurationPeriod(expectedStart, null, config(2048)));
    }
  }
}
