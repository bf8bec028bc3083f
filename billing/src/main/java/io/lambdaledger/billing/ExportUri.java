package io.lambdaledger.billing;

/**
 * Where an export lives: {@code s3://BUCKET/PREFIX/EXPORT-NAME}, the folder that holds the export's
 * {@code data/} and {@code metadata/}.
 */
record ExportUri(String bucket, String path) {

  static ExportUri parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw BillImportException.badInput(
          "--export must be s3://BUCKET/PREFIX/EXPORT-NAME, got: " + uri);
    }
    String rest = uri.substring(5);
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw BillImportException.badInput(
          "--export must name the export's folder, s3://BUCKET/PREFIX/EXPORT-NAME, got: " + uri);
    }
    return new ExportUri(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The export's name: the last segment of the path. */
  String exportName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  String metadataPrefix() {
    return path + "/metadata/";
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + path;
  }

  static String object(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }
}
