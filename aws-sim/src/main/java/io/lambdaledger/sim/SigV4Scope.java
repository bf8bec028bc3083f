package io.lambdaledger.sim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of a SigV4 {@code Authorization} header: {@code Credential=<access
 * key>/<date>/<region>/<service>/aws4_request}. Signatures are not checked.
 */
record SigV4Scope(String accessKeyId, String region, String service) {

  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");

  static final SigV4Scope UNSIGNED = new SigV4Scope(null, null, null);

  static SigV4Scope parse(String authorization) {
    if (authorization == null) {
      return UNSIGNED;
    }
    Matcher m = CREDENTIAL.matcher(authorization);
    return m.find() ? new SigV4Scope(m.group(1), m.group(2), m.group(3)) : UNSIGNED;
  }
}
