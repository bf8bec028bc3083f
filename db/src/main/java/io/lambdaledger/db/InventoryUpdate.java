package io.lambdaledger.db;

/**
 * What recording one inventory listing changed.
 *
 * @param created functions seen for the first time
 * @param restored functions listed again after having been marked deleted
 * @param configurationChanges configuration periods closed and reopened
 * @param tagChanges functions whose tags were replaced
 * @param provisionedConcurrencyChanges provisioned concurrency periods opened or closed
 * @param deleted functions a complete listing no longer contained
 * @param stale functions left alone because the database already holds a newer observation
 */
public record InventoryUpdate(
    int created,
    int restored,
    int configurationChanges,
    int tagChanges,
    int provisionedConcurrencyChanges,
    int deleted,
    int stale) {}
