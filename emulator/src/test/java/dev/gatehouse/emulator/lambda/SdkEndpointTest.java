package dev.gatehouse.emulator.lambda;

import dev.gatehouse.emulator.dynamodb.DynamoDbLocal;
import dev.gatehouse.emulator.dynamodb.Tables;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A handler's default SDK client, built with no settings in code, reaches DynamoDB Local through the environment. */
class SdkEndpointTest {
    @Test
    void a_default_dynamodb_client_reaches_the_local_endpoint() {
        try (DynamoDbLocal db = DynamoDbLocal.startInMemory();
             DynamoDbClient setup = db.newClient("eu-west-1");
             LambdaEnvironment environment = new LambdaEnvironment("eu-west-1", db.endpoint())) {
            new Tables(setup).ensure(List.of(new GatehouseConfig.Table("only-local",
                    new GatehouseConfig.Key("id", "S"), null, null)));
            assertEquals(db.endpoint().toString(), System.getProperty(LambdaEnvironment.DYNAMODB_ENDPOINT_PROPERTY));
            try (DynamoDbClient handlerClient = DynamoDbClient.create()) {
                assertTrue(handlerClient.listTables().tableNames().contains("only-local"));
            }
        }
        assertEquals(null, System.getProperty(LambdaEnvironment.DYNAMODB_ENDPOINT_PROPERTY), "restored on close");
    }
}
