package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/** The tagging API through the real SDK client (2.40.2, JSON 1.1). */
class TaggingTest {

  @Test
  void getResourcesPagesThroughTheTaggedFunctionsOnly() {
    try (AwsSimulator sim =
            AwsSimulator.start(TestSettings.at(Instant.parse("2026-11-20T12:00:00Z"), 250));
        ResourceGroupsTaggingApiClient tagging = Sdk.tagging(sim.endpoint(), "us-east-1")) {
      List<GetResourcesResponse> pages = new ArrayList<>();
      tagging
          .getResourcesPaginator(b -> b.resourceTypeFilters("lambda:function").resourcesPerPage(50))
          .forEach(pages::add);
      List<ResourceTagMapping> all =
          pages.stream().flatMap(p -> p.resourceTagMappingList().stream()).toList();

      Map<String, Map<String, String>> expected =
          sim.functions().stream()
              .filter(f -> !f.tags().isEmpty())
              .collect(Collectors.toMap(SimulatedFunction::arn, SimulatedFunction::tags));
      assertThat(expected.size()).isBetween(200, 249);
      assertThat(pages).hasSize((expected.size() + 49) / 50);
      assertThat(
              all.stream()
                  .collect(
                      Collectors.toMap(
                          ResourceTagMapping::resourceARN,
                          m -> m.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)))))
          .isEqualTo(expected);

      List<ResourceTagMapping> prod =
          tagging
              .getResourcesPaginator(
                  b -> b.tagFilters(TagFilter.builder().key("env").values("prod").build()))
              .resourceTagMappingList()
              .stream()
              .toList();
      assertThat(prod)
          .isNotEmpty()
          .allSatisfy(
              m -> assertThat(m.tags()).contains(Tag.builder().key("env").value("prod").build()));
      assertThat(prod.size()).isLessThan(all.size());
    }
  }
}
