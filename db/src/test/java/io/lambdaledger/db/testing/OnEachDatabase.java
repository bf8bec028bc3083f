package io.lambdaledger.db.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the test once per {@link DatabaseKind} (see {@link TestDatabases#kinds()}), named after the
 * kind. The test method takes the kind as its first parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
public @interface OnEachDatabase {}
