package io.lambdaledger.core.ledger;

import io.lambdaledger.core.model.ConfigurationPeriod;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.LambdaFunction;
import java.util.List;
import java.util.Optional;

/** The function inventory as the API reads it. */
public interface FunctionDirectory {

  /** Every known function, deleted ones included. */
  List<LambdaFunction> functions();

  Optional<LambdaFunction> function(FunctionKey key);

  /** Configuration periods, oldest first. */
  List<ConfigurationPeriod> history(FunctionKey key);
}
