package io.lambdaledger.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * S3 over REST-XML, path-style ({@code /bucket/key}): ListObjectsV2 (prefix, start-after,
 * continuation tokens, at most 1,000 keys a page), GetObject (with {@code Range}), HeadObject and
 * PutObject (plain or {@code aws-chunked} bodies). SigV4 is accepted, not verified. A bucket whose
 * name starts with {@code denied-} answers every call with {@code AccessDenied}, for tests of a
 * bucket policy that does not let the reader in.
 */
final class S3Service {

  static final String DENIED_PREFIX = "denied-";
  private static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final int MAX_KEYS = 1_000;
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final S3Objects objects;
  private final BillingExports exports;
  private final Clock clock;

  S3Service(S3Objects objects, BillingExports exports, Clock clock) {
    this.objects = objects;
    this.exports = exports;
    this.clock = clock;
  }

  /** The operation a path-style request names. */
  static String operationOf(String method, String path, Map<String, List<String>> query) {
    String rest = path.startsWith("/") ? path.substring(1) : path;
    boolean bucketOnly = !rest.contains("/") || rest.indexOf('/') == rest.length() - 1;
    return switch (method) {
      case "GET" ->
          bucketOnly
              ? (query.containsKey("list-type") ? "ListObjectsV2" : "ListObjects")
              : "GetObject";
      case "HEAD" -> bucketOnly ? "HeadBucket" : "HeadObject";
      case "PUT" -> bucketOnly ? "CreateBucket" : "PutObject";
      default -> method + "Object";
    };
  }

  SimResponse handle(Call call) {
    exports.refresh(clock.instant());
    String rest = call.path().substring(1);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key =
        slash < 0
            ? ""
            : java.net.URLDecoder.decode(
                rest.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
    if (bucket.startsWith(DENIED_PREFIX)) {
      return error(403, "AccessDenied", "Access Denied", "/" + bucket + "/" + key, call);
    }
    if (call.operation().equals("CreateBucket")) {
      objects.createBucket(bucket);
      return new SimResponse(200, "application/xml", Map.of(), new byte[0]);
    }
    NavigableMap<String, S3Objects.S3Object> contents = objects.bucket(bucket);
    if (contents == null) {
      return error(404, "NoSuchBucket", "The specified bucket does not exist", "/" + bucket, call);
    }
    return switch (call.operation()) {
      case "ListObjectsV2" -> list(bucket, contents, call);
      case "GetObject", "HeadObject" -> get(bucket, key, contents, call);
      case "PutObject" -> {
        objects.put(bucket, key, decodeChunked(call), clock.instant());
        yield new SimResponse(
            200,
            "application/xml",
            Map.of("ETag", objects.bucket(bucket).get(key).etag()),
            new byte[0]);
      }
      case "HeadBucket" -> new SimResponse(200, "application/xml", Map.of(), new byte[0]);
      default ->
          error(
              405,
              "MethodNotAllowed",
              "Not supported here: " + call.operation(),
              call.path(),
              call);
    };
  }

  private SimResponse list(
      String bucket, NavigableMap<String, S3Objects.S3Object> contents, Call call) {
    String prefix = first(call.query(), "prefix", "");
    String token = first(call.query(), "continuation-token", null);
    String startAfter = first(call.query(), "start-after", null);
    int maxKeys = Math.min(MAX_KEYS, Integer.parseInt(first(call.query(), "max-keys", "1000")));
    String after =
        token != null
            ? new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
            : startAfter;
    NavigableMap<String, S3Objects.S3Object> view =
        after == null ? contents.tailMap(prefix, true) : contents.tailMap(after, false);
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"")
        .append(XMLNS)
        .append("\"><Name>")
        .append(escape(bucket))
        .append("</Name><Prefix>")
        .append(escape(prefix))
        .append("</Prefix>");
    int count = 0;
    String lastKey = null;
    boolean truncated = false;
    for (Map.Entry<String, S3Objects.S3Object> e : view.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        if (e.getKey().compareTo(prefix) > 0) {
          break;
        }
        continue;
      }
      if (count == maxKeys) {
        truncated = true;
        break;
      }
      S3Objects.S3Object o = e.getValue();
      xml.append("<Contents><Key>")
          .append(escape(e.getKey()))
          .append("</Key><LastModified>")
          .append(o.lastModified())
          .append("</LastModified><ETag>")
          .append(escape(o.etag()))
          .append("</ETag><Size>")
          .append(o.data().length)
          .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
      count++;
      lastKey = e.getKey();
    }
    xml.append("<KeyCount>")
        .append(count)
        .append("</KeyCount><MaxKeys>")
        .append(maxKeys)
        .append("</MaxKeys><IsTruncated>")
        .append(truncated)
        .append("</IsTruncated>");
    if (token != null) {
      xml.append("<ContinuationToken>").append(escape(token)).append("</ContinuationToken>");
    }
    if (truncated) {
      xml.append("<NextContinuationToken>")
          .append(
              Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(lastKey.getBytes(StandardCharsets.UTF_8)))
          .append("</NextContinuationToken>");
    }
    xml.append("</ListBucketResult>");
    return SimResponse.ok("application/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
  }

