package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Smithy RPC v2 CBOR bodies: definite or indefinite maps and arrays are read alike; timestamps are
 * written as tag 1 + float64 epoch seconds, as AWS answers.
 */
final class Cbor {

  static final String CONTENT_TYPE = "application/cbor";

  private static final CBORFactory FACTORY = new CBORFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private Cbor() {}

  static JsonNode read(byte[] body) {
    return Json.readObject(MAPPER, body, "a CBOR map", "CBOR");
  }

  /** Writes a body with a generator; the lambda writes exactly one top-level value. */
  static byte[] write(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (CBORGenerator generator = FACTORY.createGenerator(out)) {
      writer.write(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void writeTimestamp(CBORGenerator generator, long epochSeconds) throws IOException {
    generator.writeTag(1);
    generator.writeNumber((double) epochSeconds);
  }

  @FunctionalInterface
  interface Writer {
    void write(CBORGenerator generator) throws IOException;
  }
}
