package io.lambdaledger.api.advice;

import io.javalin.http.Context;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.core.advice.RecommendationKind;
import io.lambdaledger.core.advice.SavingsAdvice;
import io.lambdaledger.core.model.AccountScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * {@code GET /recommendations}: savings recommendations over the whole UTC days before today, for
 * the caller's accounts only, the largest expected saving first.
 */
public record RecommendationsController(SavingsAdvice advice, Clock clock) {

  static final int DEFAULT_LOOKBACK_DAYS = 14;
  static final int MAX_LOOKBACK_DAYS = 90;

  public void list(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("kind", "lookbackDays"));
    RecommendationKind kind = null;
    String kindText = params.get("kind");
    if (kindText != null) {
      kind = RecommendationKind.ofKey(kindText.trim());
      if (kind == null) {
        throw ApiProblem.badParameter(
            "kind",
            "expected arm64, memory, provisionedConcurrency or failures, not '"
                + WindowParser.shorten(kindText)
                + "'");
      }
    }
    int days = DEFAULT_LOOKBACK_DAYS;
    String daysText = params.get("lookbackDays");
    if (daysText != null) {
      try {
        days = Integer.parseInt(daysText.trim());
      } catch (NumberFormatException e) {
        days = -1;
      }
      if (days < 1 || days > MAX_LOOKBACK_DAYS) {
        throw ApiProblem.badParameter(
            "lookbackDays", "expected a whole number of days from 1 to " + MAX_LOOKBACK_DAYS);
      }
    }
    AccountScope scope = Caller.of(ctx).scope();
    SavingsAdvice.Result result =
        advice.recommend(
            LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), days, clock.instant(), scope);
    ctx.json(RecommendationJson.of(result, kind, scope.unrestricted()));
  }
}
