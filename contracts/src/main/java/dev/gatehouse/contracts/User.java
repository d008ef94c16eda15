package dev.gatehouse.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A {@link GatehouseUser} parameter signed in as a configured test user, e.g. {@code @User("alice@example.com")}. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface User {
    /** The user's email (the username). */
    String value();
}
