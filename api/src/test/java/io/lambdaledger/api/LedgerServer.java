package io.lambdaledger.api;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LedgerFixture} (a real server on a test database) shared by all of a test class's
 * tests: register it as a static {@code @RegisterExtension} field; it starts before the class's
 * tests and closes after them.
 */
final class LedgerServer implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<LedgerFixture> start;
  private LedgerFixture fixture;
  private OpenApiContract contract;

  LedgerServer(Supplier<LedgerFixture> start) {
    this.start = start;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    fixture = start.get();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fixture != null) {
      fixture.close();
    }
  }

  LedgerFixture fixture() {
    return fixture;
  }

  /** The server's own openapi.json, read once. */
  OpenApiContract contract() {
    if (contract == null) {
      contract = OpenApiContract.servedBy(fixture.http);
    }
    return contract;
  }
}
