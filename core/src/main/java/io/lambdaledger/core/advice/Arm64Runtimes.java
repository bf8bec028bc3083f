package io.lambdaledger.core.advice;

import java.util.Set;

/**
 * Lambda runtimes that offer arm64 (Graviton2), from the AWS Lambda Developer Guide's "Supported
 * runtimes" table (docs/recommendations.md lists them). Container images are left out: whether an
 * image has an arm64 variant cannot be seen from the configuration.
 */
final class Arm64Runtimes {

  private static final Set<String> SUPPORTED =
      Set.of(
          "nodejs24.x",
          "nodejs22.x",
          "nodejs20.x",
          "nodejs18.x",
          "python3.14",
          "python3.13",
          "python3.12",
          "python3.11",
          "python3.10",
          "python3.9",
          "java25",
          "java21",
          "java17",
          "java11",
          "java8.al2",
          "dotnet10",
          "dotnet8",
          "ruby3.4",
          "ruby3.3",
          "ruby3.2",
          "provided.al2023",
          "provided.al2");

  private Arm64Runtimes() {}

  /** Whether the runtime (null for container images) runs on arm64. */
  static boolean supports(String runtime) {
    return runtime != null && SUPPORTED.contains(runtime);
  }
}
