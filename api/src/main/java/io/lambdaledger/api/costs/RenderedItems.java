package io.lambdaledger.api.costs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.lambdaledger.api.http.Paging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sorted cost items written once as one UTF-8 JSON array, with where each item ends, so that a page
 * of them is a slice of bytes: a repeated {@code /costs} query writes its 50,000 items without
 * building a record or a decimal string per item again. The bytes are those Jackson writes for
 * {@link CostJson.Item} with the response's own writer.
 */
final class RenderedItems {

  /** {@code [item,item,...]} */
  private final byte[] json;

  /** {@code ends[i]}: the offset just after item {@code i}. */
  private final int[] ends;

  private RenderedItems(byte[] json, int[] ends) {
    this.json = json;
    this.ends = ends;
  }

  static RenderedItems of(List<CostResult.Item> items, ObjectWriter writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + items.size() * 320);
    int[] ends = new int[items.size()];
    try (JsonGenerator generator = writer.createGenerator(bytes)) {
      generator.writeStartArray();
      for (int i = 0; i < ends.length; i++) {
        writer.writeValue(generator, CostJson.item(items.get(i)));
        generator.flush();
        ends[i] = bytes.size();
      }
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RenderedItems(bytes.toByteArray(), ends);
  }

  /** How many bytes this keeps. */
  long size() {
    return json.length + 4L * ends.length;
  }

  /** The items of {@code paging}'s slice, written as a JSON array. */
  ItemsPage page(Paging paging) {
    int first = Math.min(paging.offset(), ends.length);
    int last = (int) Math.min((long) first + paging.limit(), ends.length);
    if (first == last) {
      return new ItemsPage(json, 0, 0);
    }
    int from = first == 0 ? 1 : ends[first - 1] + 1;
    return new ItemsPage(json, from, ends[last - 1]);
  }

  /**
   * A JSON array of the items in {@code json[from, to)} (comma-separated already). Written to a
   * UTF-8 byte stream as they are, after flushing what the generator holds; to anything else as
   * text.
   */
  static final class ItemsPage implements JsonSerializable {

    private final byte[] json;
    private final int from;
    private final int to;

    ItemsPage(byte[] json, int from, int to) {
      this.json = json;
      this.from = from;
      this.to = to;
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers)
        throws IOException {
      generator.writeStartArray();
      if (to > from) {
        if (generator.getOutputTarget() instanceof OutputStream out) {
          generator.flush();
          out.write(json, from, to - from);
        } else {
          generator.writeRaw(new String(json, from, to - from, StandardCharsets.UTF_8));
        }
      }
      generator.writeEndArray();
    }

    @Override
    public void serializeWithType(
        JsonGenerator generator, SerializerProvider serializers, TypeSerializer type)
        throws IOException {
      serialize(generator, serializers);
    }
  }
}
