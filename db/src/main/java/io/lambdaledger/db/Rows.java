package io.lambdaledger.db;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.db.jooq.tables.records.FunctionConfigRecord;
import java.time.Instant;

/** Conversions between generated records and core model records shared by several stores. */
final class Rows {

  private Rows() {}

  static FunctionConfiguration configuration(FunctionConfigRecord row) {
    return new FunctionConfiguration(
        row.getMemoryMb(),
        Architecture.parse(row.getArchitecture()),
        row.getEphemeralMb(),
        row.getTimeoutS());
  }

  static FunctionConfigRecord configurationRecord(
      long functionId, Instant validFrom, FunctionConfiguration configuration) {
    FunctionConfigRecord row = new FunctionConfigRecord();
    row.setFunctionId(functionId);
    row.setValidFrom(validFrom);
    row.setValidTo(null);
    row.setMemoryMb(configuration.memoryMb());
    row.setArchitecture(configuration.architecture().id());
    row.setEphemeralMb(configuration.ephemeralStorageMb());
    row.setTimeoutS(configuration.timeoutSeconds());
    row.setProvenance(io.lambdaledger.core.model.Provenance.OBSERVED.name());
    return row;
  }

  static BillingConfiguration billing(int memoryMb, String architecture, int ephemeralMb) {
    return new BillingConfiguration(memoryMb, Architecture.parse(architecture), ephemeralMb);
  }
}
