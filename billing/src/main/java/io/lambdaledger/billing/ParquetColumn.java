package io.lambdaledger.billing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One projected Parquet column's current value, as parquet-java's column reader hands it over.
 * Texts (strings) are decoded once per dictionary entry; numbers (double, float, int, long,
 * decimal) become an {@link Amount}; timestamps (int64 with a unit, int96, a date, or text) a UTC
 * day.
 */
final class ParquetColumn extends PrimitiveConverter {

  private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;

  private final String name;
  private final PrimitiveType type;
  private final int decimalScale;
  private final long unitsPerDay;
  private final boolean dateDays;

  private boolean isNull = true;
  private String text;
  private boolean number;
  private final Amount amount = new Amount();
  private long integer;
  private boolean hasInteger;
  private int day;
  private boolean hasDay;

  /** The current dictionary's entries, decoded: one of the three is set. */
  private String[] dictionaryText;

  private Amount[] dictionaryAmount;
  private int[] dictionaryDay;

  /** Decodes dictionary entries as a value is decoded. */
  private ParquetColumn dictionaryValue;

  private final TextCache cache = new TextCache();

  ParquetColumn(String name, PrimitiveType type) {
    this.name = name;
    this.type = type;
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    this.decimalScale =
        logical instanceof DecimalLogicalTypeAnnotation d ? d.getScale() : Integer.MIN_VALUE;
    this.unitsPerDay =
        logical instanceof TimestampLogicalTypeAnnotation t
            ? switch (t.getUnit()) {
              case MILLIS -> 86_400_000L;
              case MICROS -> 86_400_000_000L;
              case NANOS -> 86_400_000_000_000L;
            }
            : 0;
    this.dateDays = logical instanceof DateLogicalTypeAnnotation;
  }

  void setNull() {
    isNull = true;
  }

  private void clear() {
    isNull = false;
    text = null;
    number = false;
    hasInteger = false;
    hasDay = false;
  }

  @Override
  public boolean hasDictionarySupport() {
    return true;
  }

  /**
   * Decodes the column chunk's dictionary once: each entry's text, amount or day, so a value read
   * through the dictionary is an array lookup.
   */
  @Override
  public void setDictionary(Dictionary dictionary) {
    int size = dictionary.getMaxId() + 1;
    dictionaryText = null;
    dictionaryAmount = null;
    dictionaryDay = null;
    dictionaryValue = new ParquetColumn(name, type);
    ParquetColumn v = dictionaryValue;
    for (int id = 0; id < size; id++) {
      switch (type.getPrimitiveTypeName()) {
        case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> v.addBinary(dictionary.decodeToBinary(id));
        case DOUBLE -> v.addDouble(dictionary.decodeToDouble(id));
        case FLOAT -> v.addFloat(dictionary.decodeToFloat(id));
        case INT64 -> v.addLong(dictionary.decodeToLong(id));
        case INT32 -> v.addInt(dictionary.decodeToInt(id));
        case BOOLEAN -> v.addBoolean(dictionary.decodeToBoolean(id));
      }
      if (v.hasDay) {
        if (dictionaryDay == null) {
          dictionaryDay = new int[size];
        }
        dictionaryDay[id] = v.day;
      } else if (v.number) {
        if (dictionaryAmount == null) {
          dictionaryAmount = new Amount[size];
        }
        dictionaryAmount[id] = new Amount();
        dictionaryAmount[id].set(v.amount);
      } else {
        if (dictionaryText == null) {
          dictionaryText = new String[size];
        }
        dictionaryText[id] = v.text;
      }
    }
  }

  @Override
  public void addValueFromDictionary(int id) {
    clear();
    if (dictionaryDay != null) {
      day = dictionaryDay[id];
      hasDay = true;
    } else if (dictionaryAmount != null) {
      amount.set(dictionaryAmount[id]);
      number = true;
    } else {
      text = dictionaryText[id];
    }
  }

  @Override
  public void addBinary(Binary value) {
    clear();
    if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
      ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      b.getLong(); // nanoseconds of the day
      day = (int) (b.getInt() - JULIAN_DAY_OF_EPOCH);
      hasDay = true;
    } else if (decimalScale != Integer.MIN_VALUE) {
      amount.set(new BigDecimal(new BigInteger(value.getBytes()), decimalScale));
      number = true;
    } else {
      // decoded now: the bytes may not outlive the reader's next value
      ByteBuffer b = value.toByteBuffer();
      text =
          b.hasArray()
              ? cache.text(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit())
              : value.toStringUsingUTF8();
    }
  }

  @Override
  public void addDouble(double value) {
    clear();
    amount.set(value);
    number = true;
  }

  @Override
  public void addFloat(float value) {
    addDouble(value);
  }

  @Override
  public void addInt(int value) {
    addLong(value);
  }

  @Override
  public void addLong(long value) {
    clear();
    if (unitsPerDay > 0) {
      day = (int) Math.floorDiv(value, unitsPerDay);
      hasDay = true;
    } else if (dateDays) {
      day = (int) value;
      hasDay = true;
    } else {
      integer = value;
      hasInteger = true;
      amount.set(
          decimalScale != Integer.MIN_VALUE
              ? BigDecimal.valueOf(value, decimalScale)
              : BigDecimal.valueOf(value));
      number = true;
    }
  }

  @Override
  public void addBoolean(boolean value) {
    clear();
    text = Boolean.toString(value);
  }

  String text() {
    if (isNull) {
      return "";
    }
    if (text == null) {
      if (hasInteger) {
        text = Long.toString(integer);
      } else if (number) {
        text = amount.toString();
      } else {
        throw new IllegalArgumentException("column " + name + " is not text");
      }
    }
    return text;
  }

  void decimal(Amount into) {
    if (isNull) {
      into.setZero();
    } else if (number) {
      into.set(amount);
    } else if (text != null) {
      byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
      if (bytes.length == 0) {
        into.setZero();
      } else {
        into.parse(bytes, 0, bytes.length);
      }
    } else {
      throw new IllegalArgumentException("column " + name + " is not a number");
    }
  }

  int epochDay() {
    if (isNull) {
      throw new IllegalArgumentException("column " + name + " is empty");
    }
    if (hasDay) {
      return day;
    }
    byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
    return ExportFiles.epochDay(bytes, 0, bytes.length);
  }
}
