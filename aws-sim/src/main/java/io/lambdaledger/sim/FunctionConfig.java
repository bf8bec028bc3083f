package io.lambdaledger.sim;

/** The billing-relevant configuration of a function during some period of time. */
record FunctionConfig(int memoryMb, String architecture, int ephemeralStorageMb) {

  static final String X86_64 = "x86_64";
  static final String ARM64 = "arm64";

  boolean arm() {
    return ARM64.equals(architecture);
  }
}
