package dev.gatehouse.emulator.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code AWS::Cognito::UserPool}, {@code UserPoolClient}, {@code IdentityPool} and {@code IdentityPoolRoleAttachment}:
 * Gatehouse emulates one of each, with email as the username, Cognito's default password policy, the client's
 * auth flows and token validity, and the identity pool's roles (read by {@link RoleReader}).
 */
final class CognitoReader {
    private static final Set<String> POOL_READ = Reading.names("UserPoolName", "Policies", "UsernameAttributes",
            "AutoVerifiedAttributes", "AdminCreateUserConfig", "MfaConfiguration", "UserAttributeUpdateSettings");
    private static final Set<String> POOL_IGNORED = Reading.names("Schema", "EmailConfiguration",
            "VerificationMessageTemplate", "EmailVerificationMessage", "EmailVerificationSubject", "UserPoolTags",
            "DeletionProtection", "AccountRecoverySetting", "UserPoolAddOns", "UsernameConfiguration",
            "DeviceConfiguration", "SmsConfiguration", "SmsAuthenticationMessage", "SmsVerificationMessage",
            "EnabledMfas", "UserPoolTier");
    private static final Set<String> CLIENT_READ = Reading.names("ClientName", "UserPoolId", "ExplicitAuthFlows",
            "GenerateSecret", "IdTokenValidity", "AccessTokenValidity", "RefreshTokenValidity", "TokenValidityUnits",
            "PreventUserExistenceErrors", "RefreshTokenRotation");
    private static final Set<String> CLIENT_IGNORED = Reading.names("AllowedOAuthFlows", "AllowedOAuthScopes",
            "AllowedOAuthFlowsUserPoolClient", "CallbackURLs", "LogoutURLs", "SupportedIdentityProviders",
            "ReadAttributes", "WriteAttributes", "EnableTokenRevocation", "AuthSessionValidity", "DefaultRedirectURI",
            "AnalyticsConfiguration", "EnablePropagateAdditionalUserContextData");
    private static final Set<String> IDENTITY_READ = Reading.names("IdentityPoolName",
            "AllowUnauthenticatedIdentities", "CognitoIdentityProviders", "SupportedLoginProviders",
            "DeveloperProviderName", "OpenIdConnectProviderARNs", "SamlProviderARNs");
    private static final Set<String> IDENTITY_IGNORED = Reading.names("AllowClassicFlow", "IdentityPoolTags",
            "CognitoStreams", "PushSync", "CognitoEvents");

    private final Reading reading;

    CognitoReader(Reading reading) {
        this.reading = reading;
    }

