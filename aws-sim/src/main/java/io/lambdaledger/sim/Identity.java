package io.lambdaledger.sim;

/** Who is calling: the account their credentials belong to, and their ARN and user id. */
record Identity(String account, String arn, String userId) {}
