package io.lambdaledger.collector.history;

import io.lambdaledger.core.model.Architecture;
import java.time.Instant;
import java.util.Set;

/**
 * One of Lambda's management events, reduced to what billing history needs.
 *
 * @param memoryMb the configuration after the event (configuration events; null when not said)
 * @param changed the configuration fields the request set ({@code memory}, {@code architecture},
 *     {@code ephemeral}): the others were left as they were
 * @param qualifier the alias or version (provisioned concurrency events)
 * @param allocated the provisioned concurrency put (PUT_PROVISIONED_CONCURRENCY)
 */
record LambdaEvent(
    Instant at,
    Kind kind,
    String functionName,
    Integer memoryMb,
    Architecture architecture,
    Integer ephemeralMb,
    Integer timeoutSeconds,
    Set<String> changed,
    String qualifier,
    int allocated) {

  enum Kind {
    CREATE_FUNCTION,
    UPDATE_CONFIGURATION,
    DELETE_FUNCTION,
    PUT_PROVISIONED_CONCURRENCY,
    DELETE_PROVISIONED_CONCURRENCY;

    boolean configuration() {
      return this == CREATE_FUNCTION || this == UPDATE_CONFIGURATION;
    }
  }

  LambdaEvent {
    changed = Set.copyOf(changed);
  }
}
