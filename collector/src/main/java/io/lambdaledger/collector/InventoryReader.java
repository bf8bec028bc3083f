package io.lambdaledger.collector;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsRequest;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;

/**
 * Reads what Lambda knows about the functions of a shard: every function (ListFunctions, 50 per
 * page), its configuration (with {@code LastModified}, so a change is dated when it happened, not
 * when the inventory noticed it), its tags (the tagging API's GetResources, 100 per page, falling
 * back to one ListTags per function when GetResources is not allowed or not available) and its
 * provisioned concurrency (ListProvisionedConcurrencyConfigs, one function at a time, so only for
 * the functions the caller asks about). Every call waits for the shard's Lambda rate limit.
 */
final class InventoryReader {

  /**
   * What one pass read.
   *
   * @param taggingProblem null, or why the tagging API could not be used (tags then come from one
   *     ListTags per function, read beside collection)
   */
  record Pass(
      List<FunctionSnapshot> functions, boolean tagsFromTaggingApi, String taggingProblem) {}

  private static final Logger LOG = LoggerFactory.getLogger(InventoryReader.class);

  private static final DateTimeFormatter LAMBDA_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final Shard shard;
  private final LambdaClient lambda;
  private final ResourceGroupsTaggingApiClient tagging;
  private final RateLimiter rateLimiter;
  private final RateLimiter taggingLimiter;
  private final CallCounter counter;

  InventoryReader(ShardClients clients, RateLimiter rateLimiter, CallCounter counter) {
    this(clients, rateLimiter, rateLimiter, counter);
  }

  /**
   * @param taggingLimiter the tagging API's own limit (it is not part of Lambda's control-plane
   *     quota), so GetResources can page beside ListFunctions
   */
  InventoryReader(
      ShardClients clients,
      RateLimiter rateLimiter,
      RateLimiter taggingLimiter,
      CallCounter counter) {
    this.taggingLimiter = taggingLimiter;
    this.shard = clients.shard();
    this.lambda = clients.lambda();
    this.tagging = clients.tagging();
    this.rateLimiter = rateLimiter;
    this.counter = counter;
  }

  /**
   * Reads every function of the shard with the calls that do not grow with the number of functions
   * one by one: ListFunctions and GetResources. Provisioned concurrency (and tags, when the tagging
   * API cannot be used) are reported as the store knows them ({@code known}; nothing for a new
   * function) and read one function at a time by {@link FunctionEnrichment}.
   */
  Pass read(Map<String, LambdaFunction> known) {
    return read(known, page -> {});
  }

  /**
   * As {@link #read(Map)}, handing each ListFunctions page to {@code pages} as it arrives (on the
   * listing's thread, so it must not block), before the whole listing is read. A page's tags are
   * those GetResources has listed so far, else the stored ones; the returned pass has them all.
   */
  Pass read(Map<String, LambdaFunction> known, Consumer<List<FunctionSnapshot>> pages) {
    String[] taggingProblem = new String[1];
    Map<String, Map<String, String>> tagsSoFar = new ConcurrentHashMap<>();
    // the two listings page beside each other, each under its own service's limit
    java.util.concurrent.CompletableFuture<Map<String, Map<String, String>>> tagging =
        new java.util.concurrent.CompletableFuture<>();
    Thread.ofVirtual()
        .name("tagging-" + shard.key())
        .start(
            () -> {
              try {
                tagging.complete(tagsFromTaggingApi(tagsSoFar, taggingProblem));
              } catch (RuntimeException e) {
                tagging.completeExceptionally(e);
              }
            });
    List<FunctionConfiguration> listed =
        listFunctions(
            page -> {
              List<FunctionSnapshot> snapshots = new ArrayList<>(page.size());
              for (FunctionConfiguration function : page) {
                LambdaFunction before = known.get(function.functionName());
                Map<String, String> tags = tagsSoFar.get(unqualified(function.functionArn()));
                snapshots.add(
                    snapshot(
                        function,
                        tags != null ? tags : before == null ? Map.of() : before.tags(),
                        before == null ? List.of() : before.provisionedConcurrency()));
              }
              pages.accept(snapshots);
            });
    Map<String, Map<String, String>> tagsByArn = tagging.join();
    boolean fromTaggingApi = tagsByArn != null;
    List<FunctionSnapshot> snapshots = new ArrayList<>(listed.size());
    for (FunctionConfiguration function : listed) {
      LambdaFunction before = known.get(function.functionName());
      Map<String, String> tags =
          fromTaggingApi
              ? tagsByArn.getOrDefault(unqualified(function.functionArn()), Map.of())
              : before == null ? Map.of() : before.tags();
      List<ProvisionedConcurrency> provisioned =
          before == null ? List.of() : before.provisionedConcurrency();
      snapshots.add(snapshot(function, tags, provisioned));
    }
    return new Pass(snapshots, fromTaggingApi, taggingProblem[0]);
  }

  private List<FunctionConfiguration> listFunctions(Consumer<List<FunctionConfiguration>> pages) {
    List<FunctionConfiguration> functions = new ArrayList<>();
    eachPage(
        "ListFunctions",
        counter,
        from ->
            lambda.listFunctions(ListFunctionsRequest.builder().marker(from).maxItems(50).build()),
        ListFunctionsResponse::nextMarker,
        page -> {
          functions.addAll(page.functions());
          pages.accept(page.functions());
        });
    return functions;
  }

