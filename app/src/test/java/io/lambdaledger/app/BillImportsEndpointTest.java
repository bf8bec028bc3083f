package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.api.ApiServer;
import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.api.Services;
import io.lambdaledger.api.alerts.Alerting;
import io.lambdaledger.api.operations.MonthlyReportSource;
import io.lambdaledger.billing.BillImporter;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.ApiTokenStore;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.AwsSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code POST /api/v1/bill/imports} on the real server, with {@code serve}'s import schedule and
 * the simulator's S3: it imports the configured export; asked again while an import runs it answers
 * 409 at once; an export that cannot be read is a 502 naming the object, and nothing is imported.
 */
class BillImportsEndpointTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-05T00:00:00Z"), ZoneOffset.UTC);

  /**
   * Holds the first S3 request sent while armed until released: an import is then running, for as
   * long as the test needs, whatever the machine's speed.
   */
  static final class Gate implements ExecutionInterceptor {
    final AtomicBoolean armed = new AtomicBoolean();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes a) {
      if (armed.compareAndSet(true, false)) {
        entered.countDown();
        try {
          release.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private AwsSimulator sim;
  private TestDatabase db;
  private S3Client s3;
  private final Gate gate = new Gate();
  private BillImportSchedule schedule;
  private ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    sim = SimulatedAws.billedFromOctober(4, 19, CLOCK);
    db = TestDatabases.h2();
    s3 =
        S3Clients.builder(SimulatedAws.environment(sim, "AKIDTEST", "secret"))
            .overrideConfiguration(c -> c.addExecutionInterceptor(gate))
            .build();
  }

  private void serve(String export) {
    schedule =
        new BillImportSchedule(
            new BillImporter(s3, new BillStore(db.dsl()), CLOCK),
            List.of(export),
            Duration.ofHours(1),
            CLOCK,
            () -> {});
    server =
        new ApiServer(
                new ApiServer.Settings(false, CLOCK, "test", Duration.ofMinutes(25)),
                new Services(
                    List::of,
                    new StoredTokens(new ApiTokenStore(db.dsl())),
                    () -> true,
                    new ServiceMetrics(),
                    () -> null,
                    (MonthlyReportSource)
                        (month, format, scope, allowPartial, out) -> {
                          throw new MonthlyReportSource.ReportRefusedException("not here");
                        },
                    LedgerRuntime.ledger(db.database()),
                    PriceBooks.bundled(),
                    Alerting.NONE,
                    schedule))
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    gate.release.countDown();
    if (server != null) {
      server.close();
    }
    s3.close();
    db.close();
    sim.close();
  }

  private HttpResponse<String> post() throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/bill/imports"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void asecondImportAskedForWhileOneRunsIsRefusedWith409AndTheFirstCompletes() throws Exception {
    serve(AwsSimulator.CUR2_CSV_EXPORT);
    gate.armed.set(true);

    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return post();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(gate.entered.await(2, TimeUnit.MINUTES)).as("the first import reached S3").isTrue();
    HttpResponse<String> second = post();
    gate.release.countDown();
    HttpResponse<String> firstResponse = first.get(5, TimeUnit.MINUTES);

    assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
    assertThat(second.body()).contains("already running");
    assertThat(firstResponse.statusCode()).as(firstResponse.body()).isEqualTo(200);
    assertThat(firstResponse.body()).contains("\"outcome\":\"imported\"");
    HttpResponse<String> again = post();
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(again.body()).contains("\"outcome\":\"unchanged\"").doesNotContain("imported\"");
  }

  @Test
  void anExportThatCannotBeReadIs502NamingTheObjectAndImportsNothing() throws Exception {
    serve("s3://no-such-bucket/exports/lambda-cur2-csv");

    HttpResponse<String> response = post();

    assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
    assertThat(response.body()).contains("no-such-bucket");
    assertThat(new BillStore(db.dsl()).totals("2026-10").lines()).isZero();
  }
}
