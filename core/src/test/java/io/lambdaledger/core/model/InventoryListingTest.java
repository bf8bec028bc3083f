package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryListingTest {

  private static final FunctionConfiguration CONFIG =
      new FunctionConfiguration(128, Architecture.X86_64, 512, 3);

  private static FunctionSnapshot snapshot(String account, String region, String name) {
    return FunctionSnapshot.of(
        new FunctionKey(account, region, name), "arn:" + name, "java21", CONFIG);
  }

  /** A complete listing of shard 111111111111/us-east-1. */
  private static InventoryListing listing(FunctionSnapshot... functions) {
    return new InventoryListing(
        "111111111111", "us-east-1", Instant.EPOCH, List.of(functions), true);
  }

  @Test
  void refusesAFunctionOfAnotherShard() {
    assertThatThrownBy(() -> listing(snapshot("111111111111", "eu-west-1", "f")))
        .hasMessageContaining("does not belong");
  }

  @Test
  void refusesTheSameFunctionTwice() {
    assertThatThrownBy(
            () ->
                listing(
                    snapshot("111111111111", "us-east-1", "f"),
                    snapshot("111111111111", "us-east-1", "f")))
        .hasMessageContaining("duplicate");
  }
}