    /** The user pool, with the one client that names it. */
    GatehouseConfig.UserPool userPool(Resource pool, Resource client) {
        reading.knownProperties(pool, POOL_READ, POOL_IGNORED);
        String id = ref(pool);
        String name = reading.string(pool, "UserPoolName");
        List<String> usernames = reading.strings(pool, "UsernameAttributes");
        if (!usernames.equals(List.of("email"))) {
            reading.problem(pool.properties().has("UsernameAttributes") ? pool.at("UsernameAttributes")
                    : pool.propertiesPointer(), "Gatehouse's user pool signs users in by email: expected "
                    + "UsernameAttributes: [email], got " + usernames);
        }
        List<String> verified = reading.strings(pool, "AutoVerifiedAttributes");
        if (!verified.equals(List.of("email"))) {
            reading.problem(pool.properties().has("AutoVerifiedAttributes") ? pool.at("AutoVerifiedAttributes")
                    : pool.propertiesPointer(), "Gatehouse's user pool verifies the email at sign-up with a code: "
                    + "expected AutoVerifiedAttributes: [email], got " + verified);
        }
        String mfa = reading.string(pool, "MfaConfiguration");
        if (mfa != null && !mfa.equals("OFF")) {
            reading.problem(pool.at("MfaConfiguration"), "not emulated: multi-factor authentication; expected OFF");
        }
        JsonNode admin = reading.property(pool, "AdminCreateUserConfig");
        if (admin != null && admin.path("AllowAdminCreateUserOnly").asText("false").equals("true")) {
            reading.problem(pool.at("AdminCreateUserConfig"), "not emulated yet: AllowAdminCreateUserOnly (Gatehouse "
                    + "would let anyone sign up)");
        }
        passwordPolicy(pool);

        reading.knownProperties(client, CLIENT_READ, CLIENT_IGNORED);
        String clientId = ref(client);
        String clientPool = reading.string(client, "UserPoolId");
        if (clientPool != null && !clientPool.equals(id)) {
            reading.problem(client.at("UserPoolId"), "expected the template's user pool " + pool.logicalId()
                    + " (" + id + "), got \"" + clientPool + "\"");
        }
        if (Boolean.TRUE.equals(reading.bool(client, "GenerateSecret"))) {
            reading.problem(client.at("GenerateSecret"), "not emulated: client secrets (SECRET_HASH); expected false");
        }
        String prevent = reading.string(client, "PreventUserExistenceErrors");
        if (prevent != null && !prevent.equals(GatehouseConfig.UserPool.ENABLED)
                && !prevent.equals(GatehouseConfig.UserPool.LEGACY)) {
            reading.problem(client.at("PreventUserExistenceErrors"), "expected ENABLED or LEGACY, got \""
                    + prevent + "\"");
            prevent = null;
        }
        JsonNode units = reading.property(client, "TokenValidityUnits");
        int idMinutes = minutes(client, "IdTokenValidity", units, "IdToken", "hours", 60, 5, 1440);
        int accessMinutes = minutes(client, "AccessTokenValidity", units, "AccessToken", "hours", 60, 5, 1440);
        int refreshMinutes = minutes(client, "RefreshTokenValidity", units, "RefreshToken", "days", 30 * 1440,
                60, 3650 * 1440);
        if (refreshMinutes % 1440 != 0) {
            reading.problem(client.at("RefreshTokenValidity"), "not emulated: a refresh token validity of part of a "
                    + "day; Gatehouse counts it in whole days");
        }
        return new GatehouseConfig.UserPool(id, name == null ? pool.logicalId() : name, clientId, flows(client),
                idMinutes, accessMinutes, Math.max(1, refreshMinutes / 1440), refreshTokenRotation(client),
                attributesRequireVerification(pool), prevent);
    }

    /** The client's {@code RefreshTokenRotation}: {@code Feature} ENABLED/DISABLED, {@code RetryGracePeriodSeconds}. */
    private GatehouseConfig.RefreshTokenRotation refreshTokenRotation(Resource client) {
        JsonNode rotation = reading.property(client, "RefreshTokenRotation");
        if (rotation == null) {
            return GatehouseConfig.RefreshTokenRotation.DISABLED;
        }
        String at = client.at("RefreshTokenRotation");
        rotation.fieldNames().forEachRemaining(name -> {
            if (!name.equals("Feature") && !name.equals("RetryGracePeriodSeconds")) {
                reading.problem(TemplateDocument.child(at, name), "not emulated: Gatehouse reads Feature and "
                        + "RetryGracePeriodSeconds of RefreshTokenRotation");
            }
        });
        String feature = rotation.path("Feature").asText("DISABLED");
        if (!feature.equals("ENABLED") && !feature.equals("DISABLED")) {
            reading.problem(TemplateDocument.child(at, "Feature"), "expected ENABLED or DISABLED, got \"" + feature
                    + "\"");
        }
        String grace = rotation.path("RetryGracePeriodSeconds").asText("0");
        if (!grace.matches("\\d{1,2}") || Integer.parseInt(grace) > 60) {
            reading.problem(TemplateDocument.child(at, "RetryGracePeriodSeconds"), "expected a whole number from 0 "
                    + "to 60, got " + Intrinsics.describe(rotation.get("RetryGracePeriodSeconds")));
            grace = "0";
        }
        return new GatehouseConfig.RefreshTokenRotation(feature.equals("ENABLED"), Integer.parseInt(grace));
    }

