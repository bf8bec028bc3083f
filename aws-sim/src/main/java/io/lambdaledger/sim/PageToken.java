package io.lambdaledger.sim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging tokens: a few numbers, the last of which is a fingerprint of the request they
 * belong to, so a token replayed with another request is rejected as AWS does.
 */
final class PageToken {

  private static final String PREFIX = "sim1.";

  private PageToken() {}

  static String encode(long... parts) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        text.append(':');
      }
      text.append(Long.toString(parts[i], 36));
    }
    return PREFIX
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(text.toString().getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The numbers in the token, whose last one must equal {@code fingerprint}.
   *
   * @throws AwsException of kind INVALID_NEXT_TOKEN for anything else
   */
  static long[] decode(String token, int parts, long fingerprint) {
    if (token == null || !token.startsWith(PREFIX)) {
      throw AwsException.invalidNextToken();
    }
    try {
      String text =
          new String(
              Base64.getUrlDecoder().decode(token.substring(PREFIX.length())),
              StandardCharsets.US_ASCII);
      String[] fields = text.split(":");
      if (fields.length != parts) {
        throw AwsException.invalidNextToken();
      }
      long[] values = new long[parts];
      for (int i = 0; i < parts; i++) {
        values[i] = Long.parseLong(fields[i], 36);
      }
      if (values[parts - 1] != fingerprint) {
        throw AwsException.invalidNextToken();
      }
      return values;
    } catch (IllegalArgumentException e) {
      throw AwsException.invalidNextToken();
    }
  }

  /** FNV-1a, 64 bit: stable across runs, unlike {@link String#hashCode} it has 64 bits. */
  static long fingerprint(String canonical) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < canonical.length(); i++) {
      hash ^= canonical.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
