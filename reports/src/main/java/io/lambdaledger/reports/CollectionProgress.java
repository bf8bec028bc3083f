package io.lambdaledger.reports;

import io.lambdaledger.core.model.Watermark;
import java.util.List;

/**
 * How far collection has got: every account and region's watermark. A month is final only once
 * every collected account and region is complete past its end.
 */
@FunctionalInterface
public interface CollectionProgress {

  List<Watermark> watermarks();

  /** No watermarks: finality is then decided by the clock and the finality horizon alone. */
  static CollectionProgress none() {
    return List::of;
  }
}
