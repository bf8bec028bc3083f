package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Resource Groups Tagging API (JSON 1.1, {@code ResourceGroupsTaggingAPI_20170126.<Op>}):
 * GetResources, GetTagKeys and GetTagValues over the caller's Lambda functions. Untagged resources
 * are never returned, as in AWS; the last page has an empty {@code PaginationToken}.
 */
final class TaggingService {

  static final String TARGET_PREFIX = "ResourceGroupsTaggingAPI_20170126.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final int DEFAULT_PAGE = 100;

  private final Workload workload;

  TaggingService(Workload workload) {
    this.workload = workload;
  }

  SimResponse handle(Call call) {
    JsonNode input = Json.read(call.body());
    ObjectNode body =
        switch (call.operation()) {
          case "GetResources" -> getResources(call, input);
          case "GetTagKeys" -> getTagKeys(call);
          case "GetTagValues" -> getTagValues(call, input);
          default -> throw AwsException.unknownOperation(call.operation());
        };
    return SimResponse.ok(CONTENT_TYPE, Json.bytes(body));
  }

  private ObjectNode getResources(Call call, JsonNode input) {
    List<FunctionProfile> tagged = tagged(call);
    JsonNode arnList = input.path("ResourceARNList");
    boolean byArn = arnList.isArray() && !arnList.isEmpty();
    JsonNode typeFilters = input.path("ResourceTypeFilters");
    JsonNode tagFilters = input.path("TagFilters");
    String token = Json.text(input, "PaginationToken");
    if (byArn
        && (!typeFilters.isEmpty()
            || !tagFilters.isEmpty()
            || (token != null && !token.isEmpty()))) {
      throw AwsException.invalidParameter(
          "ResourceARNList can't be specified with ResourceTypeFilters, TagFilters or"
              + " PaginationToken");
    }
    List<FunctionProfile> selected = new ArrayList<>();
    if (byArn) {
      Set<String> arns = new HashSet<>();
      arnList.forEach(a -> arns.add(a.asText()));
      for (FunctionProfile f : tagged) {
        if (arns.contains(f.arn)) {
          selected.add(f);
        }
      }
    } else if (typesMatch(typeFilters)) {
      for (FunctionProfile f : tagged) {
        if (tagsMatch(f.tags, tagFilters)) {
          selected.add(f);
        }
      }
    }
    int pageSize = DEFAULT_PAGE;
    JsonNode perPage = input.get("ResourcesPerPage");
    if (perPage != null && !perPage.isNull()) {
      pageSize = perPage.asInt();
      if (pageSize < 1 || pageSize > 100) {
        throw AwsException.invalidParameter("ResourcesPerPage must be between 1 and 100");
      }
    }
    long fingerprint =
        PageToken.fingerprint(
            call.account() + '|' + call.region() + '|' + typeFilters + '|' + tagFilters);
    int offset = 0;
    if (token != null && !token.isEmpty()) {
      offset = (int) PageToken.decode(token, 2, fingerprint)[0];
      if (offset < 0 || offset > selected.size()) {
        throw AwsException.invalidNextToken();
      }
    }
    int end = Math.min(selected.size(), offset + pageSize);
    ObjectNode result = Json.object();
    result.put("PaginationToken", end < selected.size() ? PageToken.encode(end, fingerprint) : "");
    ArrayNode mappings = result.putArray("ResourceTagMappingList");
    for (FunctionProfile f : selected.subList(offset, end)) {
      ObjectNode mapping = mappings.addObject();
      mapping.put("ResourceARN", f.arn);
      ArrayNode tags = mapping.putArray("Tags");
      f.tags.forEach(
          (key, value) -> {
            ObjectNode tag = tags.addObject();
            tag.put("Key", key);
            tag.put("Value", value);
          });
    }
    return result;
  }

  private ObjectNode getTagKeys(Call call) {
    Set<String> keys = new TreeSet<>();
    tagged(call).forEach(f -> keys.addAll(f.tags.keySet()));
    ObjectNode result = Json.object();
    result.put("PaginationToken", "");
    ArrayNode list = result.putArray("TagKeys");
    keys.forEach(list::add);
    return result;
  }

  private ObjectNode getTagValues(Call call, JsonNode input) {
    String key = Json.text(input, "Key");
    if (key == null) {
      throw AwsException.invalidParameter("Key is required");
    }
    Set<String> values = new TreeSet<>();
    for (FunctionProfile f : tagged(call)) {
      String value = f.tags.get(key);
      if (value != null) {
        values.add(value);
      }
    }
    ObjectNode result = Json.object();
    result.put("PaginationToken", "");
    ArrayNode list = result.putArray("TagValues");
    values.forEach(list::add);
    return result;
  }

  private List<FunctionProfile> tagged(Call call) {
    return workload.functions(call.account(), call.region()).stream()
        .filter(f -> !f.tags.isEmpty())
        .toList();
  }

  private static boolean typesMatch(JsonNode typeFilters) {
    if (!typeFilters.isArray() || typeFilters.isEmpty()) {
      return true;
    }
    for (JsonNode type : typeFilters) {
      String t = type.asText();
      if (t.equals("lambda") || t.equals("lambda:function")) {
        return true;
      }
    }
    return false;
  }

  /** Every filter's key must be present, with one of its values if it lists any. */
  private static boolean tagsMatch(Map<String, String> tags, JsonNode tagFilters) {
    for (JsonNode filter : tagFilters) {
      String value = tags.get(filter.path("Key").asText());
      if (value == null) {
        return false;
      }
      JsonNode values = filter.path("Values");
      if (values.isArray() && !values.isEmpty()) {
        boolean any = false;
        for (JsonNode v : values) {
          any |= v.asText().equals(value);
        }
        if (!any) {
          return false;
        }
      }
    }
    return true;
  }

  private static final JsonRpcErrors.Codes ERRORS =
      new JsonRpcErrors.Codes(
          "ThrottledException",
          "InternalServiceException",
          "PaginationTokenExpiredException",
          null);

  static SimResponse error(AwsException e) {
    return JsonRpcErrors.render(e, ERRORS.of(e), CONTENT_TYPE);
  }
}
