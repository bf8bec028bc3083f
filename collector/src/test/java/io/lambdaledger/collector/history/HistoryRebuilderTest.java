package io.lambdaledger.collector.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.HistoryStore.AllocationSpan;
import io.lambdaledger.db.HistoryStore.ConfigurationSpan;
import io.lambdaledger.db.HistoryStore.FirstObservation;
import io.lambdaledger.db.HistoryStore.Rebuilt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryRebuilderTest {

  private static final Instant FROM = Instant.parse("2026-09-07T12:00:00Z");
  private static final Instant SEEN = Instant.parse("2026-12-06T12:00:00Z");
  private static final Instant T1 = Instant.parse("2026-10-14T09:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-14T09:00:00Z");
  private static final FunctionConfiguration X86_1024 =
      new FunctionConfiguration(1024, Architecture.X86_64, 512, 30);
  private static final FunctionConfiguration ARM_1024 =
      new FunctionConfiguration(1024, Architecture.ARM64, 512, 30);

  private static FirstObservation seen(Map<String, Integer> provisioned) {
    return new FirstObservation("api", SEEN, X86_1024, provisioned);
  }

  private static LambdaEvent architecture(Instant at, Architecture architecture) {
    return new LambdaEvent(
        at,
        LambdaEvent.Kind.UPDATE_CONFIGURATION,
        "api",
        1024,
        architecture,
        512,
        30,
        Set.of("architecture"),
        null,
        0);
  }

  private static LambdaEvent put(Instant at, int allocated) {
    return provisioned(at, LambdaEvent.Kind.PUT_PROVISIONED_CONCURRENCY, allocated);
  }

  private static LambdaEvent delete(Instant at) {
    return provisioned(at, LambdaEvent.Kind.DELETE_PROVISIONED_CONCURRENCY, 0);
  }

  /** A provisioned-concurrency event of alias {@code live} of {@code api}. */
  private static LambdaEvent provisioned(Instant at, LambdaEvent.Kind kind, int allocated) {
    return new LambdaEvent(at, kind, "api", null, null, null, null, Set.of(), "live", allocated);
  }

  @Test
  void withoutEventsTheFirstObservationHeldForTheWholeRange() {
    Rebuilt rebuilt = HistoryRebuilder.rebuild(seen(Map.of("live", 5)), List.of(), FROM);

    assertThat(rebuilt.configurations())
        .containsExactly(new ConfigurationSpan(FROM, SEEN, X86_1024, Provenance.CLOUDTRAIL));
    assertThat(rebuilt.allocations())
        .containsExactly(new AllocationSpan("live", FROM, SEEN, 5, Provenance.CLOUDTRAIL));
  }

  @Test
  void eachSideOfAChangeHasItsConfigurationAndBeforeTheFirstChangeItIsUnknown() {
    Rebuilt rebuilt =
        HistoryRebuilder.rebuild(
            seen(Map.of()),
            List.of(architecture(T1, Architecture.ARM64), architecture(T2, Architecture.X86_64)),
            FROM);

    assertThat(rebuilt.configurations())
        .extracting(ConfigurationSpan::from, ConfigurationSpan::to, ConfigurationSpan::provenance)
        .containsExactly(
            tuple(FROM, T1, Provenance.UNKNOWN),
            tuple(T1, T2, Provenance.CLOUDTRAIL),
            tuple(T2, SEEN, Provenance.CLOUDTRAIL));
    assertThat(rebuilt.configurations().get(1).configuration()).isEqualTo(ARM_1024);
    assertThat(rebuilt.configurations().get(2).configuration()).isEqualTo(X86_1024);
    assertThat(rebuilt.allocations()).isEmpty();
  }

  @Test
  void aProvisionedConcurrencyGapIsLeftOutAndBeforeALoneDeleteItIsInferred() {
    Rebuilt rebuilt =
        HistoryRebuilder.rebuild(seen(Map.of("live", 5)), List.of(delete(T1), put(T2, 5)), FROM);

    assertThat(rebuilt.allocations())
        .containsExactly(
            new AllocationSpan("live", FROM, T1, 5, Provenance.INFERRED),
            new AllocationSpan("live", T2, SEEN, 5, Provenance.CLOUDTRAIL));
  }

  @Test
  void beforeAFirstPutProvisionedConcurrencyIsUnknownUnlessTheFunctionWasCreatedThen() {
    Rebuilt unknown = HistoryRebuilder.rebuild(seen(Map.of("live", 5)), List.of(put(T1, 5)), FROM);
    LambdaEvent create =
        new LambdaEvent(
            T1.minusSeconds(3600),
            LambdaEvent.Kind.CREATE_FUNCTION,
            "api",
            1024,
            Architecture.X86_64,
            512,
            30,
            Set.of(),
            null,
            0);
    Rebuilt created =
        HistoryRebuilder.rebuild(seen(Map.of("live", 5)), List.of(create, put(T1, 5)), FROM);

    assertThat(unknown.allocations())
        .containsExactly(
            new AllocationSpan("live", FROM, T1, 0, Provenance.UNKNOWN),
            new AllocationSpan("live", T1, SEEN, 5, Provenance.CLOUDTRAIL));
    assertThat(created.allocations())
        .containsExactly(new AllocationSpan("live", T1, SEEN, 5, Provenance.CLOUDTRAIL));
    assertThat(created.configurations())
        .containsExactly(new ConfigurationSpan(create.at(), SEEN, X86_1024, Provenance.CLOUDTRAIL));
  }

  @Test
  void versionedEventNamesOfLambdaAreRead() {
    String record =
        """
        {"eventTime":"2026-11-14T09:00:00Z","eventSource":"lambda.amazonaws.com",
         "eventName":"UpdateFunctionConfiguration20150331v2",
         "requestParameters":{"functionName":"arn:aws:lambda:us-east-1:111111111111:function:api",
           "memorySize":2048},
         "responseElements":{"functionName":"api","memorySize":2048,"timeout":30,
           "architectures":["arm64"],"ephemeralStorage":{"size":1024}}}
        """;

    LambdaEvent event = LambdaEventParser.parse(record).orElseThrow();

    assertThat(event.kind()).isEqualTo(LambdaEvent.Kind.UPDATE_CONFIGURATION);
    assertThat(event.functionName()).isEqualTo("api");
    assertThat(event.memoryMb()).isEqualTo(2048);
    assertThat(event.architecture()).isEqualTo(Architecture.ARM64);
    assertThat(event.ephemeralMb()).isEqualTo(1024);
    assertThat(event.changed()).containsExactly("memory");
    assertThat(LambdaEventParser.parse(record.replace("}}}", "}},\"errorCode\":\"X\"}"))).isEmpty();
  }
}
