package dev.gatehouse.emulator.template;

import dev.gatehouse.emulator.client.StackOutputs;
import dev.gatehouse.emulator.config.ConfigException;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateLoaderTest {
    static final Path FIXTURES = Path.of(System.getProperty("gatehouse.fixtures", "../fixtures"));
    static final Path NOTES_SAM = FIXTURES.resolve("notes-sam/template.yaml");

    /** The notes functions' classes (target/classes in the reactor, or their jar): a CodeUri tests can name. */
    static Path functionsCode() {
        try {
            return Path.of(dev.gatehouse.notes.CreateNote.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SAM template around {@code resources} (YAML, indented by 2), with the notes user pool and identity pool. */
    static String samTemplate(String extraTop, String resources) {
        return """
                AWSTemplateFormatVersion: "2010-09-09"
                Transform: AWS::Serverless-2016-10-31
                """ + extraTop + """
                Resources:
                  UserPool:
                    Type: AWS::Cognito::UserPool
                    Properties:
                      UsernameAttributes: [email]
                      AutoVerifiedAttributes: [email]
                  Client:
                    Type: AWS::Cognito::UserPoolClient
                    Properties:
                      UserPoolId: !Ref UserPool
                  Identities:
                    Type: AWS::Cognito::IdentityPool
                    Properties:
                      AllowUnauthenticatedIdentities: false
                      CognitoIdentityProviders:
                        - ClientId: !Ref Client
                          ProviderName: !GetAtt UserPool.ProviderName
                  AuthRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {}
                      Policies:
                        - PolicyName: invoke
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: execute-api:Invoke
                                Resource: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
                  Attachment:
                    Type: AWS::Cognito::IdentityPoolRoleAttachment
                    Properties:
                      IdentityPoolId: !Ref Identities
                      Roles: { authenticated: !GetAtt AuthRole.Arn }
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth: { EnableIamAuthorizer: true, DefaultAuthorizer: AWS_IAM }
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: dev.gatehouse.notes.ListNotes::handleRequest
                      Runtime: java17
                      CodeUri: "CODE"
                      Events:
                        List: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /notes, Method: get } }
                """.replace("CODE", functionsCode().toString().replace("\\", "/")) + resources;
    }

    static StackTemplate read(String text, Map<String, String> overrides, Map<String, String> imports) {
        return TemplateLoader.read(text, "template.yaml", Path.of("/work/stack/template.yaml"), overrides, List.of(),
                imports);
    }

    static StackTemplate read(String text) {
        return read(text, Map.of(), Map.of());
    }

    static ConfigException broken(String text) {
        return assertThrows(ConfigException.class, () -> read(text));
    }

    @Test
    void the_notes_sam_template_gives_the_json_configurations_routes_table_and_pools() {
        GatehouseConfig json = ConfigLoader.load(FIXTURES.resolve("gatehouse.json"));
        StackTemplate stack = TemplateLoader.load(NOTES_SAM, Map.of(), FIXTURES.resolve("notes-sam/users.json"), null);
        GatehouseConfig sam = stack.config();

        Function<GatehouseConfig, Map<String, String>> routes = c -> c.routes().stream().collect(Collectors.toMap(
                GatehouseConfig.Route::routeKey, r -> r.handler().replace("::handleRequest", "") + " "
                        + r.authorization() + " " + r.timeoutSeconds() + "s " + r.memorySizeMb() + "MB "
                        + r.environment()));
        assertEquals(routes.apply(json), routes.apply(sam));
        assertTrue(sam.routes().stream().allMatch(r -> r.code().codeUri().endsWith("functions")), sam.routes().toString());
        assertEquals(json.tables(), sam.tables());
        assertEquals(json.users(), sam.users());
        assertEquals(json.userPool().allowedAuthFlows(), sam.userPool().allowedAuthFlows());
        assertEquals("notes-user-pool", sam.userPool().name());
        assertEquals(List.of(60, 60, 30), List.of(sam.userPool().idTokenMinutes(), sam.userPool().accessTokenMinutes(),
                sam.userPool().refreshTokenDays()));
        assertEquals("$default", sam.api().stage());
        assertTrue(sam.api().apiId().matches("[a-z0-9]{10}"), sam.api().apiId());
        assertEquals("notes-CognitoAuthRole", sam.identityPool().authenticatedRole().name());
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:" + sam.api().apiId() + "/*/*/*",
                sam.identityPool().authenticatedRole().policy().at("/Statement/0/Resource").asText());
        assertFalse(sam.identityPool().allowUnauthenticated());
        assertNull(sam.identityPool().unauthenticatedRole());
        assertEquals("notes", sam.outputs().get("NotesTableName"));
        assertEquals(List.of(), stack.notEmulated());
    }

    @Test
    void ids_are_the_same_on_every_read() {
        GatehouseConfig a = TemplateLoader.load(NOTES_SAM, Map.of(), null, null).config();
        GatehouseConfig b = TemplateLoader.load(NOTES_SAM, Map.of(), null, null).config();
        assertEquals(List.of(a.api().apiId(), a.userPool().id(), a.userPool().clientId(), a.identityPool().id()),
                List.of(b.api().apiId(), b.userPool().id(), b.userPool().clientId(), b.identityPool().id()));
        assertTrue(a.userPool().id().matches("us-east-1_[0-9A-Za-z]{9}"), a.userPool().id());
        assertTrue(a.identityPool().id().matches("us-east-1:[0-9a-f-]{36}"), a.identityPool().id());
    }

    @Test
    void intrinsics_resolve_in_short_and_long_forms() {
        StackTemplate stack = read(samTemplate("""
                Parameters:
                  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
                  Sizes: { Type: CommaDelimitedList, Default: "a,b,c" }
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  NotProd: { "Fn::Not": [{ Condition: IsProd }] }
                  Both: !And [!Condition NotProd, !Or [!Equals [a, a], !Equals [a, b]]]
                Mappings:
                  Tiers: { dev: { Memory: "256" }, prod: { Memory: "1024" } }
                """, """
                Outputs:
                  SubString: { Value: !Sub "${AWS::StackName}-${Env}-${AWS::Region}-${!Literal}" }
                  SubList: { Value: !Sub ["${Name}/${AWS::AccountId}", { Name: !Join ["-", [x, !Ref Env]] }] }
                  Selected: { Value: !Select [1, !Ref Sizes] }
                  SplitSelected: { Value: !Select [2, !Split [":", "p:q:r"]] }
                  Chosen: { Value: !If [IsProd, big, small] }
                  BothHold: { Value: !If [Both, yes-both, no] }
                  Imported: { Value: !ImportValue shared-vpc-id }
                  Memory: { Value: !FindInMap [Tiers, !Ref Env, Memory] }
                  PoolArn: { Value: !GetAtt UserPool.Arn }
                  RoleArn: { Value: { "Fn::GetAtt": [AuthRole, Arn] } }
                  Joined: { Value: { "Fn::Join": [",", [!Ref "AWS::Partition", !Ref "AWS::URLSuffix"]] } }
                  OnlyInProd: { Condition: IsProd, Value: prod-only }
                """), Map.of(), Map.of("shared-vpc-id", "vpc-123"));
        Map<String, String> out = stack.config().outputs();
        assertEquals("stack-dev-us-east-1-${Literal}", out.get("SubString"));
        assertEquals("x-dev/123456789012", out.get("SubList"));
        assertEquals("b", out.get("Selected"));
        assertEquals("r", out.get("SplitSelected"));
        assertEquals("small", out.get("Chosen"));
        assertEquals("yes-both", out.get("BothHold"));
        assertEquals("vpc-123", out.get("Imported"));
        assertEquals("256", out.get("Memory"));
        assertEquals("arn:aws:cognito-idp:us-east-1:123456789012:userpool/" + stack.config().userPool().id(),
                out.get("PoolArn"));
        assertTrue(out.get("RoleArn").startsWith("arn:aws:iam::123456789012:role/stack-AuthRole-"), out.get("RoleArn"));
        assertEquals("aws,amazonaws.com", out.get("Joined"));
        assertFalse(out.containsKey("OnlyInProd"));
    }

    @Test
    void parameter_overrides_replace_defaults_and_are_checked() {
        String template = samTemplate("""
                Parameters:
                  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
                """, """
                Outputs:
                  Env: { Value: !Ref Env }
                """);
        assertEquals("prod", read(template, Map.of("Env", "prod"), Map.of()).config().outputs().get("Env"));
        ConfigException notAllowed = assertThrows(ConfigException.class,
                () -> read(template, Map.of("Env", "test"), Map.of()));
        assertTrue(notAllowed.getMessage().contains("template.yaml:4: Parameters.Env: value \"test\" is not one of "
                + "AllowedValues [dev, prod]"), notAllowed.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> read(template, Map.of("Stage", "x"), Map.of()));
        assertTrue(unknown.getMessage().contains("the template has no parameter Stage"), unknown.getMessage());
    }

    @Test
    void a_broken_intrinsic_stops_with_its_line_and_reason() {
        String template = samTemplate("", """
                Outputs:
                  Bad: { Value: !Select [5, [a, b]] }
                  Missing: { Value: !Ref NoSuchThing }
                  Attribute: { Value: !GetAtt UserPool.Colour }
                  Import: { Value: !ImportValue not-exported }
                """);
        List<String> lines = template.lines().toList();
        int bad = lines.indexOf("  Bad: { Value: !Select [5, [a, b]] }") + 1;
        ConfigException e = broken(template);
        assertTrue(e.problems().contains("template.yaml:" + bad + ": Outputs.Bad.Value.Fn::Select: Fn::Select: index 5 "
                + "is out of bounds of a list of 2"), e.getMessage());
        assertTrue(e.problems().contains("template.yaml:" + (bad + 1) + ": Outputs.Missing.Value.Ref: Ref: no "
                + "parameter or resource named NoSuchThing"), e.getMessage());
        assertTrue(e.getMessage().contains(":" + (bad + 2) + ": Outputs.Attribute.Value.Fn::GetAtt: Fn::GetAtt: "
                + "AWS::Cognito::UserPool UserPool has no attribute Colour"), e.getMessage());
        assertTrue(e.getMessage().contains(":" + (bad + 3) + ": Outputs.Import.Value.Fn::ImportValue: "
                + "Fn::ImportValue: no export named not-exported"), e.getMessage());
    }

    @Test
    void an_unknown_tag_and_broken_yaml_name_their_lines() {
        ConfigException tag = broken("Resources:\n  X:\n    Type: !Reff Y\n");
        assertEquals(List.of("template.yaml:3: Resources.X.Type: unknown tag !Reff; expected one of !Ref, !Condition, "
                + "!Base64, !Cidr, !FindInMap, !GetAtt, !GetAZs, !ImportValue, !Join, !Select, !Split, !Sub, "
                + "!Transform, !If, !Equals, !Not, !And, !Or, !Length, !ToJsonString"), tag.problems());
        ConfigException yaml = broken("Resources:\n  X: [\n");
        assertTrue(yaml.getMessage().startsWith("template.yaml:3: not valid YAML"), yaml.getMessage());
    }

    @Test
    void resources_not_emulated_are_listed_once_in_the_warning() {
        StackTemplate stack = read(samTemplate("", """
                  Uploads:
                    Type: AWS::S3::Bucket
                  Jobs:
                    Type: AWS::SQS::Queue
                    Properties: { QueueName: !Sub "${AWS::StackName}-jobs" }
                  Invoke:
                    Type: AWS::Lambda::Permission
                """));
        assertEquals("not emulated: AWS::S3::Bucket Uploads, AWS::SQS::Queue Jobs", stack.warning());
    }

    @Test
    void functions_of_other_runtimes_run_through_the_runtime_api_with_their_settings(@TempDir Path dir)
            throws IOException {
        Path code = Files.createDirectories(dir.resolve("src"));
        Files.writeString(code.resolve("list.mjs"), "export const main = async () => ({ statusCode: 200 });\n");
        String template = samTemplate("", "").replace("Runtime: java17", "Runtime: nodejs20.x\n"
                        + "      ReservedConcurrentExecutions: 3\n      Timeout: 7\n      MemorySize: 256")
                .replace("Handler: dev.gatehouse.notes.ListNotes::handleRequest", "Handler: list.main")
                .replace(functionsCode().toString().replace("\\", "/"), code.toString().replace("\\", "/"));
        GatehouseConfig.Route route = read(template).config().routes().get(0);
        assertEquals("list.main", route.handler());
        assertEquals(new GatehouseConfig.Code("nodejs20.x", code, 3, "process"), route.code());
        assertEquals(7, route.timeoutSeconds());
        assertEquals(256, route.memorySizeMb());

        String missing = template.replace("Handler: list.main", "Handler: create.main");
        int handlerLine = missing.lines().toList().indexOf("      Handler: create.main") + 1;
        ConfigException e = broken(missing);
        assertTrue(e.getMessage().contains("template.yaml:" + handlerLine + ": Resources.Fn.Properties.Handler: no "
                + "file create.js, .mjs or .cjs in " + code), e.getMessage());
    }

    @Test
    void a_runtime_gatehouse_cannot_run_is_an_error_at_its_runtime_line() {
        String template = samTemplate("", "").replace("Runtime: java17", "Runtime: dotnet8");
        int line = template.lines().toList().indexOf("      Runtime: dotnet8") + 1;
        ConfigException e = broken(template);
        assertTrue(e.getMessage().contains("template.yaml:" + line + ": Resources.Fn.Properties.Runtime: not emulated: "
                + "runtime dotnet8; expected one of java11, java17, java21, java25, java8, java8.al2 (in process) or "
                + "nodejs18.x"), e.getMessage());
    }

    @Test
    void a_java_function_runs_in_process_from_its_own_code() {
        GatehouseConfig.Route route = read(samTemplate("", "")).config().routes().get(0);
        assertEquals(new GatehouseConfig.Code("java17", functionsCode(), GatehouseConfig.Code.DEFAULT_RESERVED_CONCURRENCY,
                "in-process"), route.code());
    }

    @Test
    void iam_needs_the_iam_authorizer_and_other_authorizers_are_refused() {
        ConfigException disabled = broken(samTemplate("", "").replace("EnableIamAuthorizer: true, ", ""));
        assertTrue(disabled.getMessage().contains("Resources.Api.Properties.Auth.DefaultAuthorizer: AWS_IAM as the "
                + "DefaultAuthorizer needs EnableIamAuthorizer: true"), disabled.getMessage());
        ConfigException jwt = broken(samTemplate("", "").replace("Path: /notes, Method: get",
                "Path: /notes, Method: get, Auth: { Authorizer: MyJwt }"));
        assertTrue(jwt.getMessage().contains("Resources.Fn.Properties.Events.List.Properties.Auth.Authorizer: not "
                + "emulated: authorizer MyJwt; expected AWS_IAM or NONE"), jwt.getMessage());
    }

    @Test
    void an_event_with_authorizer_none_is_an_open_route_and_methods_are_upper_cased() {
        GatehouseConfig config = read(samTemplate("", """
                  Open:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: dev.gatehouse.notes.GetNote
                      Runtime: java21
                      CodeUri: "CODE"
                      Events:
                        Health: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /health, Method: any, Auth: { Authorizer: NONE } } }
                """.replace("CODE", functionsCode().toString().replace("\\", "/")))).config();
        GatehouseConfig.Route health = config.routes().stream().filter(r -> r.routeKey().equals("ANY /health"))
                .findFirst().orElseThrow();
        assertEquals("NONE", health.authorization());
        assertEquals("AWS_IAM", config.routes().get(0).authorization());
    }

    @Test
    void tables_keep_their_global_and_local_secondary_indexes() {
        GatehouseConfig config = read(samTemplate("", """
                  Bookmarks:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions:
                        - { AttributeName: userId, AttributeType: S }
                        - { AttributeName: bookmarkId, AttributeType: S }
                        - { AttributeName: url, AttributeType: S }
                        - { AttributeName: createdAt, AttributeType: N }
                      KeySchema:
                        - { AttributeName: userId, KeyType: HASH }
                        - { AttributeName: bookmarkId, KeyType: RANGE }
                      GlobalSecondaryIndexes:
                        - IndexName: byUrl
                          KeySchema: [{ AttributeName: url, KeyType: HASH }]
                          Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [title] }
                      LocalSecondaryIndexes:
                        - IndexName: byCreated
                          KeySchema: [{ AttributeName: userId, KeyType: HASH }, { AttributeName: createdAt, KeyType: RANGE }]
                          Projection: { ProjectionType: ALL }
                  Simple:
                    Type: AWS::Serverless::SimpleTable
                    Properties: { TableName: simple, PrimaryKey: { Name: key, Type: Number } }
                """)).config();
        GatehouseConfig.Table table = config.tables().get(0);
        assertTrue(table.name().startsWith("stack-Bookmarks-"), table.name());
        assertEquals(new GatehouseConfig.Key("userId", "S"), table.partitionKey());
        assertEquals(new GatehouseConfig.Key("bookmarkId", "S"), table.sortKey());
        assertEquals(List.of(new GatehouseConfig.Index("byUrl", new GatehouseConfig.Key("url", "S"), null, "INCLUDE",
                List.of("title"))), table.globalSecondaryIndexes());
        assertEquals(List.of(new GatehouseConfig.Index("byCreated", new GatehouseConfig.Key("userId", "S"),
                new GatehouseConfig.Key("createdAt", "N"), "ALL", List.of())), table.localSecondaryIndexes());
        assertEquals(new GatehouseConfig.Table("simple", new GatehouseConfig.Key("key", "N"), null, null),
                config.tables().get(1));
    }

    @Test
    void cors_configuration_becomes_the_apis_cors_and_the_gateway_answers_preflight() throws Exception {
        String template = samTemplate("", "")
                .replace("Auth: { EnableIamAuthorizer: true, DefaultAuthorizer: AWS_IAM }",
                        "Auth: { EnableIamAuthorizer: true, DefaultAuthorizer: AWS_IAM }\n"
                                + "      CorsConfiguration: { AllowOrigins: [\"http://localhost:3000\"], "
                                + "AllowMethods: [GET, POST], AllowHeaders: [authorization, x-amz-date], MaxAge: 600, "
                                + "AllowCredentials: true }");
        StackTemplate stack = read(template);
        assertEquals(new GatehouseConfig.Cors(List.of("http://localhost:3000"), List.of("GET", "POST"),
                List.of("authorization", "x-amz-date"), List.of(), 600, true), stack.config().api().cors());
        assertFalse(stack.warning().contains("CorsConfiguration"), stack.warning());

        String module = functionsModule();
        GatehouseConfig served = read(template.replace(functionsCode().toString().replace("\\", "/"), module)
                .replace("Resources:\n", "Globals:\n  Function:\n    Environment: { Variables: { TABLE_NAME: notes } }"
                        + "\nResources:\n")).config();
        try (dev.gatehouse.emulator.Gatehouse gatehouse = dev.gatehouse.emulator.Gatehouse.builder().config(served)
                .port(0).start()) {
            java.net.http.HttpResponse<String> preflight = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(gatehouse.baseUri().resolve("/notes"))
                            .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                            .header("Origin", "http://localhost:3000")
                            .header("Access-Control-Request-Method", "GET")
                            .header("Access-Control-Request-Headers", "authorization,x-amz-date").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(204, preflight.statusCode(), preflight.body());
            assertEquals("http://localhost:3000",
                    preflight.headers().firstValue("access-control-allow-origin").orElse(null));
            assertEquals("600", preflight.headers().firstValue("access-control-max-age").orElse(null));
        }

        String wrong = samTemplate("", "").replace("Auth: { EnableIamAuthorizer: true, DefaultAuthorizer: AWS_IAM }",
                "Auth: { EnableIamAuthorizer: true, DefaultAuthorizer: AWS_IAM }\n"
                        + "      CorsConfiguration:\n        AllowOrigins: [\"*\"]\n        AllowMethods: [FETCH]\n"
                        + "        AllowCredentials: true");
        int line = wrong.lines().toList().indexOf("        AllowMethods: [FETCH]") + 1;
        ConfigException e = broken(wrong);
        assertTrue(e.getMessage().contains("template.yaml:" + line + ": Resources.Api.Properties.CorsConfiguration."
                + "AllowMethods[0]: expected \"*\" or a method"), e.getMessage());
        assertTrue(e.getMessage().contains("template.yaml:" + (line + 1) + ": Resources.Api.Properties."
                + "CorsConfiguration.AllowCredentials: expected false with AllowOrigins \"*\""), e.getMessage());
    }

    @Test
    void the_clients_existence_errors_and_rotation_and_the_pools_update_settings_reach_the_user_pool() {
        GatehouseConfig.UserPool defaults = read(samTemplate("", "")).config().userPool();
        assertEquals(GatehouseConfig.UserPool.LEGACY, defaults.preventUserExistenceErrors());
        assertEquals(GatehouseConfig.RefreshTokenRotation.DISABLED, defaults.refreshTokenRotation());
        assertEquals(List.of(), defaults.attributesRequireVerificationBeforeUpdate());

        StackTemplate stack = read(samTemplate("", "")
                .replace("UserPoolId: !Ref UserPool", "UserPoolId: !Ref UserPool\n"
                        + "      PreventUserExistenceErrors: ENABLED\n"
                        + "      RefreshTokenRotation: { Feature: ENABLED, RetryGracePeriodSeconds: 10 }")
                .replace("AutoVerifiedAttributes: [email]", "AutoVerifiedAttributes: [email]\n"
                        + "      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [email] }"));
        GatehouseConfig.UserPool pool = stack.config().userPool();
        assertEquals(GatehouseConfig.UserPool.ENABLED, pool.preventUserExistenceErrors());
        assertTrue(pool.preventsUserExistenceErrors());
        assertEquals(new GatehouseConfig.RefreshTokenRotation(true, 10), pool.refreshTokenRotation());
        assertEquals(List.of("email"), pool.attributesRequireVerificationBeforeUpdate());
        assertFalse(stack.warning().contains("PreventUserExistenceErrors"), stack.warning());

        String wrong = samTemplate("", "").replace("UserPoolId: !Ref UserPool", "UserPoolId: !Ref UserPool\n"
                + "      PreventUserExistenceErrors: DISABLED\n"
                + "      RefreshTokenRotation: { Feature: ENABLED, RetryGracePeriodSeconds: 61 }");
        int line = wrong.lines().toList().indexOf("      PreventUserExistenceErrors: DISABLED") + 1;
        ConfigException e = broken(wrong);
        assertTrue(e.getMessage().contains("template.yaml:" + line + ": Resources.Client.Properties."
                + "PreventUserExistenceErrors: expected ENABLED or LEGACY, got \"DISABLED\""), e.getMessage());
        assertTrue(e.getMessage().contains("template.yaml:" + (line + 1) + ": Resources.Client.Properties."
                + "RefreshTokenRotation.RetryGracePeriodSeconds: expected a whole number from 0 to 60, got the "
                + "number 61"), e.getMessage());
    }

    @Test
    void globals_merge_into_functions() {
        GatehouseConfig config = read(samTemplate("""
                Globals:
                  Function:
                    Timeout: 20
                    MemorySize: 512
                    Environment: { Variables: { STAGE: dev, SHARED: global } }
                """, "").replace("      Runtime: java17", "      Runtime: java17\n      MemorySize: 2048\n"
                + "      Environment: { Variables: { SHARED: own } }")).config();
        GatehouseConfig.Route route = config.routes().get(0);
        assertEquals(20, route.timeoutSeconds());
        assertEquals(2048, route.memorySizeMb());
        assertEquals(Map.of("STAGE", "dev", "SHARED", "own"), route.environment());
    }

    @Test
    void a_handler_class_missing_from_its_code_is_an_error_at_the_handler_line() {
        String template = samTemplate("", "").replace("dev.gatehouse.notes.ListNotes::handleRequest",
                "dev.gatehouse.notes.NoSuchHandler::handleRequest");
        int line = template.lines().toList().indexOf("      Handler: dev.gatehouse.notes.NoSuchHandler::handleRequest")
                + 1;
        ConfigException e = broken(template);
        assertTrue(e.getMessage().contains("template.yaml:" + line + ": Resources.Fn.Properties.Handler: class "
                + "dev.gatehouse.notes.NoSuchHandler is not in"), e.getMessage());
    }

    /** The functions module folder: its classes and the runtime classpath its build wrote (the SDK included). */
    static String functionsModule() {
        return FIXTURES.resolve("../functions").toAbsolutePath().normalize().toString().replace("\\", "/");
    }

    /** {@link #samTemplate} with its API as SAM's REST API ({@code AWS::Serverless::Api}) and an Api event. */
    static String samRestTemplate(String resources) {
        return samTemplate("", resources)
                .replace("Type: AWS::Serverless::HttpApi\n    Properties:\n"
                                + "      Auth: { EnableIamAuthorizer: true, DefaultAuthorizer: AWS_IAM }",
                        "Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n"
                                + "      Auth: { DefaultAuthorizer: AWS_IAM }")
                .replace("{ Type: HttpApi, Properties: { ApiId: !Ref Api,", "{ Type: Api, Properties: { RestApiId: !Ref Api,");
    }

    @Test
    void a_sam_rest_api_is_served_as_a_rest_api_with_its_stage_and_iam_routes() throws Exception {
        GatehouseConfig config = read(samRestTemplate("""
                  Open:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: dev.gatehouse.notes.GetNote::handleRequest
                      Runtime: java17
                      CodeUri: "CODE"
                      Events:
                        Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: "/notes/{id}", Method: any, Auth: { Authorizer: NONE } } }
                """).replace(functionsCode().toString().replace("\\", "/"), functionsModule()).replace("CODE",
                functionsModule()).replace("Resources:\n",
                "Globals:\n  Function:\n    Environment: { Variables: { TABLE_NAME: notes } }\nResources:\n")).config();
        assertEquals(GatehouseConfig.Api.Type.REST, config.api().type());
        assertEquals("prod", config.api().stage());
        Map<String, String> auth = config.routes().stream().collect(Collectors.toMap(GatehouseConfig.Route::routeKey,
                GatehouseConfig.Route::authorization));
        assertEquals(Map.of("GET /notes", "AWS_IAM", "ANY /notes/{id}", "NONE"), auth);

        try (dev.gatehouse.emulator.Gatehouse gatehouse = dev.gatehouse.emulator.Gatehouse.builder().config(config)
                .port(0).start()) {
            java.net.http.HttpResponse<String> unsigned = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(gatehouse.baseUri().resolve("/prod/notes")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, unsigned.statusCode());
            assertEquals("{\"message\":\"Missing Authentication Token\"}", unsigned.body(),
                    "a REST API's answer to an unsigned call (an HTTP API answers Forbidden)");
        }
    }

    @Test
    void api_events_without_an_api_land_on_sams_implicit_rest_api_on_stage_prod() {
        String template = samTemplate("", """
                Outputs:
                  Url: { Value: !Sub "https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/notes" }
                """).replace("""
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth: { EnableIamAuthorizer: true, DefaultAuthorizer: AWS_IAM }
                """, "").replace("${Api}", "${ServerlessRestApi}")
                .replace("{ Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /notes, Method: get } }",
                        "{ Type: Api, Properties: { Path: /notes, Method: get, Auth: { Authorizer: AWS_IAM } } }");
        GatehouseConfig config = read(template).config();
        assertEquals(new GatehouseConfig.Api(config.api().apiId(), "Prod", GatehouseConfig.Api.Type.REST),
                config.api());
        assertEquals("AWS_IAM", config.routes().get(0).authorization());
        assertEquals("http://127.0.0.1:9999/Prod/notes",
                StackOutputs.of(config, URI.create("http://127.0.0.1:9999"), null).get("Url"));
    }

    @Test
    void what_a_rest_api_would_answer_otherwise_is_an_error_at_its_line() {
        String template = samRestTemplate("").replace("      StageName: prod\n",
                "      StageName: prod\n      BinaryMediaTypes: [image/png]\n      Variables: { table: notes }\n");
        int line = template.lines().toList().indexOf("      BinaryMediaTypes: [image/png]") + 1;
        ConfigException e = broken(template);
        assertTrue(e.getMessage().contains("template.yaml:" + line + ": Resources.Api.Properties.BinaryMediaTypes: "
                + "not emulated: BinaryMediaTypes of a REST API"), e.getMessage());
        assertTrue(e.getMessage().contains("template.yaml:" + (line + 1) + ": Resources.Api.Properties.Variables: "
                + "not emulated: Variables of a REST API"), e.getMessage());

        String mixed = samRestTemplate("").replace("{ Type: Api, Properties: { RestApiId: !Ref Api,",
                "{ Type: HttpApi, Properties: {");
        assertTrue(broken(mixed).getMessage().contains("Resources.Fn.Properties.Events.List: an HttpApi event, but the "
                + "template's API is the REST API Api"), broken(mixed).getMessage());
    }

    @Test
    void outputs_naming_the_apis_aws_address_point_at_gatehouse() {
        GatehouseConfig config = read(samTemplate("", """
                Outputs:
                  Url: { Value: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/notes" }
                  Endpoint: { Value: !GetAtt Api.ApiEndpoint }
                  Region: { Value: eu-west-1 }
                """)).config();
        Map<String, String> outputs = StackOutputs.of(config, URI.create("http://127.0.0.1:9999"), null);
        assertEquals("http://127.0.0.1:9999/notes", outputs.get("Url"));
        assertEquals("http://127.0.0.1:9999", outputs.get("Endpoint"));
        assertEquals("us-east-1", outputs.get("Region"), "a standard name keeps the standard value");
        assertEquals("http://127.0.0.1:9999", outputs.get("ApiEndpoint"));
    }

    @Test
    void a_cdk_synthesized_json_template_gives_the_same_routes(@TempDir Path dir) throws IOException {
        Path code = functionsCode();
        String json;
        try (var in = getClass().getResourceAsStream("/templates/cdk-notes.template.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Path template = Files.createDirectories(dir.resolve("cdk.out")).resolve("notes.template.json");
        Files.writeString(template, json.replace("asset.1234", "../" + dir.relativize(code).toString()
                .replace("\\", "/")));
        StackTemplate stack = TemplateLoader.load(template, Map.of(), null, null);
        GatehouseConfig config = stack.config();
        assertEquals(List.of("GET /notes AWS_IAM", "POST /notes AWS_IAM", "GET /health NONE"), config.routes().stream()
                .map(r -> r.routeKey() + " " + r.authorization()).toList());
        assertEquals("dev.gatehouse.notes.ListNotes::handleRequest", config.routes().get(0).handler());
        assertEquals(code.toAbsolutePath().normalize(), config.routes().get(0).code().codeUri());
        assertEquals("notes-table", config.routes().get(0).environment().get("TABLE_NAME"));
        assertEquals("$default", config.api().stage());
        assertEquals("not emulated: AWS::Logs::LogGroup ApiLogs", stack.warning());
    }
}