  /**
   * Reads every page of a Lambda listing that pages with a marker, each after a permit, counting
   * each call as {@code operation}.
   */
  private <P> void eachPage(
      String operation,
      CallCounter counter,
      Function<String, P> fetch,
      Function<P, String> nextMarker,
      Consumer<P> page) {
    String marker = null;
    do {
      rateLimiter.acquire();
      String from = marker;
      P response = AwsCallException.call("Lambda", operation, () -> fetch.apply(from));
      counter.call(operation);
      page.accept(response);
      marker = nextMarker.apply(response);
    } while (marker != null && !marker.isEmpty());
  }

  /** Tags of every tagged function by ARN, or null when the tagging API cannot be used. */
  private Map<String, Map<String, String>> tagsFromTaggingApi(
      Map<String, Map<String, String>> tagsByArn, String[] problem) {
    String token = null;
    try {
      do {
        taggingLimiter.acquire();
        String from = token;
        GetResourcesResponse page =
            AwsCallException.call(
                "Tagging",
                "GetResources",
                () ->
                    tagging.getResources(
                        GetResourcesRequest.builder()
                            .resourceTypeFilters("lambda:function")
                            .resourcesPerPage(100)
                            .paginationToken(from)
                            .build()));
        counter.call("GetResources");
        for (ResourceTagMapping mapping : page.resourceTagMappingList()) {
          Map<String, String> tags = new LinkedHashMap<>();
          for (Tag tag : mapping.tags()) {
            tags.put(tag.key(), tag.value());
          }
          tagsByArn.put(unqualified(mapping.resourceARN()), tags);
        }
        token = page.paginationToken();
      } while (token != null && !token.isEmpty());
      return tagsByArn;
    } catch (AwsCallException e) {
      LOG.warn(
          "shard={} event=tagging-api-unavailable fallback=ListTags error=\"{}\"",
          shard,
          e.getMessage());
      problem[0] = e.getMessage() + " (tags read with ListTags, one function at a time)";
      return null;
    }
  }

  /** One function's tags (ListTags). */
  Map<String, String> listTags(String functionArn) {
    rateLimiter.acquire();
    return AwsCallException.call(
            "Lambda",
            "ListTags",
            () -> lambda.listTags(ListTagsRequest.builder().resource(functionArn).build()))
        .tags();
  }

  /**
   * One function's provisioned concurrency, every qualifier (ListProvisionedConcurrencyConfigs).
   */
  List<ProvisionedConcurrency> provisionedConcurrency(String functionName, CallCounter counter) {
    List<ProvisionedConcurrency> configs = new ArrayList<>();
    eachPage(
        "ListProvisionedConcurrencyConfigs",
        counter,
        from ->
            lambda.listProvisionedConcurrencyConfigs(
                ListProvisionedConcurrencyConfigsRequest.builder()
                    .functionName(functionName)
                    .marker(from)
                    .build()),
        ListProvisionedConcurrencyConfigsResponse::nextMarker,
        page -> {
          for (ProvisionedConcurrencyConfigListItem item : page.provisionedConcurrencyConfigs()) {
            Integer allocated = item.allocatedProvisionedConcurrentExecutions();
            configs.add(
                new ProvisionedConcurrency(
                    qualifierOf(item.functionArn()), allocated == null ? 0 : allocated));
          }
        });
    return configs;
  }

  private FunctionSnapshot snapshot(
      FunctionConfiguration function,
      Map<String, String> tags,
      List<ProvisionedConcurrency> provisioned) {
    String architecture =
        function.hasArchitectures() && !function.architectures().isEmpty()
            ? function.architecturesAsStrings().get(0)
            : "x86_64";
    int ephemeral =
        function.ephemeralStorage() == null || function.ephemeralStorage().size() == null
            ? 512
            : function.ephemeralStorage().size();
    io.lambdaledger.core.model.FunctionConfiguration configuration =
        new io.lambdaledger.core.model.FunctionConfiguration(
            function.memorySize() == null ? 128 : function.memorySize(),
            Architecture.parse(architecture),
            ephemeral,
            function.timeout() == null ? 3 : function.timeout());
    String packageType =
        function.packageTypeAsString() == null ? "Zip" : function.packageTypeAsString();
    return new FunctionSnapshot(
        new FunctionKey(shard.accountId(), shard.region(), function.functionName()),
        unqualified(function.functionArn()),
        function.runtimeAsString(),
        packageType,
        configuration,
        tags,
        provisioned,
        parseLastModified(function.lastModified()));
  }

  /** {@code arn:aws:lambda:r:a:function:name:qualifier} → {@code qualifier}. */
  static String qualifierOf(String qualifiedArn) {
    String[] parts = qualifiedArn.split(":");
    return parts.length >= 8 ? parts[7] : "$LATEST";
  }

  /** Drops a version or alias qualifier from a function ARN. */
  static String unqualified(String arn) {
    String[] parts = arn.split(":");
    return parts.length > 7 ? String.join(":", java.util.Arrays.copyOf(parts, 7)) : arn;
  }

  /**
   * Lambda's {@code LastModified} ({@code 2026-10-01T12:00:00.000+0000}), or null if unreadable.
   */
  static Instant parseLastModified(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, LAMBDA_TIMESTAMP).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }

  static Set<String> names(List<FunctionSnapshot> snapshots) {
    Set<String> names = new java.util.HashSet<>();
    snapshots.forEach(snapshot -> names.add(snapshot.key().name()));
    return names;
  }
}
