package dev.gatehouse.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link GatehouseUser} parameter made for this test alone: a new confirmed user of the user pool, named from the
 * test, the label and a random suffix, deleted when the test (or class, for a {@code @BeforeAll}) is done. An
 * unannotated {@code GatehouseUser} parameter is a fresh user too.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FreshUser {
    /** A label that goes into the email, e.g. {@code "bob"}. */
    String value() default "";
}
