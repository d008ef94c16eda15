// Clock and controls: the clock offset, key rotation, and the stack outputs with snippets ready to copy.
import { get, post } from './api.js';
import { h, clear, dateTime, copy, say } from './dom.js';

export async function showControls() {
  const message = document.getElementById('controls-message');
  const [clock, outputs] = await Promise.all([get('clock'), get('outputs')]);
  renderClock(clock);
  const form = document.getElementById('clock-form');
  form.offsetSeconds.value = clock.offsetSeconds;
  form.onsubmit = async (e) => {
    e.preventDefault();
    await change(() => post('clock', { offsetSeconds: Number(form.offsetSeconds.value || 0) }), 'Clock moved', message);
  };
  document.getElementById('clock-reset').onclick = () => change(() => post('clock', { reset: true }), 'Clock reset', message);
  document.getElementById('rotate-keys').onclick = () => change(() => post('keys/rotate'),
    'Signing keys rotated: ID tokens issued before are now refused', message);
  clear(document.getElementById('outputs'), Object.entries(outputs).map(([k, v]) => [h('dt', {}, k), h('dd', {}, h('code', {}, String(v)))]));
  clear(document.getElementById('snippets'), snippets(outputs).map(([title, text]) => h('figure', { class: 'snippet' },
    h('figcaption', {}, title, ' ', h('button', { type: 'button', class: 'small', onclick: async () => {
      say(message, (await copy(text)) ? `${title}: copied` : 'The browser refused to copy; select the text instead', 'ok');
    } }, 'Copy')), h('pre', {}, text))));
}

function renderClock(c) {
  clear(document.getElementById('clock-state'),
    h('dt', {}, 'Gatehouse time'), h('dd', {}, dateTime(c.now)),
    h('dt', {}, 'Offset'), h('dd', {}, `${c.offsetSeconds} s`),
    h('dt', {}, 'Frozen at'), h('dd', {}, c.frozenAt ? dateTime(c.frozenAt) : 'not frozen'));
}

async function change(action, done, message) {
  try {
    const r = await action();
    if (r && r.now) renderClock(r);
    say(message, done, 'ok');
  } catch (e) {
    say(message, e.message, 'error');
  }
}

function snippets(o) {
  const e = o.ApiEndpoint;
  const base = new URL(e).origin;
  return [
    ['AWS CLI: sign in and get an identity', [
      `E=${base} POOL=${o.UserPoolId} CLIENT=${o.UserPoolClientId}`,
      `ID_TOKEN=$(aws cognito-idp initiate-auth --endpoint-url $E --no-sign-request --region ${o.Region} \\`,
      `  --client-id $CLIENT --auth-flow USER_PASSWORD_AUTH \\`,
      `  --auth-parameters 'USERNAME=alice@example.com,PASSWORD=Passw0rd!alice' \\`,
      `  --query AuthenticationResult.IdToken --output text)`,
      `aws cognito-identity get-id --endpoint-url $E --no-sign-request --region ${o.Region} \\`,
      `  --identity-pool-id ${o.IdentityPoolId} --logins "cognito-idp.${o.Region}.amazonaws.com/$POOL=$ID_TOKEN"`,
    ].join('\n')],
    ['curl, signed with a user\'s credentials', [
      'eval "$(./gatehouse credentials alice@example.com)"',
      `curl -s --aws-sigv4 "aws:amz:${o.Region}:execute-api" \\`,
      '  --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" \\',
      `  ${e}/notes`,
    ].join('\n')],
    ['Amplify configuration (v6)', JSON.stringify({
      Auth: { Cognito: { userPoolId: o.UserPoolId, userPoolClientId: o.UserPoolClientId,
        identityPoolId: o.IdentityPoolId, userPoolEndpoint: base, identityPoolEndpoint: base,
        loginWith: { email: true }, signUpVerificationMethod: 'code' } },
      API: { REST: { notes: { endpoint: e, region: o.Region } } },
    }, null, 2)],
  ];
}