    /** The pool's {@code UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate} ({@code [email]}). */
    private List<String> attributesRequireVerification(Resource pool) {
        JsonNode settings = reading.property(pool, "UserAttributeUpdateSettings");
        if (settings == null) {
            return List.of();
        }
        String at = TemplateDocument.child(pool.at("UserAttributeUpdateSettings"),
                "AttributesRequireVerificationBeforeUpdate");
        List<String> names = new ArrayList<>();
        settings.path("AttributesRequireVerificationBeforeUpdate").forEach(a -> names.add(a.asText()));
        if (!names.isEmpty() && !names.equals(List.of("email"))) {
            reading.problem(at, "expected [email] (the only verified attribute Gatehouse keeps), got " + names);
            return List.of();
        }
        return names;
    }

    private void passwordPolicy(Resource pool) {
        JsonNode policies = reading.property(pool, "Policies");
        JsonNode p = policies == null ? null : policies.get("PasswordPolicy");
        if (p == null) {
            return;
        }
        boolean isDefault = p.path("MinimumLength").asInt(8) == 8
                && p.path("RequireLowercase").asText("true").equals("true")
                && p.path("RequireUppercase").asText("true").equals("true")
                && p.path("RequireNumbers").asText("true").equals("true")
                && p.path("RequireSymbols").asText("true").equals("true");
        if (!isDefault) {
            reading.problem(TemplateDocument.child(pool.at("Policies"), "PasswordPolicy"), "not emulated yet: a "
                    + "password policy other than Cognito's default (MinimumLength 8, RequireLowercase, "
                    + "RequireUppercase, RequireNumbers and RequireSymbols true)");
        }
    }

    /** A token validity in minutes, in {@code TokenValidityUnits} (default hours; days for the refresh token). */
    private int minutes(Resource client, String property, JsonNode units, String unitField, String defaultUnit,
                        int fallback, int min, int max) {
        Integer value = reading.integer(client, property, 1, 315_360_000);
        if (value == null) {
            return fallback;
        }
        String unit = units == null ? defaultUnit : units.path(unitField).asText(defaultUnit);
        long minutes = switch (unit) {
            case "seconds" -> value / 60;
            case "minutes" -> value;
            case "hours" -> value * 60L;
            case "days" -> value * 1440L;
            default -> {
                reading.problem(client.at("TokenValidityUnits"), unitField + ": expected seconds, minutes, hours or "
                        + "days, got \"" + unit + "\"");
                yield fallback;
            }
        };
        if (minutes < min || minutes > max) {
            reading.problem(client.at(property), "expected from " + min + " to " + max + " minutes, got " + minutes);
            return fallback;
        }
        return (int) minutes;
    }

    /** {@code ALLOW_USER_SRP_AUTH} → {@code USER_SRP_AUTH}, ...; absent: Cognito's default (SRP and refresh). */
    private List<String> flows(Resource client) {
        List<String> given = reading.strings(client, "ExplicitAuthFlows");
        List<String> out = new ArrayList<>();
        if (given.isEmpty()) {
            return List.of("USER_SRP_AUTH", "REFRESH_TOKEN_AUTH");
        }
        for (String flow : given) {
            switch (flow) {
                case "ALLOW_USER_SRP_AUTH" -> out.add("USER_SRP_AUTH");
                case "ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH" -> out.add("USER_PASSWORD_AUTH");
                case "ALLOW_REFRESH_TOKEN_AUTH" -> out.add("REFRESH_TOKEN_AUTH");
                case "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH" -> out.add("ADMIN_USER_PASSWORD_AUTH");
                case "ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "ALLOW_USER_AUTH" ->
                        reading.warnings.add(flow + " of " + client.logicalId() + " (that flow is not emulated)");
                default -> reading.problem(client.at("ExplicitAuthFlows"), "unknown auth flow " + flow);
            }
        }
        if (given.stream().noneMatch(f -> f.startsWith("ALLOW_"))) {
            // The legacy names: SRP and refresh stay allowed.
            out.add(0, "USER_SRP_AUTH");
            out.add("REFRESH_TOKEN_AUTH");
        }
        return out.stream().distinct().toList();
    }

