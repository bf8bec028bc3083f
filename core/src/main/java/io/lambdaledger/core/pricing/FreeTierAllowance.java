package io.lambdaledger.core.pricing;

import java.math.BigDecimal;

/**
 * The monthly Lambda free tier: one pool per payer (account or consolidated-billing family), across
 * all regions and both architectures. In the price list these are the zero-priced {@code
 * Global-Request} and {@code Global-Lambda-GB-Second} products with location {@code Any}.
 *
 * @param requests free requests a month, counted against all requests (on-demand and provisioned)
 * @param gbSeconds free GB-seconds a month, counted against on-demand duration only
 * @param requestSku SKU of the free request product (for price-list rendering)
 * @param gbSecondSku SKU of the free compute product (for price-list rendering)
 */
public record FreeTierAllowance(
    long requests, BigDecimal gbSeconds, String requestSku, String gbSecondSku) {

  /** The always-free allowance: 1,000,000 requests and 400,000 GB-seconds a month. */
  public static final FreeTierAllowance STANDARD =
      new FreeTierAllowance(
          1_000_000L, BigDecimal.valueOf(400_000L), "ZQVCC2M69R4S79XS", "4VCGJ7EG8PJVZG7S");

  public FreeTierAllowance {
    if (requests < 0 || gbSeconds == null || gbSeconds.signum() < 0) {
      throw new IllegalArgumentException("free-tier allowances must be zero or more");
    }
    requestSku = requestSku == null ? "" : requestSku;
    gbSecondSku = gbSecondSku == null ? "" : gbSecondSku;
  }
}
