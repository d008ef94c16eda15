// The guide's notes frontend reduced to one page: Amplify v6 (aws-amplify 6.x) against Gatehouse.
// config.json is Gatehouse's GET /_gatehouse/outputs, saved next to this page (the page cannot read it cross-origin).
import { Amplify } from "aws-amplify";
import {
  signUp, confirmSignUp, signIn, signOut, fetchAuthSession, getCurrentUser, updatePassword, resetPassword,
  confirmResetPassword, updateUserAttributes, confirmUserAttribute, fetchUserAttributes,
} from "aws-amplify/auth";
import { get, post, put, del } from "aws-amplify/api";

const $ = (id) => document.getElementById(id);
const value = (id) => $(id).value.trim();

function show(text, error = "") {
  $("status").textContent = text;
  $("error").textContent = error;
}

/** Runs one button's action: "<name>..." while it runs, then "<name> ok[: detail]" or "<name> failed" + the error. */
function action(name, work) {
  $(name).addEventListener("click", async () => {
    show(name + "...");
    try {
      const detail = await work();
      show(name + " ok" + (detail ? ": " + detail : ""));
    } catch (e) {
      show(name + " failed", (e && e.name ? e.name + ": " : "") + (e && e.message ? e.message : String(e)));
    }
  });
}

async function showUser() {
  try {
    const attributes = await fetchUserAttributes();
    $("user").textContent = attributes.email;
  } catch {
    $("user").textContent = "nobody";
  }
}

async function json(operation) {
  const { body } = await operation.response;
  return body.json();
}

function renderNotes(notes) {
  const list = $("notes");
  list.replaceChildren(...notes.map((n) => {
    const li = document.createElement("li");
    li.dataset.id = n.noteId;
    li.textContent = n.content;
    return li;
  }));
}

async function start() {
  const outputs = await (await fetch("config.json", { cache: "no-store" })).json();
  // The user pool and the identity pool answer on Gatehouse's one port: the API's origin, unless told otherwise.
  const cognitoEndpoint = outputs.CognitoEndpoint || new URL(outputs.ApiEndpoint).origin;
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: outputs.UserPoolId,
        userPoolClientId: outputs.UserPoolClientId,
        identityPoolId: outputs.IdentityPoolId,
        userPoolEndpoint: cognitoEndpoint,
        identityPoolEndpoint: cognitoEndpoint,
        loginWith: { email: true },
        signUpVerificationMethod: "code",
      },
    },
    API: { REST: { notes: { endpoint: outputs.ApiEndpoint, region: outputs.Region } } },
  });

  action("sign-up", async () => {
    const r = await signUp({ username: value("email"), password: $("password").value,
      options: { userAttributes: { email: value("email") } } });
    return r.nextStep.signUpStep;
  });
  action("confirm-sign-up", async () => {
    const r = await confirmSignUp({ username: value("email"), confirmationCode: value("code") });
    return r.nextStep.signUpStep;
  });
  action("sign-in", async () => {
    const r = await signIn({ username: value("email"), password: $("password").value });
    await showUser();
    return r.nextStep.signInStep;
  });
  action("refresh", async () => {
    const session = await fetchAuthSession({ forceRefresh: true });
    return session.identityId ? "credentials for " + session.identityId : "no credentials";
  });
  action("sign-out", async () => {
    await signOut();
    await showUser();
    renderNotes([]);
  });
  action("change-password", async () => {
    await updatePassword({ oldPassword: $("password").value, newPassword: $("new-password").value });
  });
  action("forgot-password", async () => {
    const r = await resetPassword({ username: value("email") });
    return r.nextStep.resetPasswordStep;
  });
  action("confirm-forgot-password", async () => {
    await confirmResetPassword({ username: value("email"), confirmationCode: value("code"),
      newPassword: $("new-password").value });
  });
  action("change-email", async () => {
    const r = await updateUserAttributes({ userAttributes: { email: value("new-email") } });
    return r.email.nextStep.updateAttributeStep;
  });
  action("confirm-email", async () => {
    await confirmUserAttribute({ userAttributeKey: "email", confirmationCode: value("code") });
    await showUser();
  });
  action("create-note", async () => {
    const note = await json(post({ apiName: "notes", path: "/notes", options: { body: { content: value("note-content") } } }));
    $("note-id").value = note.noteId;
    return note.noteId;
  });
  action("list-notes", async () => {
    const notes = await json(get({ apiName: "notes", path: "/notes" }));
    renderNotes(notes);
    return notes.length + " notes";
  });
  action("update-note", async () => {
    await json(put({ apiName: "notes", path: "/notes/" + value("note-id"),
      options: { body: { content: value("note-content") } } }));
  });
  action("delete-note", async () => {
    await (await del({ apiName: "notes", path: "/notes/" + value("note-id") }).response);
  });

  try {
    await getCurrentUser();
    await showUser();
  } catch {
    // nobody signed in yet
  }
  show("ready");
}

start().catch((e) => show("start failed", String(e)));
