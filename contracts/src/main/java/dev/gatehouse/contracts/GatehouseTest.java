package dev.gatehouse.contracts;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test class against the target of {@link GatehouseExtension} (one per JVM): parameters of type
 * {@link dev.gatehouse.emulator.Gatehouse}, {@link dev.gatehouse.contracts.Target},
 * {@link dev.gatehouse.emulator.client.Outputs} and {@link GatehouseUser} ({@link FreshUser} or {@link User}) are
 * injected.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GatehouseExtension.class)
public @interface GatehouseTest {
}
