package io.lambdaledger.sim;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS over the AWS Query protocol (form-encoded request, XML answer): GetCallerIdentity and
 * AssumeRole. AssumeRole into a role of an estate account issues credentials whose access key makes
 * that account the caller of every later request.
 */
final class StsService {

  static final String CONTENT_TYPE = "text/xml";
  private static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(.+)");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
  private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final Identities identities;
  private final Clock clock;
  private final String externalId;
  private final AtomicLong issued = new AtomicLong();
  private final long seed;

  StsService(Identities identities, Clock clock, String externalId, long seed) {
    this.identities = identities;
    this.clock = clock;
    this.externalId = externalId;
    this.seed = seed;
  }

  SimResponse handle(Call call, Map<String, String> params) {
    String xml =
        switch (call.operation()) {
          case "GetCallerIdentity" -> getCallerIdentity(call);
          case "AssumeRole" -> assumeRole(call, params);
          default -> throw AwsException.unknownOperation(call.operation());
        };
    return SimResponse.ok(CONTENT_TYPE, xml.getBytes(StandardCharsets.UTF_8));
  }

  private String getCallerIdentity(Call call) {
    Identity identity = call.identity();
    return "<GetCallerIdentityResponse xmlns=\""
        + XMLNS
        + "\"><GetCallerIdentityResult><Arn>"
        + escape(identity.arn())
        + "</Arn><UserId>"
        + escape(identity.userId())
        + "</UserId><Account>"
        + identity.account()
        + "</Account></GetCallerIdentityResult>"
        + metadata(call)
        + "</GetCallerIdentityResponse>";
  }

  private String assumeRole(Call call, Map<String, String> params) {
    String roleArn = params.get("RoleArn");
    String sessionName = params.get("RoleSessionName");
    if (roleArn == null) {
      throw AwsException.missingParameter("RoleArn");
    }
    if (sessionName == null) {
      throw AwsException.missingParameter("RoleSessionName");
    }
    if (!SESSION_NAME.matcher(sessionName).matches()) {
      throw AwsException.validation(
          "1 validation error detected: Value '"
              + sessionName
              + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\w+=,.@-]*");
    }
    Matcher role = ROLE_ARN.matcher(roleArn);
    if (!role.matches()) {
      throw AwsException.validation(roleArn + " is invalid");
    }
    String account = role.group(1);
    String roleName = role.group(2);
    boolean externalIdOk = externalId == null || externalId.equals(params.get("ExternalId"));
    if (!identities.knows(account) || !externalIdOk) {
      throw AwsException.accessDenied(
          "User: "
              + call.identity().arn()
              + " is not authorized to perform: sts:AssumeRole on resource: "
              + roleArn);
    }
    long duration = 3600;
    if (params.get("DurationSeconds") != null) {
      try {
        duration = Long.parseLong(params.get("DurationSeconds"));
      } catch (NumberFormatException e) {
        throw AwsException.validation("DurationSeconds is not a number");
      }
      if (duration < 900 || duration > 43_200) {
        throw AwsException.validation(
            "1 validation error detected: Value '"
                + duration
                + "' at 'durationSeconds' failed to satisfy constraint: Member must have value"
                + " between 900 and 43200");
      }
    }
    long n = issued.incrementAndGet();
    String accessKeyId = "ASIA" + account + randomChars(Rng.hash(seed, 0x5757L, n), 4);
    String roleId =
        "AROA" + randomChars(Rng.hash(seed, account.hashCode(), roleName.hashCode()), 17);
    String assumedArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
    identities.remember(accessKeyId, new Identity(account, assumedArn, roleId + ":" + sessionName));
    Instant expiration = clock.instant().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
    return "<AssumeRoleResponse xmlns=\""
        + XMLNS
        + "\"><AssumeRoleResult><Credentials><AccessKeyId>"
        + accessKeyId
        + "</AccessKeyId><SecretAccessKey>"
        + randomChars(Rng.hash(seed, 0x5EC7L, n), 40)
        + "</SecretAccessKey><SessionToken>"
        + "FwoGZXIvYXdzE"
        + randomChars(Rng.hash(seed, 0x70C3L, n), 120)
        + "</SessionToken><Expiration>"
        + expiration
        + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>"
        + escape(roleId + ":" + sessionName)
        + "</AssumedRoleId><Arn>"
        + escape(assumedArn)
        + "</Arn></AssumedRoleUser><PackedPolicySize>0</PackedPolicySize></AssumeRoleResult>"
        + metadata(call)
        + "</AssumeRoleResponse>";
  }

  private static String metadata(Call call) {
    return "<ResponseMetadata><RequestId>" + call.requestId() + "</RequestId></ResponseMetadata>";
  }

  private static String randomChars(long seed, int length) {
    Rng rng = new Rng(seed);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(KEY_CHARS.charAt(rng.nextInt(KEY_CHARS.length())));
    }
    return s.toString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Query-protocol errors: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error>…}. */
  static SimResponse error(AwsException e, String requestId) {
    int status = e.status();
    String code =
        switch (e.kind()) {
          case THROTTLING -> "Throttling";
          case INTERNAL -> "InternalFailure";
          case ACCESS_DENIED -> "AccessDenied";
          case MISSING_PARAMETER -> "MissingParameter";
          case UNKNOWN_OPERATION -> "InvalidAction";
          case INVALID_PARAMETER -> "InvalidParameterValue";
          default -> "ValidationError";
        };
    String xml =
        "<ErrorResponse xmlns=\""
            + XMLNS
            + "\"><Error><Type>"
            + (status >= 500 ? "Receiver" : "Sender")
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + escape(e.getMessage())
            + "</Message></Error><RequestId>"
            + requestId
            + "</RequestId></ErrorResponse>";
    return new SimResponse(status, CONTENT_TYPE, Map.of(), xml.getBytes(StandardCharsets.UTF_8));
  }
}