  private SimResponse get(
      String bucket, String key, NavigableMap<String, S3Objects.S3Object> contents, Call call) {
    S3Objects.S3Object o = contents.get(key);
    boolean head = call.operation().equals("HeadObject");
    if (o == null) {
      return head
          ? new SimResponse(404, "application/xml", Map.of(), new byte[0])
          : error(
              404,
              "NoSuchKey",
              "The specified key does not exist.",
              "/" + bucket + "/" + key,
              call);
    }
    byte[] data = o.data();
    Map<String, String> headers = new HashMap<>();
    headers.put("ETag", o.etag());
    headers.put("Last-Modified", HTTP_DATE.format(o.lastModified()));
    headers.put("Accept-Ranges", "bytes");
    String range = call.headers().get("range");
    int status = 200;
    int from = 0;
    int to = data.length - 1;
    if (range != null && !head && range.startsWith("bytes=")) {
      String spec = range.substring(6);
      int dash = spec.indexOf('-');
      String a = spec.substring(0, dash);
      String b = spec.substring(dash + 1);
      if (a.isEmpty()) {
        from = Math.max(0, data.length - Integer.parseInt(b));
      } else {
        from = Integer.parseInt(a);
        to = b.isEmpty() ? data.length - 1 : Math.min(data.length - 1, Integer.parseInt(b));
      }
      if (from >= data.length || from > to) {
        headers.put("Content-Range", "bytes */" + data.length);
        return error(
            416,
            "InvalidRange",
            "The requested range is not satisfiable",
            "/" + bucket + "/" + key,
            call);
      }
      status = 206;
      headers.put("Content-Range", "bytes " + from + "-" + to + "/" + data.length);
    }
    if (head) {
      headers.put("Content-Length", Integer.toString(data.length));
      return new SimResponse(200, "application/octet-stream", headers, new byte[0]);
    }
    byte[] body = java.util.Arrays.copyOfRange(data, from, to + 1);
    return new SimResponse(status, "application/octet-stream", headers, body);
  }

  /** The payload of a PutObject, with {@code aws-chunked} framing (and trailers) removed. */
  private static byte[] decodeChunked(Call call) {
    String sha = call.headers().getOrDefault("x-amz-content-sha256", "");
    String encoding = call.headers().getOrDefault("content-encoding", "");
    byte[] body = call.body();
    if (!sha.startsWith("STREAMING") && !encoding.contains("aws-chunked")) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    int i = 0;
    while (i < body.length) {
      int lineEnd = indexOfCrlf(body, i);
      String header = new String(body, i, lineEnd - i, StandardCharsets.US_ASCII);
      int semicolon = header.indexOf(';');
      int size =
          Integer.parseInt(semicolon < 0 ? header.trim() : header.substring(0, semicolon), 16);
      i = lineEnd + 2;
      if (size == 0) {
        break;
      }
      out.write(body, i, size);
      i += size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return b.length;
  }

  static SimResponse error(int status, String code, String message, String resource, Call call) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
            + code
            + "</Code><Message>"
            + escape(message)
            + "</Message><Resource>"
            + escape(resource)
            + "</Resource><RequestId>"
            + call.requestId()
            + "</RequestId></Error>";
    return new SimResponse(
        status, "application/xml", Map.of(), xml.getBytes(StandardCharsets.UTF_8));
  }

  /** An error for a fault or a kind of {@link AwsException}, in S3's shape. */
  static SimResponse error(AwsException e, Call call) {
    return switch (e.kind()) {
      case THROTTLING ->
          error(503, "SlowDown", "Please reduce your request rate.", call.path(), call);
      case INTERNAL ->
          error(
              500,
              "InternalError",
              "We encountered an internal error. Please try again.",
              call.path(),
              call);
      case ACCESS_DENIED -> error(403, "AccessDenied", e.getMessage(), call.path(), call);
      case NOT_FOUND -> error(404, "NoSuchKey", e.getMessage(), call.path(), call);
      default -> error(400, "InvalidRequest", e.getMessage(), call.path(), call);
    };
  }

  private static String first(Map<String, List<String>> query, String name, String fallback) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
