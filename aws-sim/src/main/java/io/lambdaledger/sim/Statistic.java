package io.lambdaledger.sim;

/** The CloudWatch statistics the simulator computes. */
enum Statistic {
  SUM("Sum"),
  AVERAGE("Average"),
  MINIMUM("Minimum"),
  MAXIMUM("Maximum"),
  SAMPLE_COUNT("SampleCount");

  final String wireName;

  Statistic(String wireName) {
    this.wireName = wireName;
  }

  static Statistic parse(String name) {
    for (Statistic s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    return null;
  }
}