    /**
     * The identity pool with its roles.
     *
     * @param attachment its {@code IdentityPoolRoleAttachment} (required: without roles no one gets credentials)
     */
    GatehouseConfig.IdentityPool identityPool(Resource pool, Resource attachment, GatehouseConfig.UserPool userPool,
                                              RoleReader roles) {
        reading.knownProperties(pool, IDENTITY_READ, IDENTITY_IGNORED);
        String id = ref(pool);
        for (String unsupported : List.of("SupportedLoginProviders", "DeveloperProviderName",
                "OpenIdConnectProviderARNs", "SamlProviderARNs")) {
            JsonNode v = reading.property(pool, unsupported);
            if (v != null && !(v.isContainerNode() && v.isEmpty())) {
                reading.problem(pool.at(unsupported), "not emulated: only the template's user pool signs users in "
                        + "to the identity pool (CognitoIdentityProviders)");
            }
        }
        Boolean unauthenticated = reading.bool(pool, "AllowUnauthenticatedIdentities");
        if (unauthenticated == null && !pool.properties().has("AllowUnauthenticatedIdentities")) {
            reading.problem(pool.propertiesPointer(), "AllowUnauthenticatedIdentities is missing; expected true "
                    + "or false");
        }
        JsonNode providers = reading.property(pool, "CognitoIdentityProviders");
        if (providers == null || !providers.isArray() || providers.size() != 1) {
            reading.problem(pool.properties().has("CognitoIdentityProviders") ? pool.at("CognitoIdentityProviders")
                    : pool.propertiesPointer(), "expected CognitoIdentityProviders: one entry with the template's "
                    + "user pool client (ClientId) and user pool (ProviderName)");
        } else if (userPool != null) {
            JsonNode provider = providers.get(0);
            String at = TemplateDocument.child(pool.at("CognitoIdentityProviders"), 0);
            if (!provider.path("ClientId").asText().equals(userPool.clientId())) {
                reading.problem(at, "ClientId: expected the template's user pool client (" + userPool.clientId()
                        + "), got " + Intrinsics.describe(provider.get("ClientId")));
            }
            String providerName = userPool.providerName(reading.stack.region());
            if (!provider.path("ProviderName").asText().equals(providerName)) {
                reading.problem(at, "ProviderName: expected " + providerName + " (!GetAtt UserPool.ProviderName), got "
                        + Intrinsics.describe(provider.get("ProviderName")));
            }
        }
        String name = reading.string(pool, "IdentityPoolName");
        GatehouseConfig.Role authenticated = null;
        GatehouseConfig.Role unauthenticatedRole = null;
        if (attachment == null) {
            reading.problem(pool.pointer(), "no AWS::Cognito::IdentityPoolRoleAttachment gives this identity pool its "
                    + "authenticated role");
        } else {
            reading.knownProperties(attachment, Reading.names("IdentityPoolId", "Roles", "RoleMappings"),
                    Set.of());
            if (reading.property(attachment, "RoleMappings") != null) {
                reading.problem(attachment.at("RoleMappings"), "not emulated yet: role mappings (rules or token "
                        + "roles); the Roles apply to every identity");
            }
            JsonNode map = reading.property(attachment, "Roles");
            if (map == null || !map.isObject()) {
                reading.problem(attachment.propertiesPointer(), "Roles: expected {authenticated: role ARN, "
                        + "unauthenticated: role ARN}");
            } else {
                map.fieldNames().forEachRemaining(k -> {
                    if (!k.equals("authenticated") && !k.equals("unauthenticated")) {
                        reading.problem(attachment.at("Roles"), "unknown key " + k + "; expected authenticated, "
                                + "unauthenticated");
                    }
                });
                if (map.has("authenticated")) {
                    authenticated = roles.roleByArn(map.get("authenticated").asText(), attachment.at("Roles"));
                } else {
                    reading.problem(attachment.at("Roles"), "expected an authenticated role");
                }
                if (map.has("unauthenticated")) {
                    unauthenticatedRole = roles.roleByArn(map.get("unauthenticated").asText(), attachment.at("Roles"));
                }
            }
        }
        return new GatehouseConfig.IdentityPool(id, name == null ? pool.logicalId() : name,
                Boolean.TRUE.equals(unauthenticated), 60, authenticated, unauthenticatedRole);
    }

    private String ref(Resource r) {
        return reading.attempt(() -> reading.stack.ref(r.logicalId(), r.pointer()).asText(), r.logicalId());
    }
}
