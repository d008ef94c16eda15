package dev.gatehouse.contracts;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one place a contract says it cannot run against a deployed stack (or a Gatehouse in another process): it needs
 * Gatehouse's internals (the call record, the clock, expiring credentials). Disabled, with this reason, unless the
 * target is a Gatehouse in this JVM.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(GatehouseOnlyCondition.class)
public @interface GatehouseOnly {
    /** Why: what of Gatehouse's internals the test needs. */
    String value();
}
