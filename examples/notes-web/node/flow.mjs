// The notes frontend's Amplify v6 flow in Node (no browser), against a running Gatehouse.
// Usage: node node/flow.mjs config.json EMAIL PASSWORD [ADMIN_TOKEN]
// config.json: Gatehouse's GET /_gatehouse/outputs. Prints one JSON line per step: {step, ok, detail}; stops at the
// first failed step (the wrong-password check runs last, on its own).
import { readFileSync } from "node:fs";
import { Amplify } from "aws-amplify";
import { signUp, confirmSignUp, signIn, signOut, fetchAuthSession } from "aws-amplify/auth";
import { get, post } from "aws-amplify/api";

const [configFile, email, password, adminToken = ""] = process.argv.slice(2);
const outputs = JSON.parse(readFileSync(configFile, "utf8"));
const gatehouse = outputs.CognitoEndpoint || new URL(outputs.ApiEndpoint).origin;
Amplify.configure({
  Auth: { Cognito: { userPoolId: outputs.UserPoolId, userPoolClientId: outputs.UserPoolClientId,
    identityPoolId: outputs.IdentityPoolId, userPoolEndpoint: gatehouse, identityPoolEndpoint: gatehouse,
    loginWith: { email: true }, signUpVerificationMethod: "code" } },
  API: { REST: { notes: { endpoint: outputs.ApiEndpoint, region: outputs.Region } } },
});

function report(step, ok, detail) {
  console.log(JSON.stringify({ step, ok, detail }));
}

async function step(name, work) {
  try {
    const detail = await work();
    report(name, true, detail ?? null);
    return true;
  } catch (e) {
    report(name, false, (e?.name ? e.name + ": " : "") + (e?.message ?? String(e)));
    return false;
  }
}

async function latestCode(to, kind) {
  const r = await fetch(gatehouse + "/_gatehouse/messages?to=" + encodeURIComponent(to),
    { headers: adminToken ? { "X-Gatehouse-Token": adminToken } : {} });
  if (r.status !== 200) throw new Error("GET /_gatehouse/messages answered " + r.status);
  const message = (await r.json()).find((m) => m.kind === kind);
  if (!message) throw new Error("no " + kind + " message for " + to);
  return message.code;
}

const json = async (operation) => (await (await operation.response).body.json());
let first;
const steps = [
  ["sign-up", async () => {
    const r = await signUp({ username: email, password, options: { userAttributes: { email } } });
    if (r.nextStep.signUpStep !== "CONFIRM_SIGN_UP") throw new Error("next step " + r.nextStep.signUpStep);
    return r.userId;
  }],
  ["confirm-sign-up", async () => {
    const r = await confirmSignUp({ username: email, confirmationCode: await latestCode(email, "SIGN_UP") });
    if (!r.isSignUpComplete) throw new Error("not complete: " + JSON.stringify(r.nextStep));
  }],
  ["sign-in", async () => {
    const r = await signIn({ username: email, password });
    if (!r.isSignedIn) throw new Error("next step " + r.nextStep.signInStep);
  }],
  ["fetch-auth-session", async () => {
    first = await fetchAuthSession();
    if (!first.credentials?.accessKeyId || !first.identityId) throw new Error("no credentials");
    return first.identityId;
  }],
  ["post", async () => {
    const note = await json(post({ apiName: "notes", path: "/notes", options: { body: { content: "from Node" } } }));
    if (!note.noteId || note.content !== "from Node") throw new Error(JSON.stringify(note));
    return note.noteId;
  }],
  ["get", async () => {
    const notes = await json(get({ apiName: "notes", path: "/notes" }));
    if (!notes.some((n) => n.content === "from Node")) throw new Error(JSON.stringify(notes));
    return notes.length;
  }],
  ["refresh", async () => {
    const again = await fetchAuthSession({ forceRefresh: true });
    if (!again.tokens?.idToken || !again.credentials?.accessKeyId) throw new Error("no tokens or credentials");
    if (again.tokens.accessToken.toString() === first.tokens.accessToken.toString()) {
      throw new Error("the same access token after a forced refresh");
    }
    await json(get({ apiName: "notes", path: "/notes" }));
    return again.identityId;
  }],
  ["sign-out", async () => {
    await signOut();
    const after = await fetchAuthSession();
    if (after.tokens) throw new Error("still has tokens after sign-out");
  }],
];
for (const [name, work] of steps) {
  if (!(await step(name, work))) break;
}
await step("wrong-password", async () => {
  try {
    await signOut(); // whatever the steps above left, nobody is signed in now
  } catch {
    // already signed out
  }
  try {
    await signIn({ username: email, password: password + "x" });
  } catch (e) {
    if (e.name === "NotAuthorizedException") return e.message;
    throw e;
  }
  throw new Error("signed in with a wrong password");
});
