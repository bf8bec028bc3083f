package io.lambdaledger.sim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The simulator's S3 buckets, in memory: keys in lexicographic order, as S3 lists them. */
final class S3Objects {

  /** One stored object. */
  record S3Object(byte[] data, Instant lastModified, String etag) {}

  private final ConcurrentHashMap<String, NavigableMap<String, S3Object>> buckets =
      new ConcurrentHashMap<>();

  void createBucket(String bucket) {
    buckets.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>());
  }

  /** The bucket's objects, or null if there is no such bucket. */
  NavigableMap<String, S3Object> bucket(String bucket) {
    return buckets.get(bucket);
  }

  void put(String bucket, String key, byte[] data, Instant lastModified) {
    createBucket(bucket);
    buckets.get(bucket).put(key, new S3Object(data, lastModified, etag(data)));
  }

  void delete(String bucket, String key) {
    NavigableMap<String, S3Object> objects = buckets.get(bucket);
    if (objects != null) {
      objects.remove(key);
    }
  }

  private static String etag(byte[] data) {
    try {
      return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
