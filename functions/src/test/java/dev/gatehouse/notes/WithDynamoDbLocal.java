package dev.gatehouse.notes;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts one {@link LocalDynamoDb} per test JVM (JUnit root store, closed when the run ends). */
final class WithDynamoDbLocal implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(LocalDynamoDb.class, key -> {
                    try {
                        return LocalDynamoDb.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("Cannot start DynamoDB Local", e);
                    }
                }, LocalDynamoDb.class);
    }
}
