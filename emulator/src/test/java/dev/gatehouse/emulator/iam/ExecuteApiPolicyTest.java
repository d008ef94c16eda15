package dev.gatehouse.emulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static dev.gatehouse.emulator.iam.PolicyDecision.Verdict.ALLOW;
import static dev.gatehouse.emulator.iam.PolicyDecision.Verdict.EXPLICIT_DENY;
import static dev.gatehouse.emulator.iam.PolicyDecision.Verdict.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExecuteApiPolicyTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final CognitoIdentity ALICE = new CognitoIdentity("us-east-1:11111111-2222-3333-4444-555555555555",
            "us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e", "cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse",
            "1b6d2e83-5c8f-4e2b-8d4f-1b2c3d4e5f60");
    static final String ROLE_ARN = "arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/CognitoIdentityCredentials";

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String arn(String method, String path) {
        return ExecuteApiPolicy.resourceArn("us-east-1", "123456789012", "gh0notes01", "$default", method, path);
    }

    static ExecuteApiPolicy fixturePolicy(String role) throws Exception {
        JsonNode fixture = MAPPER.readTree(Path.of("..", "fixtures", "gatehouse.json").toFile());
        return ExecuteApiPolicy.parse(fixture.get("identityPool").get(role).get("policy"));
    }

    @Test
    void resource_arn_keeps_the_default_stage_literally_and_drops_the_leading_slash() {
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:gh0notes01/$default/GET/notes/n-1",
                arn("get", "/notes/n-1"));
        assertEquals("arn:aws:execute-api:us-east-1:123456789012:gh0notes01/$default/POST/", arn("POST", "/"));
        assertEquals("arn:aws:execute-api:eu-west-1:210987654321:abc123/prod/DELETE/a/b",
                ExecuteApiPolicy.resourceArn("eu-west-1", "210987654321", "abc123", "prod", "DELETE", "a/b"));
    }

    @ParameterizedTest
    @CsvSource({"POST,/notes", "GET,/notes/abc", "GET,/notes", "PUT,/notes/abc", "DELETE,/notes/abc"})
    void fixture_authenticated_role_may_invoke_every_route(String method, String path) throws Exception {
        PolicyDecision decision = fixturePolicy("authenticatedRole").evaluateInvoke(arn(method, path), ALICE);
        assertEquals(new PolicyDecision(ALLOW, 0), decision);
    }

    @Test
    void fixture_unauthenticated_role_is_denied_explicitly() throws Exception {
        PolicyDecision decision = fixturePolicy("unauthenticatedRole").evaluateInvoke(arn("GET", "/notes"), null);
        assertEquals(new PolicyDecision(EXPLICIT_DENY, 0), decision);
        assertEquals("User: " + ROLE_ARN + " is not authorized to perform: execute-api:Invoke on resource: "
                + arn("GET", "/notes") + " with an explicit deny",
                decision.message(ROLE_ARN, ExecuteApiPolicy.INVOKE, arn("GET", "/notes")));
    }

    @Test
    void explicit_deny_wins_over_an_allow() {
        ExecuteApiPolicy policy = ExecuteApiPolicy.parse(json("{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','Action':'execute-api:*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'execute-api:Invoke','Resource':'arn:aws:execute-api:*:*:*/*/DELETE/*'}]}"));
        assertEquals(new PolicyDecision(EXPLICIT_DENY, 1), policy.evaluateInvoke(arn("DELETE", "/notes/1"), ALICE));
        assertEquals(new PolicyDecision(ALLOW, 0), policy.evaluateInvoke(arn("GET", "/notes/1"), ALICE));
    }

    @Test
    void a_route_no_statement_covers_is_implicitly_denied() {
        ExecuteApiPolicy policy = ExecuteApiPolicy.parse(json("{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                + "'Action':'execute-api:Invoke','Resource':'arn:aws:execute-api:us-east-1:123456789012:gh0notes01/*/GET/notes'}}"));
        assertEquals(ALLOW, policy.evaluateInvoke(arn("GET", "/notes"), ALICE).verdict());
        PolicyDecision decision = policy.evaluateInvoke(arn("POST", "/notes"), ALICE);
        assertEquals(new PolicyDecision(IMPLICIT_DENY, -1), decision);
        assertEquals("User: " + ROLE_ARN + " is not authorized to perform: execute-api:Invoke on resource: "
                + arn("POST", "/notes") + " because no identity-based policy allows the execute-api:Invoke action",
                decision.message(ROLE_ARN, ExecuteApiPolicy.INVOKE, arn("POST", "/notes")));
        assertEquals(IMPLICIT_DENY, policy.evaluate("execute-api:ManageConnections", arn("GET", "/notes"), ALICE)
                .verdict());
    }

    @Test
    void wildcards_match_any_run_or_one_character_and_actions_ignore_case() {
        ExecuteApiPolicy policy = ExecuteApiPolicy.parse(json("{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                + "'Action':['EXECUTE-API:invoke'],'Resource':'arn:aws:execute-api:us-east-1:123456789012:gh0notes01/$default/GET/notes/n-?'}}"));
        assertEquals(ALLOW, policy.evaluateInvoke(arn("GET", "/notes/n-1"), ALICE).verdict());
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("GET", "/notes/n-12"), ALICE).verdict());
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("get", "/notes/n-1").replace("/GET/", "/get/"), ALICE)
                .verdict());
    }

    @Test
    void not_action_and_not_resource_invert_the_match() {
        ExecuteApiPolicy policy = ExecuteApiPolicy.parse(json("{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','NotAction':'s3:*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'execute-api:Invoke','NotResource':'arn:aws:execute-api:*:*:gh0notes01/*'}]}"));
        assertEquals(ALLOW, policy.evaluateInvoke(arn("GET", "/notes"), ALICE).verdict());
        assertEquals(EXPLICIT_DENY, policy.evaluateInvoke(
                ExecuteApiPolicy.resourceArn("us-east-1", "123456789012", "otherapi", "$default", "GET", "/x"), ALICE)
                .verdict());
    }

    @Test
    void identity_variable_and_condition_limit_a_statement_to_one_identity() {
        ExecuteApiPolicy policy = ExecuteApiPolicy.parse(json("{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                + "'Action':'execute-api:Invoke','Resource':'arn:aws:execute-api:*:*:gh0notes01/*/*/users/${cognito-identity.amazonaws.com:sub}/*',"
                + "'Condition':{'ForAnyValue:StringLike':{'cognito-identity.amazonaws.com:amr':'authenticated'},"
                + "'StringEquals':{'cognito-identity.amazonaws.com:aud':'us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e'}}}}"));
        assertEquals(ALLOW, policy.evaluateInvoke(arn("GET", "/users/" + ALICE.identityId() + "/notes"), ALICE)
                .verdict());
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("GET", "/users/us-east-1:other/notes"), ALICE)
                .verdict());
        CognitoIdentity guest = new CognitoIdentity(ALICE.identityId(), ALICE.identityPoolId(), null, null);
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("GET", "/users/" + ALICE.identityId() + "/notes"),
                guest).verdict());
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("GET", "/users/" + ALICE.identityId() + "/notes"),
                null).verdict());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'Statement':{'Effect':'allow','Action':'*','Resource':'*'}}|Statement[0].Effect: expected Allow or Deny",
        "{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'},{'Action':'*','Resource':'*'}]}|Statement[1].Effect: expected Allow or Deny",
        "{'Statement':{'Effect':'Allow','Resource':'*'}}|Statement[0]: expected exactly one of Action or NotAction",
        "{'Statement':{'Effect':'Allow','Action':'*','NotAction':'*','Resource':'*'}}|Statement[0]: expected exactly one of Action or NotAction",
        "{'Statement':{'Effect':'Allow','Action':'invoke','Resource':'*'}}|Statement[0].Action: expected \"*\" or \"service:action\", got \"invoke\"",
        "{'Statement':{'Effect':'Allow','Action':[],'Resource':'*'}}|Statement[0].Action: expected a string or a non-empty array of strings",
        "{'Statement':{'Effect':'Allow','Action':'*','Resource':'gh0notes01/*'}}|Statement[0].Resource: expected \"*\" or an ARN, got \"gh0notes01/*\"",
        "{'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Principal':'*'}}|Statement[0].Principal: not allowed in an identity-based policy",
        "{'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'IpAddress':{'aws:SourceIp':'1.2.3.4'}}}}|Statement[0].Condition.IpAddress: unsupported condition operator (supported: StringEquals, StringLike, ForAnyValue:StringEquals, ForAnyValue:StringLike)",
        "{'Statement':{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'aws:username':'x'}}}}|Statement[0].Condition.StringEquals.aws:username: unsupported condition key (supported: cognito-identity.amazonaws.com:sub, cognito-identity.amazonaws.com:aud, cognito-identity.amazonaws.com:amr)",
        "{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'*','Resource':'arn:aws:execute-api:*:*:*/${aws:username}'}}|Statement[0].Resource: unsupported policy variable ${aws:username} (supported: ${cognito-identity.amazonaws.com:sub}, ${cognito-identity.amazonaws.com:aud})",
        "{'Version':'2020-01-01','Statement':{'Effect':'Allow','Action':'*','Resource':'*'}}|Version: expected 2012-10-17 or 2008-10-17",
        "{'Version':'2012-10-17'}|Statement: expected an object or a non-empty array of objects",
        "{'Version':'2012-10-17','Statment':[]}|Statment: unknown field (expected Version, Id, Statement)",
    })
    void invalid_policies_are_refused_naming_the_field(String policy, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecuteApiPolicy.parse(json(policy)));
        assertEquals(message, e.getMessage());
    }

    /**
     * Guards PolicyPattern and RequestContext: a policy variable the caller has no value for matches nothing (it is
     * not an empty string), so a statement scoped to an identity never allows a caller without one.
     */
    @Test
    void identity_variable_without_a_value_matches_nothing() {
        ExecuteApiPolicy policy = ExecuteApiPolicy.parse(json("{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                + "'Action':'execute-api:Invoke','Resource':'arn:aws:execute-api:*:*:gh0notes01/*/*/${cognito-identity.amazonaws.com:sub}*'}}"));
        String own = arn("GET", "/" + ALICE.identityId() + "/notes");
        assertEquals(ALLOW, policy.evaluateInvoke(own, ALICE).verdict());
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(own, null).verdict());
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("GET", "/notes"), null).verdict());
    }

    private static ExecuteApiPolicy policy(String statements) {
        return ExecuteApiPolicy.parse(json("{'Version':'2012-10-17','Statement':[" + statements + "]}"));
    }

    private static final String API = "arn:aws:execute-api:us-east-1:123456789012:gh0notes01/*/";

    @Test
    void the_first_allowing_statement_is_named_and_only_an_allow_is_allowed() {
        ExecuteApiPolicy policy = policy("{'Effect':'Allow','Action':'execute-api:Invoke','Resource':'" + API + "GET/*'},"
                + "{'Effect':'Allow','Action':'execute-api:Invoke','Resource':'*'},"
                + "{'Effect':'Deny','Action':'execute-api:Invoke','Resource':'" + API + "DELETE/*'}");
        PolicyDecision get = policy.evaluateInvoke(arn("GET", "/notes"), ALICE);
        assertEquals(new PolicyDecision(ALLOW, 0), get, "both allows apply: the first one is named");
        assertTrue(get.allowed());
        assertEquals(new PolicyDecision(ALLOW, 1), policy.evaluateInvoke(arn("POST", "/notes"), ALICE));
        assertFalse(policy.evaluateInvoke(arn("DELETE", "/notes/1"), ALICE).allowed(), "explicit deny");
        assertFalse(policy("{'Effect':'Allow','Action':'execute-api:Invoke','Resource':'" + API + "GET/*'}")
                .evaluateInvoke(arn("PUT", "/notes/1"), ALICE).allowed(), "implicit deny");
    }

    @Test
    void a_sid_that_is_not_a_string_is_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> policy("{'Sid':5,'Effect':'Allow','Action':'execute-api:Invoke','Resource':'*'}"));
        assertTrue(e.getMessage().contains(".Sid: expected a string"), e.getMessage());
    }

    @Test
    void a_dollar_sign_at_the_end_of_a_resource_is_a_literal_character() {
        ExecuteApiPolicy policy = policy("{'Effect':'Allow','Action':'execute-api:Invoke','Resource':'"
                + API + "GET/price$'}");
        assertTrue(policy.evaluateInvoke(arn("GET", "/price$"), ALICE).allowed());
        assertFalse(policy.evaluateInvoke(arn("GET", "/price"), ALICE).allowed());
    }

    @Test
    void a_star_or_question_mark_written_as_a_policy_variable_matches_only_itself() {
        ExecuteApiPolicy policy = policy("{'Effect':'Allow','Action':'execute-api:Invoke','Resource':'"
                + API + "GET/notes/${*}${?}'}");
        assertTrue(policy.evaluateInvoke(arn("GET", "/notes/*?"), ALICE).allowed());
        assertFalse(policy.evaluateInvoke(arn("GET", "/notes/ab"), ALICE).allowed());
        assertFalse(policy.evaluateInvoke(arn("GET", "/notes/*"), ALICE).allowed(), "a literal * matches no empty text");
        assertFalse(policy.evaluateInvoke(arn("GET", "/notes/"), ALICE).allowed());
    }

    @Test
    void trailing_wildcards_match_nothing_more_but_a_trailing_question_mark_needs_a_character() {
        ExecuteApiPolicy stars = policy("{'Effect':'Allow','Action':'execute-api:Invoke','Resource':'"
                + API + "GET/notes**'}");
        assertTrue(stars.evaluateInvoke(arn("GET", "/notes"), ALICE).allowed());
        ExecuteApiPolicy question = policy("{'Effect':'Allow','Action':'execute-api:Invoke','Resource':'"
                + API + "GET/notes?'}");
        assertFalse(question.evaluateInvoke(arn("GET", "/notes"), ALICE).allowed());
        assertTrue(question.evaluateInvoke(arn("GET", "/notesX"), ALICE).allowed());
    }

    @Test
    void a_statement_for_guests_by_amr_allows_a_guest_identity_and_not_a_signed_in_one() {
        ExecuteApiPolicy policy = ExecuteApiPolicy.parse(json("{'Version':'2012-10-17','Statement':{'Effect':'Allow',"
                + "'Action':'execute-api:Invoke','Resource':'*','Condition':{'ForAnyValue:StringLike':"
                + "{'cognito-identity.amazonaws.com:amr':'unauthenticated'}}}}"));
        CognitoIdentity guest = new CognitoIdentity(ALICE.identityId(), ALICE.identityPoolId(), null, null);
        assertEquals(ALLOW, policy.evaluateInvoke(arn("GET", "/notes"), guest).verdict());
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("GET", "/notes"), ALICE).verdict());
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("GET", "/notes"), null).verdict());
    }

    @Test
    void condition_values_may_be_numbers_or_booleans_as_iam_reads_them_as_text() {
        ExecuteApiPolicy policy = ExecuteApiPolicy.parse(json("{'Statement':{'Effect':'Allow',"
                + "'Action':'execute-api:Invoke','Resource':'*','Condition':{'StringEquals':"
                + "{'cognito-identity.amazonaws.com:aud':[123,true]}}}}"));
        assertEquals(IMPLICIT_DENY, policy.evaluateInvoke(arn("GET", "/notes"), ALICE).verdict());
        CognitoIdentity poolNamedTrue = new CognitoIdentity(ALICE.identityId(), "true", null, null);
        assertEquals(ALLOW, policy.evaluateInvoke(arn("GET", "/notes"), poolNamedTrue).verdict());
    }

    @Test
    void an_action_that_is_a_number_is_refused_naming_the_field() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecuteApiPolicy.parse(
                json("{'Statement':{'Effect':'Allow','Action':[5],'Resource':'*'}}")));
        assertEquals("Statement[0].Action: expected a string or a non-empty array of strings", e.getMessage());
    }

    @Test
    void a_pattern_prints_as_the_policy_wrote_it() {
        String source = "arn:aws:execute-api:*:*:gh0notes01/*/GET/${cognito-identity.amazonaws.com:sub}/?";
        assertEquals(source, PolicyPattern.parse(source, true, "Resource").toString());
    }
}
