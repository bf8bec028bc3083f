package io.lambdaledger.collector;

import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * The simulator in its own JVM, on the system clock, for the benchmark: {@code functions seed
 * startIso}. Prints {@code endpoint <uri>} and serves until its standard input closes.
 */
public final class SimulatorProcessMain {

  private SimulatorProcessMain() {}

  public static void main(String[] args) throws IOException {
    SimulatorSettings settings =
        SimulatorSettings.defaults()
            .withFunctions(Integer.parseInt(args[0]))
            .withSeed(Long.parseLong(args[1]))
            .withStart(Instant.parse(args[2]))
            .withClock(Clock.systemUTC());
    try (AwsSimulator simulator = AwsSimulator.start(settings)) {
      System.out.println("endpoint " + simulator.endpoint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the parent closes our standard input (or kills us)
      }
    }
  }
}
