package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionKeyTest {

  @Test
  void sortsByAccountThenRegionThenName() {
    FunctionKey a = new FunctionKey("111111111111", "us-east-1", "b");
    FunctionKey b = new FunctionKey("111111111111", "us-east-1", "c");
    FunctionKey c = new FunctionKey("111111111111", "us-west-2", "a");
    FunctionKey d = new FunctionKey("222222222222", "af-south-1", "a");

    assertThat(List.of(d, c, b, a).stream().sorted()).containsExactly(a, b, c, d);
  }

  @Test
  void refusesBlankComponentsNamingThem() {
    assertThatThrownBy(() -> new FunctionKey("111111111111", " ", "f"))
        .hasMessageContaining("region");
    assertThatThrownBy(() -> new FunctionKey("111111111111", "us-east-1", null))
        .hasMessageContaining("name");
  }

  @Test
  void printsAsAccountRegionName() {
    assertThat(new FunctionKey("111111111111", "us-east-1", "api"))
        .hasToString("111111111111/us-east-1/api");
  }
}
