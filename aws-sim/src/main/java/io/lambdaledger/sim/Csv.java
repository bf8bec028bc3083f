package io.lambdaledger.sim;

/** RFC 4180 quoting for the simulator's CSV exports. */
final class Csv {

  private Csv() {}

  static String quote(String value) {
    if (value == null) {
      return "";
    }
    boolean needs =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
